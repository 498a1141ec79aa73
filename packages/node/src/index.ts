// The node: sequencer, settlement watcher, root importer, proof service and JSON-RPC endpoints.

export {
  type NodeChainConfig,
  type NodeConfig,
  type NodeSettlementConfig,
  type ResolvedNodeConfig,
  resolveNodeConfig,
  type SettlementContracts,
} from './config.js';
export { NodeConfigError, NodeError, NodePortInUseError, UpstreamError } from './errors.js';
export type { LogProof, MessageProof } from './proofs/getProofs.js';
export {
  ANVIL_METHODS,
  type AnvilMethodTreatment,
  createNetworkHandler,
  METHOD_REFUSED,
} from './rpc/anvilMethods.js';
export { type AllowedOrigins, DEFAULT_ALLOWED_ORIGINS, isOriginPattern } from './rpc/origins.js';
export type { Upstream } from './rpc/upstream.js';
// The sequencer's seal step, for the store-writes benchmark (bench/store-writes.ts): it seals what an Upstream serves.
export { type SealBatchParameters, type SealBatchReturnType, sealBatch } from './sequencer/sealBatch.js';
export { SettlementHistory } from './settlement/history.js';
export { SettlementMirror } from './settlement/mirror.js';
export { NETWORK_SNAPSHOT_FAILED, NetworkSnapshots } from './snapshots/networkSnapshots.js';
export { type NodeHandle, startNode } from './startNode.js';
export { ChainsBehindStoreError, checkChainsHoldStore } from './store/checkChainsHoldStore.js';
export { type SettlementBlockUpdate, Store } from './store/store.js';
