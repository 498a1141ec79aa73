// ZKsync compatibility for the node's JSON-RPC endpoint: type-0x71 transactions, hash aliasing, zks_ fee methods.
export { MemoryTxHashAliases, type TxHashAliases, type ZkSendIntent } from './aliases.js';
export { DEFAULT_GAS_PER_PUBDATA, EIP712_TX_TYPE, ZKSYNC_EIP712_DOMAIN, ZKSYNC_EIP712_TYPES } from './constants.js';
export {
  type DecodeEip712TransactionReturnType,
  decodeEip712Transaction,
  type Eip712Transaction,
  isZkSyncTransaction,
  type PaymasterParams,
} from './decodeEip712Transaction.js';
export { getEip712Signature, getEip712SignedDigest, getEip712TransactionHash } from './eip712Hash.js';
export { INVALID_PARAMS, TRANSACTION_REJECTED, ZkSyncCompatError } from './errors.js';
export { type ZksEstimateFeeReturnType, zksEstimateFee, zksGasPerPubdata } from './fees.js';
export {
  type HandleZkSyncMethodContext,
  type HandleZkSyncMethodReturnType,
  handleZkSyncMethod,
} from './handleZkSyncMethod.js';
export { hashBytecode } from './hashBytecode.js';
export { rewriteRequestParams, rewriteResponse, stripZkSyncFields } from './rewrite.js';
export {
  hasUnrecordedZkSyncSends,
  isImpersonatedForZkSync,
  isUnrecordedZkSyncSend,
  type MinedTransaction,
  type SendZkSyncTransactionParameters,
  type SendZkSyncTransactionReturnType,
  sendZkSyncTransaction,
} from './sendZkSyncTransaction.js';
export type { Upstream } from './upstream.js';
export { type VerifyEip712SignatureReturnType, verifyEip712Signature } from './verifyEip712Signature.js';
