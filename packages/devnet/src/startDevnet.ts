import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ChainsBehindStoreError, type NodeHandle, startNode } from '@interop/node';
import { type Address, createWalletClient, http, numberToHex } from 'viem';
import { type PrivateKeyAccount, privateKeyToAccount, privateKeyToAddress } from 'viem/accounts';
import { type DevnetAccount, type DevnetKeys, generateDevnetKeys, getDevnetAccounts, keyOf } from './accounts.js';
import { type AnvilInstance, startAnvil } from './anvil.js';
import { lockDataDir } from './dataDirLock.js';
import { deploySettlementContracts, installSystemContracts } from './deploy.js';
import { writeDevnetJson } from './devnetJson.js';
import { DevnetAbortedError, DevnetError, DevnetStateError } from './errors.js';
import { startExplorerServer } from './explorerServer.js';
import {
  chainStatePath,
  clearDataDir,
  type PersistedNetwork,
  readPersistedNetwork,
  writePersistedNetwork,
} from './persist.js';
import { assertPortsFree } from './ports.js';
import { getL2ChainIds, SETTLEMENT_CHAIN_ID } from './startAnvils.js';
import { type DevnetTopology, defaultTopology } from './topology.js';
import type { DevnetInfo } from './types.js';

/** Parameters of {@link startDevnet}. */
export type StartDevnetParameters = {
  /**
   * Who settles on whom (see `defaultTopology` / `parseTopology`): with a `gateway`, chain 506 runs between the
   * L2s on it and L1. Default: every L2 on L1 (`l2Count` of them).
   */
  topology?: DevnetTopology;
  /** Port of the Gateway's public endpoint (0 = a free port). Default 3150. */
  gatewayPort?: number;
  /** Number of L2s (chain ids 271, 272, …). Default 2. */
  l2Count?: number;
  /** Batch interval of every sequencer, in ms. Default 250. */
  batchMs?: number;
  /**
   * Seconds between the L2s' blocks (interval mining, like anvil's `--block-time`; fractions allowed, e.g. 0.1).
   * Default: a block per transaction (automine), the lowest latency. For load tests: a block then carries many
   * messages and each of the node's block reads covers them all. The settlement layers keep mining a block per
   * transaction, so commits and root imports wait for no interval there.
   */
  blockTime?: number;
  /** Port of the settlement layer's public endpoint. 0 = a free port. Default 8545. */
  l1Port?: number;
  /** Port of the first L2's public endpoint; L2 i listens on `l2Port + i`. Default 3050. */
  l2Port?: number;
  /** Explicit public ports of the L2s (overrides `l2Port`); 0 entries = free ports. */
  l2Ports?: number[];
  /** Holds the node's SQLite file and devnet.json. Wiped (only what the devnet writes) at start. Default `.interop`. */
  dataDir?: string;
  /**
   * Keep the whole network in `dataDir` across restarts: each anvil's state (`chains/<chainId>.json`, written when
   * it stops) and the node's store. A start finding a persisted network resumes it instead of deploying a new one.
   */
  persist?: boolean;
  /** Aborting stops whatever was started and rejects with {@link DevnetAbortedError}. */
  signal?: AbortSignal;
  /** Receives one human line per start step. */
  onProgress?: (line: string) => void;
  /** Receives the node's log lines. Default: silent. */
  nodeLog?: (line: string) => void;
  /** Serve the explorer on this port (0 = a free port). Default: no explorer. */
  explorerPort?: number;
  /**
   * Browser origins allowed to call the endpoints (like anvil's --allow-origin): `'*'` or a list
   * (`'http://host:*'` = any port). Default: local pages on any port, which covers the explorer.
   */
  allowedOrigins?: '*' | string[];
};

