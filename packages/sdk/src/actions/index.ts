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
  type BuildInteropProofFromSettlementLayerParameters,
  type BuildInteropProofFromSettlementLayerReturnType,
  buildInteropProofFromSettlementLayer,
} from './buildInteropProofFromSettlementLayer.js';
export {
  AccountNotFundedError,
  ChainHaltedError,
  type InteropStage,
  MessageNotFoundError,
  MessageNotProvableError,
  type NotProvableReason,
  RpcUnreachableError,
  SettlementDataError,
  VerificationFailedError,
  WaitTimeoutError,
  WrongChainError,
} from './errors.js';
export {
  type GetInteropMessageStatusParameters,
  type GetInteropMessageStatusReturnType,
  getInteropMessageStatus,
} from './getInteropMessageStatus.js';
export { type GetInteropProofParameters, type GetInteropProofReturnType, getInteropProof } from './getInteropProof.js';
export { type GetInteropRootParameters, type GetInteropRootReturnType, getInteropRoot } from './getInteropRoot.js';
export { retryBlockOutOfRange } from './rpc.js';
export {
  type SendInteropMessageParameters,
  type SendInteropMessageReturnType,
  sendInteropMessage,
} from './sendInteropMessage.js';
export type { InteropMessageProof, InteropMessageState, InteropMessageStatus } from './types.js';
export {
  type InteropMessageRef,
  type VerifyInteropMessageParameters,
  type VerifyInteropMessageReturnType,
  verifyInteropMessage,
} from './verifyInteropMessage.js';
export {
  type VerifyInteropMessageOffchainParameters,
  type VerifyInteropMessageOffchainReturnType,
  verifyInteropMessageOffchain,
} from './verifyInteropMessageOffchain.js';
export {
  type InteropProgress,
  interopStages,
  type WaitForInteropMessageParameters,
  type WaitForInteropMessageReturnType,
  waitForInteropMessage,
} from './waitForInteropMessage.js';
