// The local devnet: anvils, system and settlement contracts, the node, devnet.json. Node.js only (spawns processes).

export {
  ANVIL_DEFAULT_PRIVATE_KEYS,
  type DevnetAccount,
  type DevnetKeys,
  getDevnetAccounts,
} from './accounts.js';
export {
  type AnvilInstance,
  anvilBinaryPath,
  getFreePort,
  type StartAnvilParameters,
  startAnvil,
  waitForRpc,
} from './anvil.js';
export { LOCK_FILE, lockDataDir } from './dataDirLock.js';
export { DEVNET_JSON_FILE, toDevnetJson, writeDevnetJson } from './devnetJson.js';
export { DataDirInUseError, DevnetAbortedError, DevnetError, DevnetStateError, PortInUseError } from './errors.js';
export {
  type ExplorerChain,
  ExplorerNotBuiltError,
  type ExplorerServer,
  type StartExplorerServerParameters,
  startExplorerServer,
} from './explorerServer.js';
export { formatDevnetSummary } from './format.js';
export {
  CHAINS_DIR,
  chainStatePath,
  NETWORK_FILE,
  type PersistedNetwork,
} from './persist.js';
export { assertPortsFree, findFreePorts, isPortFree } from './ports.js';
export { FIRST_L2_CHAIN_ID, getL2ChainIds, SETTLEMENT_CHAIN_ID } from './startAnvils.js';
export { type Devnet, type StartDevnetParameters, startDevnet } from './startDevnet.js';
export {
  type DevnetTopology,
  defaultTopology,
  GATEWAY_CHAIN_ID,
  InvalidTopologyError,
  parseTopology,
} from './topology.js';
export type { DevnetChain, DevnetInfo, DevnetJson } from './types.js';
