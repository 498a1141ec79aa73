// The node: sequencer, settlement watcher, root importer, proof service and JSON-RPC endpoints.
export { startNode, type NodeHandle } from './startNode.js';
export {
  resolveNodeConfig,
  type NodeConfig,
  type NodeChainConfig,
  type NodeSettlementConfig,
  type ResolvedNodeConfig,
  type SettlementContracts,
} from './config.js';
export { NodeConfigError, NodeError, NodePortInUseError, UpstreamError } from './errors.js';
export { Store } from './store/store.js';
export type { LogProof, MessageProof } from './proofs/getProofs.js';
