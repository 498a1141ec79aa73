import { join } from 'node:path';
import {
  getLeafChainAggregatedRoot,
  INTEROP_CENTER_ADDRESS,
  L1_MESSENGER_ADDRESS,
  L2_MESSAGE_VERIFICATION_ADDRESS,
  SYSTEM_CALLER_ADDRESS,
} from '@interop/sdk/core';
import type { Address } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { type NodeConfig, type ResolvedNodeConfig, resolveNodeConfig } from './config.js';
import { NodeError } from './errors.js';
import { Gate, type Loop, Mutex, startLoop } from './loop.js';
import { ProofService } from './proofs/getProofs.js';
import { createAccessHandler } from './rpc/access.js';
import { createNetworkHandler } from './rpc/anvilMethods.js';
import { createL2Handler, createPassThroughHandler, StoreTxHashAliases } from './rpc/l2Endpoint.js';
import { l2Methods } from './rpc/l2Methods.js';
import { type RpcHandler, type RpcServer, startRpcServer } from './rpc/server.js';
import { createUpstream, getBlockHashes, type Upstream } from './rpc/upstream.js';
import { keySender, senderAddress, type TxSender } from './sendTransaction.js';
import { checkChainHistory } from './sequencer/checkChainHistory.js';
import { sealBatch } from './sequencer/sealBatch.js';
import { CommittedBatchMismatchError, submitNextBatch } from './sequencer/submitBatch.js';
import { applySettlementBlocks } from './settlement/applySettlementBlocks.js';
import { checkSettlementHistory } from './settlement/checkSettlementHistory.js';
import { importRoots } from './settlement/importRoots.js';
import { SettlementMirror } from './settlement/mirror.js';
import { NetworkSnapshots, type SnapshotChain } from './snapshots/networkSnapshots.js';
import { checkChainsHoldStore } from './store/checkChainsHoldStore.js';
import { Store } from './store/store.js';
import { isImpersonatedForZkSync, isUnrecordedZkSyncSend } from './zksync/index.js';

/** Calls per upstream batch and HTTP requests in flight per upstream, for what the endpoints forward. */
const ENDPOINT_UPSTREAM_SHARING = { maxBatch: 100, maxConcurrent: 4 };

/** How often a halted chain's loops look again (and the sequencer repeats its log line). */
const HALTED_RECHECK_MS = 60_000;

/** A running node. */
export type NodeHandle = {
  /** The node's endpoint for the settlement layer (undefined when no port was configured) and its upstream. */
  settlement: { chainId: bigint; rpcUrl: string | undefined; upstreamRpcUrl: string };
  /** The node's endpoint of each L2 (what users talk to) and its upstream. */
  chains: { chainId: bigint; rpcUrl: string; upstreamRpcUrl: string }[];
  /** Path of the SQLite store. */
  storePath: string;
  /** Stops the loops and endpoints and closes the store; the upstream nodes keep running. Safe to call twice. */
  stop(): Promise<void>;
};

/**
 * Starts the node: per L2 a sequencer (seals batches), a submitter (commits and executes them on the settlement
 * layer) and a root importer; one settlement watcher mirroring the settlement trees; and the JSON-RPC endpoints.
 * Resolves once every endpoint listens. State lives in `<dataDir>/node.sqlite`; restarting with the same data
 * directory resumes where the node stopped.
 *
 * @example
 * const node = await startNode({ settlement: { chainId: 9, rpcUrl: l1.rpcUrl, contracts: { settlement } },
 *   chains: [{ chainId: 271, rpcUrl: l2.rpcUrl, port: 3050, operatorPrivateKey, systemCaller: 'impersonate' }],
 *   dataDir: '.interop' });
 * // ... later
 * await node.stop();
 */
