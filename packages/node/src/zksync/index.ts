// ZKsync compatibility for the node's JSON-RPC endpoint: type-0x71 transactions, hash aliasing, zks_ fee methods.
export { MemoryTxHashAliases, type TxHashAliases } from './aliases.js';
export { DEFAULT_GAS_PER_PUBDATA, EIP712_TX_TYPE, ZKSYNC_EIP712_DOMAIN, ZKSYNC_EIP712_TYPES } from './constants.js';
export {
  decodeEip712Transaction,
  isZkSyncTransaction,
  type DecodeEip712TransactionReturnType,
  type Eip712Transaction,
  type PaymasterParams,
} from './decodeEip712Transaction.js';
export { getEip712Signature, getEip712SignedDigest, getEip712TransactionHash } from './eip712Hash.js';
export { INVALID_PARAMS, TRANSACTION_REJECTED, ZkSyncCompatError } from './errors.js';
export { zksEstimateFee, zksGasPerPubdata, type ZksEstimateFeeReturnType } from './fees.js';
export {
  handleZkSyncMethod,
  type HandleZkSyncMethodContext,
  type HandleZkSyncMethodReturnType,
} from './handleZkSyncMethod.js';
export { hashBytecode } from './hashBytecode.js';
export { rewriteRequestParams, rewriteResponse, stripZkSyncFields } from './rewrite.js';
export {
  hasUnrecordedZkSyncSends,
  sendZkSyncTransaction,
  type SendZkSyncTransactionParameters,
  type SendZkSyncTransactionReturnType,
} from './sendZkSyncTransaction.js';
export type { Upstream } from './upstream.js';
export { verifyEip712Signature, type VerifyEip712SignatureReturnType } from './verifyEip712Signature.js';
