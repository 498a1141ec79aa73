// The local devnet: anvils, system and settlement contracts, the node, devnet.json. Node.js only (spawns processes).
export { startDevnet, type Devnet, type StartDevnetParameters } from './startDevnet.js';
export { startAnvil, getFreePort, waitForRpc, anvilBinaryPath, type AnvilInstance, type StartAnvilParameters } from './anvil.js';
export { getL2ChainIds, SETTLEMENT_CHAIN_ID, FIRST_L2_CHAIN_ID } from './startAnvils.js';
export {
  ANVIL_DEFAULT_PRIVATE_KEYS,
  DEVNET_DEPLOYER_PRIVATE_KEY,
  getDevnetAccounts,
  getOperatorPrivateKey,
  type DevnetAccount,
} from './accounts.js';
export { DEVNET_JSON_FILE, toDevnetJson, writeDevnetJson } from './devnetJson.js';
export { formatDevnetSummary } from './format.js';
export { assertPortsFree, isPortFree } from './ports.js';
export { DevnetAbortedError, DevnetError, PortInUseError } from './errors.js';
export type { DevnetChain, DevnetInfo, DevnetJson } from './types.js';
