// The shapes of the node's interop_* answers (docs/node.md, "Explorer methods"): the SDK declares them, below both
// the node (which types its answers with them) and this app, under the names the app's code uses.
export type {
  RpcBatchDetail as BatchDetail,
  RpcBatchLog as BatchLog,
  RpcBatchSummary as BatchSummary,
  RpcChainState as ChainState,
  RpcImportedRoot as ImportedRoot,
  RpcImportRecord as ImportRecord,
  RpcInteropMessageProof as MessageProofAnswer,
  RpcMessageDetail as MessageDetail,
  RpcMessageStage as MessageStage,
  RpcMessageStatus as MessageStatusAnswer,
  RpcMessageSummary as MessageSummary,
  RpcNetwork as NetworkAnswer,
  RpcPage as Page,
  RpcSettlementLayerState as SettlementLayerState,
  RpcTransactionMessages as TransactionMessages,
} from '@interop/sdk';