/** A running devnet. */
export type Devnet = DevnetInfo & {
  /** Where devnet.json was written. */
  devnetJsonPath: string;
  /** Process ids of the anvils (all gone after `stop()`). */
  anvilPids: number[];
  /** Milliseconds from the call to startDevnet until it resolved. */
  startMs: number;
  /**
   * The devnet's own keys (deployer, operators, system callers): random per network, kept in the data dir's
   * network.json with `persist`. For tests and tools that must act as the node; never in devnet.json.
   */
  keys: DevnetKeys;
  /** Stops the node and every anvil started. Safe to call more than once. */
  stop(): Promise<void>;
};

// Enough ETH for the devnet's own senders to never run dry (they pay settlement-layer gas).
const FUNDING = numberToHex(10n ** 24n);
// Commits carry ~120 calldata bytes per log; a full batch (16,384 logs) needs far more than anvil's 30M default.
const SETTLEMENT_GAS_LIMIT = '1000000000';

async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method} failed: ${body.error.message}`);
  return body.result;
}

/**
 * Starts a local interop network: a settlement anvil (chain 9) and `l2Count` L2 anvils on
 * internal ports, the system contracts installed on every L2, the settlement contract deployed
 * with every chain registered to its own operator, and the node (sequencers, root importer,
 * proof RPC) serving the public endpoints. Writes `<dataDir>/devnet.json`. With `persist`, a network
 * kept in `dataDir` by an earlier run is resumed instead (nothing deployed again).
 *
 * Public ports are checked before anything starts, so a clash throws PortInUseError and leaves
 * nothing running. On any failure or abort, everything started so far is stopped.
 */
export async function startDevnet(params: StartDevnetParameters = {}): Promise<Devnet> {
  const t0 = performance.now();
  const topology = params.topology ?? defaultTopology(getL2ChainIds(params.l2Count ?? 2), SETTLEMENT_CHAIN_ID, false);
  const l2Count = topology.chains.length;
  const gatewayPort = params.gatewayPort ?? 3150;
  if (params.persist && topology.gateway !== undefined)
    throw new DevnetError('--persist does not keep a network with a Gateway yet; start it without --persist');
  const batchMs = params.batchMs ?? 250;
  const blockTime = checkBlockTime(params.blockTime);
  const dataDir = resolve(params.dataDir ?? '.interop');
  const l1Port = params.l1Port ?? 8545;
  const l2Ports = params.l2Ports ?? Array.from({ length: l2Count }, (_, i) => (params.l2Port ?? 3050) + i);
  if (l2Ports.length !== l2Count) throw new Error(`l2Ports has ${l2Ports.length} entries for ${l2Count} L2s`);
  const progress = params.onProgress ?? (() => {});
  const step = (line: string) => progress(`[${((performance.now() - t0) / 1000).toFixed(2)} s] ${line}`);

  const gatewayPorts = topology.gateway === undefined ? [] : [gatewayPort];
  const lock = await lockDataDirAndCheckPorts(dataDir, [l1Port, ...gatewayPorts, ...l2Ports, params.explorerPort ?? 0]);
  const cleanups: (() => Promise<void>)[] = [async () => lock.release()];
  const stopAll = async () => {
    // Reverse order: the node first (it talks to the anvils), then the anvils (which write their state files).
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch(() => {});
    }
  };
  const checkAbort = () => {
    if (params.signal?.aborted) throw new DevnetAbortedError();
  };

  try {
    checkAbort();
    const l2ChainIds = topology.chains.map((ch) => ch.chainId);
    const persisted = params.persist ? await readPersistedNetwork(dataDir, l2ChainIds) : undefined;
    if (!persisted) await clearDataDir(dataDir);
    const started: AnvilInstance[] = [];
    cleanups.push(async () => {
      await Promise.all(started.map((a) => a.stop()));
    });
    const launch = launcher(started, params.persist ? dataDir : undefined, miningArgs(l2ChainIds, blockTime));
    let chains: StartedChains;
    if (persisted) {
      step(
        `resuming the devnet kept in ${dataDir}: starting anvil for chain ${SETTLEMENT_CHAIN_ID} and ${l2ChainIds.join(', ')}`,
      );
      chains = await resumeChains(persisted, l2ChainIds, launch);
    } else {
      const keys = generateDevnetKeys([...(topology.gateway === undefined ? [] : [topology.gateway]), ...l2ChainIds]);
      chains = await startChains(topology, keys, launch, step);
      if (params.persist)
        await writePersistedNetwork(
          dataDir,
          describePersistedNetwork(
            chains,
            l2ChainIds,
            started.map((a) => a.chainId),
          ),
        );
    }
    checkAbort();

    step('starting the node (sequencers, root importer, JSON-RPC endpoints)');
    const node = await startDevnetNode({
      chains,
      topology,
      l1Port,
      gatewayPort,
      l2Ports,
      dataDir,
      batchMs,
      log: params.nodeLog,
      allowedOrigins: params.allowedOrigins,
    });
    cleanups.push(() => node.stop());
    checkAbort();

    const info = describeDevnet(chains, node, topology, { batchMs, blockTime }, dataDir);
    if (params.explorerPort !== undefined) {
      const explorer = await startExplorerServer({
        port: params.explorerPort,
        settlement: { chainId: info.l1.chainId, rpcUrl: info.l1.rpcUrl, contract: chains.deployed.settlement },
        chains: [...(info.gateway ? [info.gateway] : []), ...info.l2s],
      });
      cleanups.push(() => explorer.close());
      info.explorer = { url: explorer.url };
    }
    const devnetJsonPath = await writeDevnetJson(info);
    const startMs = performance.now() - t0;
    step('devnet is up');
    const anvilPids = [chains.l1, ...(chains.gateway ? [chains.gateway.anvil] : []), ...chains.l2s].map((a) => a.pid);
    return { ...info, devnetJsonPath, anvilPids, startMs, keys: chains.keys, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** One devnet per data dir: the lock is taken before anything else (even the port check), released last. */
async function lockDataDirAndCheckPorts(dataDir: string, ports: number[]) {
  await mkdir(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  try {
    await assertPortsFree(ports.filter((p) => p !== 0));
  } catch (err) {
    lock.release();
    throw err;
  }
  return lock;
}

/** Longest block time accepted, in seconds: longer would only look like a hung network. */
const MAX_BLOCK_TIME = 3600;

function checkBlockTime(blockTime: number | undefined): number | undefined {
  if (blockTime !== undefined && !(Number.isFinite(blockTime) && blockTime > 0 && blockTime <= MAX_BLOCK_TIME))
    throw new DevnetError(
      `blockTime must be a number of seconds above 0 and at most ${MAX_BLOCK_TIME}, got ${blockTime}`,
    );
  return blockTime;
}

/** The anvil arguments of each chain's mining mode: interval mining on the L2s with a block time, else automine. */
function miningArgs(l2ChainIds: bigint[], blockTime: number | undefined): (chainId: bigint) => string[] {
  return (chainId) =>
    blockTime !== undefined && l2ChainIds.includes(chainId) ? ['--block-time', String(blockTime)] : [];
}

type Launch = (chainId: bigint, args?: string[]) => Promise<AnvilInstance>;

/** Starts anvils (added to `started`, which the caller stops); with a data dir, each on its state file there. */
function launcher(
  started: AnvilInstance[],
  persistDir: string | undefined,
  mining: (chainId: bigint) => string[],
): Launch {
  return async (chainId, extraArgs = []) => {
    const args = [...extraArgs, ...mining(chainId)];
    const all = persistDir ? [...args, '--state', chainStatePath(persistDir, chainId)] : args;
    // getFreePort() → anvil binding it is a race with every other process picking free ports (parallel test
    // files do): one retry on a fresh port.
    const anvil = await startAnvil({ chainId: Number(chainId), args: all }).catch(() =>
      startAnvil({ chainId: Number(chainId), args: all }),
    );
    started.push(anvil);
    return anvil;
  };
}

/** The chains of a devnet, set up: the settlement anvil with its contract, the L2 anvils with their system contracts. */
type StartedChains = {
  keys: DevnetKeys;
  l1: AnvilInstance;
  deployed: { settlement: Address; deployBlockNumber: bigint };
  deployer: PrivateKeyAccount;
  operators: PrivateKeyAccount[];
  l2s: AnvilInstance[];
  /** Per L2: the InteropCenter's system caller, an account whose key only the node uses. */
  systemCallers: Address[];
  contracts: { l1Messenger: Address; interopCenter: Address; l2MessageVerification: Address };
  /** A network with a Gateway: a chain with the system contracts and a settlement layer with its own contract. */
  gateway?: {
    chainId: bigint;
    anvil: AnvilInstance;
    systemCaller: Address;
    deployed: { settlement: Address; deployBlockNumber: bigint };
  };
};

/**
 * Starts every anvil and sets up its chain, one pipeline per chain so each chain's setup starts as soon as its own
 * anvil answers.
 */
async function startChains(
  topology: DevnetTopology,
  keys: DevnetKeys,
  launch: Launch,
  step: (line: string) => void,
): Promise<StartedChains> {
  const l2ChainIds = topology.chains.map((ch) => ch.chainId);
  const gatewayId = topology.gateway;
  // The chains registered on a settlement layer: the Gateway on L1, then the L2s that settle there.
  const chainsOn = (layer: bigint) => [
    ...(layer === SETTLEMENT_CHAIN_ID && gatewayId !== undefined ? [gatewayId] : []),
    ...topology.chains.filter((ch) => ch.settlesOn === layer).map((ch) => ch.chainId),
  ];
  step(`starting anvil for chain ${SETTLEMENT_CHAIN_ID}, ${gatewayId ? `${gatewayId}, ` : ''}${l2ChainIds.join(', ')}`);
  const settlementJob = launch(SETTLEMENT_CHAIN_ID, ['--gas-limit', SETTLEMENT_GAS_LIMIT]).then(async (l1) => ({
    l1,
    ...(await setUpSettlementChain(l1, SETTLEMENT_CHAIN_ID, chainsOn(SETTLEMENT_CHAIN_ID), keys, step)),
  }));
  // The Gateway is both: a chain with the system contracts and a settlement layer with its own contract.
  const gatewayJob =
    gatewayId === undefined
      ? undefined
      : launch(gatewayId, ['--gas-limit', SETTLEMENT_GAS_LIMIT]).then(async (anvil) => {
          const [installed, { deployed }] = await Promise.all([
            setUpChain(anvil, gatewayId, keys),
            setUpSettlementChain(anvil, gatewayId, chainsOn(gatewayId), keys, step),
          ]);
          return { chainId: gatewayId, anvil, systemCaller: installed.systemCaller, deployed };
        });
  const l2Jobs = l2ChainIds.map((chainId) =>
    launch(chainId).then(async (anvil) => {
      step(`chain ${chainId} up: installing the system contracts`);
      return { anvil, installed: await setUpChain(anvil, chainId, keys) };
    }),
  );
  // allSettled: on a failure, wait for every anvil still starting, so the cleanup stops them all.
  const settled = await Promise.allSettled([settlementJob, ...(gatewayJob ? [gatewayJob] : []), ...l2Jobs]);
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  const l2s = await Promise.all(l2Jobs);
  const { l1Messenger, interopCenter, l2MessageVerification } = l2s[0].installed;
  const { l1, deployed, deployer } = await settlementJob;
  return {
    keys,
    l1,
    deployed,
    deployer,
    operators: l2ChainIds.map((chainId) => privateKeyToAccount(keyOf(keys.operators, chainId))),
    gateway: await gatewayJob,
    l2s: l2s.map((x) => x.anvil),
    systemCallers: l2s.map((x) => x.installed.systemCaller),
    contracts: { l1Messenger, interopCenter, l2MessageVerification },
  };
}

/** Installs the system contracts; the system caller is an account whose key only the node uses (funded for imports). */
async function setUpChain(anvil: AnvilInstance, chainId: bigint, keys: DevnetKeys) {
  const systemCaller = privateKeyToAddress(keyOf(keys.systemCallers, chainId));
  const [installed] = await Promise.all([
    installSystemContracts({ rpcUrl: anvil.rpcUrl, systemCaller }),
    rpc(anvil.rpcUrl, 'anvil_setBalance', [systemCaller, FUNDING]),
  ]);
  return installed;
}

/**
 * A settlement layer (L1, or the Gateway): funds the deployer and the operators of the chains on it, deploys the
 * settlement contract and registers them with their operators.
 */
async function setUpSettlementChain(
  anvil: AnvilInstance,
  layer: bigint,
  chainIds: bigint[],
  keys: DevnetKeys,
  step: (line: string) => void,
) {
  // Deriving the addresses costs a few elliptic-curve multiplications: done here, while the other anvils boot.
  const { deployer, operators } = devnetSigners(keys, chainIds);
  step(`chain ${layer} up: deploying the settlement contract, registering ${chainIds.join(', ')}`);
  await Promise.all([deployer, ...operators].map((a) => rpc(anvil.rpcUrl, 'anvil_setBalance', [a.address, FUNDING])));
  const deployed = await deploySettlementContracts({
    client: createWalletClient({ account: deployer, transport: http(anvil.rpcUrl) }),
    account: deployer,
    chains: chainIds.map((chainId, i) => ({ chainId, operator: operators[i].address })),
  });
  return { deployed, deployer, operators };
}

function devnetSigners(keys: DevnetKeys, chainIds: bigint[]) {
  return {
    deployer: privateKeyToAccount(keys.deployer),
    operators: chainIds.map((chainId) => privateKeyToAccount(keyOf(keys.operators, chainId))),
  };
}

/** Starts every anvil on its kept state; nothing is installed or deployed (the state has it all). */
async function resumeChains(network: PersistedNetwork, l2ChainIds: bigint[], launch: Launch): Promise<StartedChains> {
  const jobs = [
    launch(SETTLEMENT_CHAIN_ID, ['--gas-limit', SETTLEMENT_GAS_LIMIT]),
    ...l2ChainIds.map((id) => launch(id)),
  ];
  const settled = await Promise.allSettled(jobs);
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  const [l1, ...l2s] = await Promise.all(jobs);
  return {
    keys: network.keys,
    l1,
    l2s,
    systemCallers: l2ChainIds.map((chainId) => privateKeyToAddress(keyOf(network.keys.systemCallers, chainId))),
    deployed: { settlement: network.settlement, deployBlockNumber: BigInt(network.deployBlockNumber) },
    ...devnetSigners(network.keys, l2ChainIds),
    contracts: network.contracts,
  };
}

function describePersistedNetwork(
  chains: StartedChains,
  l2ChainIds: bigint[],
  stateChainIds: number[],
): PersistedNetwork {
  return {
    version: 2,
    keys: chains.keys,
    settlementChainId: Number(SETTLEMENT_CHAIN_ID),
    l2ChainIds: l2ChainIds.map(Number),
    stateChainIds,
    settlement: chains.deployed.settlement,
    deployBlockNumber: String(chains.deployed.deployBlockNumber),
    contracts: chains.contracts,
  };
}

/** Starts the node on the devnet's chains; chains behind a kept store are refused with what to do. */
async function startDevnetNode(p: {
  chains: StartedChains;
  topology: DevnetTopology;
  l1Port: number;
  gatewayPort: number;
  l2Ports: number[];
  dataDir: string;
  batchMs: number;
  log?: (line: string) => void;
  allowedOrigins?: '*' | string[];
}): Promise<NodeHandle> {
  const { chains, topology } = p;
  const chainConfig = (chainId: bigint, rpcUrl: string, port: number, settlesOn: bigint) => ({
    chainId,
    rpcUrl,
    port,
    operatorPrivateKey: keyOf(chains.keys.operators, chainId),
    systemCaller: { privateKey: keyOf(chains.keys.systemCallers, chainId) },
    settlesOn,
  });
  const gw = chains.gateway;
  try {
    return await startNode({
      settlement: {
        chainId: SETTLEMENT_CHAIN_ID,
        rpcUrl: chains.l1.rpcUrl,
        port: p.l1Port,
        contracts: { settlement: chains.deployed.settlement, deployBlockNumber: chains.deployed.deployBlockNumber },
      },
      chains: [
        ...(gw
          ? [
              {
                ...chainConfig(gw.chainId, gw.anvil.rpcUrl, p.gatewayPort, SETTLEMENT_CHAIN_ID),
                gateway: {
                  contracts: { settlement: gw.deployed.settlement, deployBlockNumber: gw.deployed.deployBlockNumber },
                },
              },
            ]
          : []),
        ...chains.l2s.map((a, i) =>
          chainConfig(topology.chains[i].chainId, a.rpcUrl, p.l2Ports[i], topology.chains[i].settlesOn),
        ),
      ],
      // The devnet's chains are the user's playground: every method (cheats included) goes through; only the
      // node's own senders are protected.
      passThroughMethods: '*',
      protectedSenders: [chains.deployer.address],
      allowedOrigins: p.allowedOrigins,
      dataDir: p.dataDir,
      batchMs: p.batchMs,
      log: p.log,
    });
  } catch (err) {
    if (err instanceof ChainsBehindStoreError)
      throw new DevnetStateError(p.dataDir, `${err.shortMessage} (the chains' state was not saved when it stopped)`);
    throw err;
  }
}

