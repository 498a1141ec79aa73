// The SDK: viem actions to send, track, prove and verify interop messages. One action per file; import what you
// use and bundlers drop the rest.
export { interopCenterAbi, interopMessageSentEvent } from './abi.js';
export { interopSettlementAbi } from './settlementAbi.js';
export {
  AccountNotFundedError,
  MessageNotFoundError,
  MessageNotProvableError,
  RpcUnreachableError,
  SettlementDataError,
  VerificationFailedError,
  WaitTimeoutError,
  WrongChainError,
  type InteropStage,
  type NotProvableReason,
} from './errors.js';
export type { InteropMessageProof, InteropMessageState, InteropMessageStatus } from './types.js';
export {
  sendInteropMessage,
  type SendInteropMessageParameters,
  type SendInteropMessageReturnType,
} from './sendInteropMessage.js';
export {
  getInteropMessageStatus,
  type GetInteropMessageStatusParameters,
  type GetInteropMessageStatusReturnType,
} from './getInteropMessageStatus.js';
export { getInteropProof, type GetInteropProofParameters, type GetInteropProofReturnType } from './getInteropProof.js';
export { getInteropRoot, type GetInteropRootParameters, type GetInteropRootReturnType } from './getInteropRoot.js';
export {
  buildInteropProofFromSettlementLayer,
  type BuildInteropProofFromSettlementLayerParameters,
  type BuildInteropProofFromSettlementLayerReturnType,
} from './buildInteropProofFromSettlementLayer.js';
export {
  verifyInteropMessage,
  type InteropMessageRef,
  type VerifyInteropMessageParameters,
  type VerifyInteropMessageReturnType,
} from './verifyInteropMessage.js';
export {
  verifyInteropMessageOffchain,
  type VerifyInteropMessageOffchainParameters,
  type VerifyInteropMessageOffchainReturnType,
} from './verifyInteropMessageOffchain.js';
export {
  interopStages,
  waitForInteropMessage,
  type InteropProgress,
  type WaitForInteropMessageParameters,
  type WaitForInteropMessageReturnType,
} from './waitForInteropMessage.js';
export { retryBlockOutOfRange } from './rpc.js';
