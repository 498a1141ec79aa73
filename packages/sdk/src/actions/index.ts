// The SDK: viem actions to send, track, prove and verify interop messages. One action per file; import what you
// use and bundlers drop the rest.
export {
  interopCenterAbi,
  interopMessageSentEvent,
  interopSettlementAbi,
  l1MessageSentEvent,
  l1MessengerAbi,
  l2MessageVerificationAbi,
} from './abi.js';
export {
  type BuildInteropProofFromSettlementLayerErrorType,
  type BuildInteropProofFromSettlementLayerParameters,
  type BuildInteropProofFromSettlementLayerReturnType,
  buildInteropProofFromSettlementLayer,
} from './buildInteropProofFromSettlementLayer.js';
export {
  AccountNotFundedError,
  ChainHaltedError,
  type ErrorType,
  type InteropStage,
  InvalidNodeResponseError,
  MessageEventMissingError,
  MessageNotFoundError,
  MessageNotProvableError,
  type NotProvableReason,
  RpcUnreachableError,
  SettlementDataError,
  TransactionRevertedError,
  VerificationFailedError,
  WaitTimeoutError,
  WrongChainError,
} from './errors.js';
export type {
  RpcBatchDetail,
  RpcBatchLog,
  RpcBatchStatus,
  RpcBatchSummary,
  RpcChainState,
  RpcImportedRoot,
  RpcImportRecord,
  RpcMessageDetail,
  RpcMessageStage,
  RpcMessageStatus,
  RpcMessageSummary,
  RpcNetwork,
  RpcPage,
  RpcSettlementLayerState,
  RpcTransactionMessages,
} from './explorerTypes.js';
export {
  type ExtendInteropProofToL1Parameters,
  extendInteropProofToL1,
} from './extendInteropProofToL1.js';
export {
  type GetInteropMessageStatusErrorType,
  type GetInteropMessageStatusParameters,
  type GetInteropMessageStatusReturnType,
  getInteropMessageStatus,
} from './getInteropMessageStatus.js';
export {
  type GetInteropProofErrorType,
  type GetInteropProofParameters,
  type GetInteropProofReturnType,
  getInteropProof,
} from './getInteropProof.js';
export {
  type GetInteropRootErrorType,
  type GetInteropRootParameters,
  type GetInteropRootReturnType,
  getInteropRoot,
} from './getInteropRoot.js';
export {
  findInteropMessageSentLog,
  type InteropMessageSentFilter,
  interopMessageSentFilter,
  interopMessageSentLookback,
  interopMessageSentTopic,
  type RawLog,
} from './interopMessageSentLog.js';
export { retryBlockOutOfRange } from './rpc.js';
export {
  type SendInteropMessageErrorType,
  type SendInteropMessageParameters,
  type SendInteropMessageReturnType,
  sendInteropMessage,
} from './sendInteropMessage.js';
export type {
  InteropMessageProof,
  InteropMessageState,
  InteropMessageStatus,
  RpcInteropMessageProof,
} from './types.js';
export {
  type InteropMessageRef,
  type VerifyInteropMessageErrorType,
  type VerifyInteropMessageParameters,
  type VerifyInteropMessageReturnType,
  verifyInteropMessage,
} from './verifyInteropMessage.js';
export {
  type VerifyInteropMessageOffchainErrorType,
  type VerifyInteropMessageOffchainParameters,
  type VerifyInteropMessageOffchainReturnType,
  verifyInteropMessageOffchain,
} from './verifyInteropMessageOffchain.js';
export {
  type InteropProgress,
  interopStages,
  type WaitForInteropMessageErrorType,
  type WaitForInteropMessageParameters,
  type WaitForInteropMessageReturnType,
  waitForInteropMessage,
} from './waitForInteropMessage.js';