/** What devnet.json and the caller get: the node's public endpoints, the anvils behind them, accounts, contracts. */
function describeDevnet(
  chains: StartedChains,
  node: NodeHandle,
  topology: DevnetTopology,
  timing: { batchMs: number; blockTime: number | undefined },
  dataDir: string,
): DevnetInfo {
  const accounts: DevnetAccount[] = getDevnetAccounts();
  const gw = chains.gateway;
  // The node lists the Gateway first when there is one.
  const l2Endpoints = node.chains.slice(gw ? 1 : 0);
  const chainIds = [...(gw ? [gw.chainId] : []), ...topology.chains.map((ch) => ch.chainId)];
  const systemCallers = [...(gw ? [gw.systemCaller] : []), ...chains.systemCallers];
  return {
    l1: {
      chainId: SETTLEMENT_CHAIN_ID,
      rpcUrl: node.settlement.rpcUrl ?? chains.l1.rpcUrl,
      anvilRpcUrl: chains.l1.rpcUrl,
    },
    gateway: gw && { chainId: gw.chainId, rpcUrl: node.chains[0].rpcUrl, anvilRpcUrl: gw.anvil.rpcUrl },
    l2s: l2Endpoints.map((c, i) => ({
      chainId: c.chainId,
      rpcUrl: c.rpcUrl,
      anvilRpcUrl: chains.l2s[i].rpcUrl,
      settlesOn: topology.chains[i].settlesOn,
    })),
    accounts,
    contracts: {
      ...chains.contracts,
      settlement: chains.deployed.settlement,
      ...(gw ? { gatewaySettlement: gw.deployed.settlement } : {}),
    },
    devnetSenders: [
      { label: 'settlement deployer', address: chains.deployer.address },
      ...chainIds.map((chainId) => ({
        label: `operator of ${chainId}`,
        address: privateKeyToAddress(keyOf(chains.keys.operators, chainId)),
      })),
      ...systemCallers.map((address, i) => ({ label: `system caller of ${chainIds[i]}`, address })),
    ],
    batchMs: timing.batchMs,
    ...(timing.blockTime === undefined ? {} : { blockTime: timing.blockTime }),
    dataDir,
  };
}