export async function startNode(config: NodeConfig): Promise<NodeHandle> {
  const c = resolveNodeConfig(config);
  const store = new Store(c.dataDir);
  const servers: RpcServer[] = [];
  const loops: Loop[] = [];
  let snapshots: NetworkSnapshots | undefined;
  let stopped = false;
  // Aborts the loops' in-flight upstream calls, so stopping never waits for a slow or hung upstream.
  const background = new AbortController();
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const stopping = Promise.all(loops.map((l) => l.stop()));
    background.abort();
    await stopping;
    await Promise.all(servers.map((s) => s.close()));
    snapshots?.clear();
    store.close();
  };
  try {
    claimDataDir(store, c);
    // Chains reset or replaced behind a kept store would make the node serve proofs of blocks that no longer exist.
    await checkChainsHoldStore({
      store,
      settlement: { chainId: c.settlement.chainId, upstream: createUpstream(c.settlement.rpcUrl) },
      chains: c.chains.map((ch) => ({ chainId: ch.chainId, upstream: createUpstream(ch.rpcUrl) })),
      log: c.log,
    });
    const shared: NodeShared = {
      c,
      store,
      settlement: createUpstream(c.settlement.rpcUrl, { signal: background.signal }),
      signal: background.signal,
      proofs: new ProofService(
        store,
        c.settlement.chainId,
        getLeafChainAggregatedRoot,
        c.chains.map((ch) => ch.chainId),
      ),
      aliases: new StoreTxHashAliases(store),
      gate: new Gate(),
      afterRevert: [],
      importCursors: [],
    };
    shared.afterRevert.push(
      () => shared.aliases.reload(),
      () => shared.proofs.clearCache(),
    );
    // The endpoints' own upstream calls are not tied to the background loops.
    const settlementEndpoint = createUpstream(c.settlement.rpcUrl, { sharing: ENDPOINT_UPSTREAM_SHARING });
    const network = createNetworkSnapshots(shared, settlementEndpoint, loops);
    snapshots = network.snapshots;

    for (const halt of store.history.getHalts())
      c.log(
        `L2 ${halt.chainId}: HALTED since block ${halt.block}: ${halt.reason}; it is not sealed (see interop_health)`,
      );
    const importerLoops: Loop[] = [];
    const watcher = startSettlementWatcher(shared, () => {
      for (const l of importerLoops) l.signal.notify();
    });
    loops.push(watcher);

    const handles: NodeHandle['chains'] = [];
    for (const chain of c.chains) {
      const chainLoops = startChainLoops(shared, chain, watcher);
      loops.push(...chainLoops.loops);
      importerLoops.push(chainLoops.importer);
      const server = await startL2Endpoint(shared, chain, network, loops);
      servers.push(server);
      handles.push({ chainId: chain.chainId, rpcUrl: server.url, upstreamRpcUrl: chain.rpcUrl });
    }
    let settlementUrl: string | undefined;
    if (c.settlement.port !== undefined) {
      const server = await startRpcServer({
        host: c.host,
        port: c.settlement.port,
        allowedOrigins: c.allowedOrigins,
        handle: network.withAccess(
          undefined,
          network.withNetworkMethods(createPassThroughHandler(settlementEndpoint), [c.settlement.address]),
        ),
      });
      servers.push(server);
      settlementUrl = server.url;
    }
    return {
      settlement: { chainId: c.settlement.chainId, rpcUrl: settlementUrl, upstreamRpcUrl: c.settlement.rpcUrl },
      chains: handles,
      storePath: store.path,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** What every loop and endpoint of one node shares. */
type NodeShared = {
  c: ResolvedNodeConfig;
  store: Store;
  /** The settlement layer, for the background loops (aborted on stop). */
  settlement: Upstream;
  /** Aborted on stop: the background loops' upstream calls use it. */
  signal: AbortSignal;
  proofs: ProofService;
  aliases: StoreTxHashAliases;
  /** Every loop step and endpoint request runs in the gate; a network snapshot or revert runs alone. */
  gate: Gate;
  /** Resets of in-memory state derived from the store or the chains, run after a network revert. */
  afterRevert: (() => void)[];
  /** Each chain's root-import cursor: reset when the settlement layer's history changes. */
  importCursors: { floor: number }[];
};

type ResolvedChain = ResolvedNodeConfig['chains'][number];

/** Binds the data directory to one network on first use; refuses a directory of another network. */
function claimDataDir(store: Store, c: ResolvedNodeConfig): void {
  const network = `${c.settlement.chainId}:${c.settlement.address.toLowerCase()}`;
  const known = store.getMeta('settlement');
  if (known === undefined) store.setMeta('settlement', network);
  else if (known !== network)
    throw new NodeError(`the data directory ${c.dataDir} belongs to another network (${known}), not ${network}`);
}

/** The settlement watcher: mirrors the settlement trees block by block; calls `onRoots` when new roots arrive. */
function startSettlementWatcher(
  { c, store, settlement, gate, afterRevert, proofs, importCursors }: NodeShared,
  onRoots: () => void,
): Loop {
  const pollMs = Math.max(20, Math.min(100, Math.floor(c.batchMs / 2)));
  let mirror = SettlementMirror.load(store);
  afterRevert.push(() => {
    mirror = SettlementMirror.load(store);
  });
  return startLoop({
    name: `settlement ${c.settlement.chainId} watcher`,
    onError: c.log,
    gate,
    step: async () => {
      try {
        const history = await checkSettlementHistory({ store, settlement, startBlock: c.settlement.startBlock });
        if (history.changed) {
          mirror = SettlementMirror.load(store);
          proofs.clearCache();
          for (const cursor of importCursors) cursor.floor = 0;
          c.log(
            `settlement ${c.settlement.chainId}: HISTORY CHANGED after block ${history.keepThrough} (reorg or rollback); reading the settlement layer again from block ${c.settlement.startBlock}` +
              (history.skippedTo === undefined
                ? history.importedThrough > history.keepThrough
                  ? `; roots of blocks ${history.keepThrough + 1}..${history.importedThrough} were imported before and are not replaced`
                  : ''
                : `; mined empty blocks up to ${history.skippedTo}, past every root the L2s were given`),
          );
          return 0;
        }
        const r = await applySettlementBlocks({
          store,
          mirror,
          latest: history.latest,
          settlement,
          settlementChainId: c.settlement.chainId,
          settlementAddress: c.settlement.address,
          startBlock: c.settlement.startBlock,
          log: c.log,
        });
        if (r.roots > 0) onRoots();
        return r.behind ? 0 : pollMs;
      } catch (err) {
        // The in-memory trees may be ahead of the store now: start again from what is stored.
        mirror = SettlementMirror.load(store);
        throw err;
      }
    },
  });
}

/** What the loops of one L2 share. */
type ChainContext = {
  chain: ResolvedChain;
  chainId: number;
  /** The L2, for the background loops (aborted on stop). */
  l2: Upstream;
  /** The submitter and a rewind of this chain's batches never run at the same time. */
  chainLock: Mutex;
  importCursor: { floor: number };
  /** The chain's loops, set as they start (a loop wakes another that started after it). */
  loops: { submitter?: Loop; sequencer?: Loop; importer?: Loop };
};

/** One L2's loops: the submitter, the sequencer and the root importer. */
function startChainLoops(shared: NodeShared, chain: ResolvedChain, watcher: Loop): { loops: Loop[]; importer: Loop } {
  const systemCaller: TxSender =
    chain.systemCaller === 'impersonate'
      ? { kind: 'impersonate', address: SYSTEM_CALLER_ADDRESS }
      : keySender(chain.systemCaller.privateKey);
  const ctx: ChainContext = {
    chain,
    chainId: Number(chain.chainId),
    l2: createUpstream(chain.rpcUrl, { signal: shared.signal }),
    chainLock: new Mutex(),
    importCursor: { floor: 0 },
    loops: {},
  };
  shared.importCursors.push(ctx.importCursor);
  const submitter = startSubmitter(shared, ctx, watcher);
  ctx.loops.submitter = submitter;
  const sequencer = startSequencer(shared, ctx, [senderAddress(systemCaller)]);
  ctx.loops.sequencer = sequencer;
  const importer = startRootImporter(shared, ctx, systemCaller);
  ctx.loops.importer = importer;
  return { loops: [submitter, sequencer, importer], importer };
}

/** The network's snapshots (every chain and the store at once) and the wrapper adding the network methods to a handler. */
type NetworkMethods = {
  snapshots: NetworkSnapshots;
  /** The chains a snapshot covers; each L2 endpoint adds its chain. */
  chains: SnapshotChain[];
  withNetworkMethods: (inner: RpcHandler, protocolContracts: Address[]) => RpcHandler;
  /** Refuses sending as the node's own accounts (see rpc/access.ts); `l2ChainId` undefined for the settlement layer. */
  withAccess: (l2ChainId: bigint | undefined, inner: RpcHandler) => RpcHandler;
};

/** Snapshots of the whole network; a revert resets the node's in-memory state and wakes every loop. */
function createNetworkSnapshots(shared: NodeShared, settlementEndpoint: Upstream, loops: Loop[]): NetworkMethods {
  const chains: SnapshotChain[] = [{ chainId: shared.c.settlement.chainId, upstream: settlementEndpoint }];
  const snapshots = new NetworkSnapshots({
    chains,
    store: shared.store,
    gate: shared.gate,
    dir: join(shared.c.dataDir, 'snapshots'),
    afterRevert: () => {
      for (const reset of shared.afterRevert) reset();
      for (const l of loops) l.signal.notify();
    },
  });
  const withNetworkMethods = (inner: RpcHandler, protocolContracts: Address[]) =>
    createNetworkHandler(inner, { snapshots, gate: shared.gate, protocolContracts });
  return { snapshots, chains, withNetworkMethods, withAccess: createAccessWrapper(shared.c) };
}

/** Nobody sends as the node's own accounts through its endpoints (see rpc/access.ts). */
function createAccessWrapper(c: ResolvedNodeConfig): NetworkMethods['withAccess'] {
  const nodeSenders: Address[] = [
    ...c.chains.flatMap((ch) => [
      privateKeyToAddress(ch.operatorPrivateKey),
      ch.systemCaller === 'impersonate' ? SYSTEM_CALLER_ADDRESS : privateKeyToAddress(ch.systemCaller.privateKey),
    ]),
    ...c.protectedSenders,
  ];
  return (l2ChainId, inner) =>
    createAccessHandler(inner, {
      passThroughMethods: c.passThroughMethods,
      isOwnMethod: (m) =>
        l2ChainId !== undefined && (Object.hasOwn(l2Methods, m) || m.startsWith('zks_') || m.startsWith('interop_')),
      protectedSenders: nodeSenders,
      isBusySender: l2ChainId === undefined ? undefined : (a) => isImpersonatedForZkSync(l2ChainId, a),
    });
}

/** The endpoint users talk to for one L2: interop methods served from the store, the rest passed upstream. */
function startL2Endpoint(
  { c, store, proofs, aliases }: NodeShared,
  chain: ResolvedChain,
  network: NetworkMethods,
  loops: readonly Loop[],
): Promise<RpcServer> {
  // The endpoint's own upstream calls are not tied to the background loops.
  const upstream = createUpstream(chain.rpcUrl, { sharing: ENDPOINT_UPSTREAM_SHARING });
  network.chains.push({ chainId: chain.chainId, upstream });
  const handler = createL2Handler({
    chainId: chain.chainId,
    settlementChainId: c.settlement.chainId,
    store,
    proofs,
    upstream,
    chainIds: c.chains.map((ch) => ch.chainId),
    aliases,
    failingLoops: () =>
      loops.flatMap((l) => {
        const failure = l.failure();
        return failure ? [{ name: l.name, ...failure }] : [];
      }),
  });
  return startRpcServer({
    host: c.host,
    port: chain.port,
    allowedOrigins: c.allowedOrigins,
    handle: network.withAccess(
      chain.chainId,
      network.withNetworkMethods(handler, [
        L1_MESSENGER_ADDRESS,
        INTEROP_CENTER_ADDRESS,
        L2_MESSAGE_VERIFICATION_ADDRESS,
      ]),
    ),
  });
}

/**
 * Commits and executes the chain's sealed batches on the settlement layer, one at a time. A committed batch that no
 * longer matches the chain halts the chain.
 */
function startSubmitter({ c, store, settlement, gate }: NodeShared, ctx: ChainContext, watcher: Loop): Loop {
  const { chain, chainId, l2 } = ctx;
  const operator = keySender(chain.operatorPrivateKey);
  return startLoop({
    name: `L2 ${chainId} submitter`,
    onError: c.log,
    gate,
    step: async () => {
      if (store.history.getHalt(chainId)) return HALTED_RECHECK_MS;
      const r = await ctx.chainLock
        .run(() =>
          submitNextBatch({
            store,
            settlement,
            settlementChainId: c.settlement.chainId,
            settlementAddress: c.settlement.address,
            chainId: chain.chainId,
            operator,
            settlementUnchanged: async () => {
              const progress = store.getSettlementProgress();
              const [last] = progress === undefined ? [] : store.history.getSettlementHashes(progress, 1);
              return !last || (await getBlockHashes(settlement, [last.number]))[0] === last.hash;
            },
            isStillOnChain: async (batch) => {
              const [stored] = store.history.getSealedBlocks(chainId, batch.lastBlock, 1);
              if (stored?.number !== batch.lastBlock) return true; // sealed before block hashes were kept
              return (await getBlockHashes(l2, [batch.lastBlock]))[0] === stored.hash;
            },
          }),
        )
        .catch((err: unknown) => {
          if (!(err instanceof CommittedBatchMismatchError)) throw err;
          store.history.haltChain({
            chainId,
            block: err.firstBlock,
            batch: err.batch,
            detectedAt: Math.floor(Date.now() / 1000),
            reason: err.shortMessage,
          });
          c.log(`L2 ${chainId}: HALTED: ${err.shortMessage}; it is not sealed or settled any more`);
          ctx.importCursor.floor = 0;
          return { action: 'none' } as const;
        });
      if (r.action === 'none') return c.batchMs;
      if (r.action === 'history-changed') {
        ctx.loops.sequencer?.signal.notify();
        return c.batchMs;
      }
      if (r.action === 'settlement-changed') {
        watcher.signal.notify();
        return c.batchMs;
      }
      c.log(`L2 ${chainId}: batch ${r.batch} ${r.action} (${r.txHash})`);
      watcher.signal.notify();
      return 0;
    },
  });
}

/**
 * Seals a batch every `batchMs`. Blocks holding only system transactions (root imports) wait, but not for more
 * than `forceAfterMs`, so they are sealed eventually. A halted chain is not sealed.
 */
function startSequencer(shared: NodeShared, ctx: ChainContext, systemSenders: Address[]): Loop {
  const { c, store, aliases, gate, afterRevert } = shared;
  const { chain, chainId } = ctx;
  let waitingSince: number | undefined;
  const forceAfterMs = Math.max(5000, c.batchMs * 20);
  afterRevert.push(() => {
    waitingSince = undefined;
  });
  return startLoop({
    name: `L2 ${chainId} sequencer`,
    onError: c.log,
    gate,
    step: async () => {
      const started = Date.now();
      const halt = store.history.getHalt(chainId);
      if (halt) {
        c.log(`L2 ${chainId}: HALTED since block ${halt.block}: ${halt.reason}; it is not sealed`);
        return HALTED_RECHECK_MS;
      }
      const force = waitingSince !== undefined && started - waitingSince > forceAfterMs;
      const r = await sealBatch({
        store,
        upstream: ctx.l2,
        chainId: chain.chainId,
        systemSenders,
        maxLogsPerBatch: c.maxLogsPerBatch,
        maxCommitGas: c.maxCommitGas,
        maxCommitBytes: c.maxCommitBytes,
        force,
        publicHashOf: (hash) => aliases.zkHashOf(hash),
        publicHashPending: (tx) => isUnrecordedZkSyncSend(chain.chainId, tx, aliases),
      });
      if (r.sealed) {
        waitingSince = undefined;
        c.log(`L2 ${chainId}: sealed batch ${r.number} (blocks ${r.firstBlock}..${r.lastBlock}, ${r.logCount} logs)`);
        ctx.loops.submitter?.signal.notify();
        if (r.more) return 0;
      } else {
        if (r.reason === 'only-system-transactions') waitingSince ??= started;
        // A seal checks that the new blocks extend the sealed ones; without one, look for a change anyway.
        if (await noticeHistoryChange(shared, ctx)) return 0;
      }
      return Math.max(0, c.batchMs - (Date.now() - started));
    },
  });
}

/** True if the chain's history changed under the sealed batches (which are then sealed again or halted). */
async function noticeHistoryChange({ c, store, settlement, proofs }: NodeShared, ctx: ChainContext): Promise<boolean> {
  const history = await checkChainHistory({
    store,
    l2: ctx.l2,
    settlement,
    settlementAddress: c.settlement.address,
    chainId: ctx.chain.chainId,
    lock: ctx.chainLock,
  });
  if (!history.changed) return false;
  proofs.clearCache();
  ctx.importCursor.floor = 0;
  ctx.loops.importer?.signal.notify();
  if (history.action === 'resealed')
    c.log(
      `L2 ${ctx.chainId}: HISTORY CHANGED at block ${history.forkBlock}; batches ${history.fromBatch}..${history.toBatch} were not committed and are sealed again from block ${history.firstBlock}`,
    );
  return true;
}

/** 1000 ETH, for the impersonated system caller's gas. */
const SYSTEM_CALLER_BALANCE = '0x3635c9adc5dea00000';

/** Imports the settlement layer's new roots into the chain's InteropCenter as the system caller. */
function startRootImporter(
  { c, store, gate, afterRevert }: NodeShared,
  ctx: ChainContext,
  systemCaller: TxSender,
): Loop {
  const { chain, l2, importCursor: cursor } = ctx;
  let funded = false;
  afterRevert.push(() => {
    funded = false;
    cursor.floor = 0;
  });
  return startLoop({
    name: `L2 ${ctx.chainId} root importer`,
    onError: c.log,
    gate,
    step: async () => {
      try {
        // An impersonated system caller has no funds of its own (each import impersonates it for one transaction).
        if (systemCaller.kind === 'impersonate' && !funded) {
          await l2.request('anvil_setBalance', [systemCaller.address, SYSTEM_CALLER_BALANCE]);
          funded = true;
        }
        const r = await importRoots({
          store,
          l2,
          chainId: chain.chainId,
          settlementChainId: c.settlement.chainId,
          systemCaller,
          cursor,
          log: c.log,
        });
        return r.more ? 0 : 1000;
      } catch (err) {
        funded = false; // the L2 may have restarted and forgotten it
        throw err;
      }
    },
  });
}
