import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import {
  INTEROP_CENTER_ADDRESS,
  L1_MESSENGER_ADDRESS,
  L2_MESSAGE_VERIFICATION_ADDRESS,
  SYSTEM_CALLER_ADDRESS,
} from '@interop/sdk/core';
import type { Address } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { type NodeConfig, type ResolvedNodeConfig, type ResolvedSettlementLayer, resolveNodeConfig } from './config.js';
import { NodeError } from './errors.js';
import { Gate, type Loop, Mutex, startLoop } from './loop.js';
import { mineStuckTransactions } from './mineStuckTransactions.js';
import { ProofService } from './proofs/getProofs.js';
import { createAccessHandler } from './rpc/access.js';
import { createNetworkHandler } from './rpc/anvilMethods.js';
import {
  createL2FastHandler,
  createL2Handler,
  createPassThroughHandler,
  StoreTxHashAliases,
} from './rpc/l2Endpoint.js';
import { type L2MethodContext, l2Methods } from './rpc/l2Methods.js';
import { type RpcHandler, type RpcServer, startRpcServer } from './rpc/server.js';
import { createUpstream, getBlockHashes, type Upstream } from './rpc/upstream.js';
import { keySender, type TxSender } from './sendTransaction.js';
import { checkChainHistory } from './sequencer/checkChainHistory.js';
import { sealBatch } from './sequencer/sealBatch.js';
import { SEND_METHODS, SendPauseWatch, sealPauseMs } from './sequencer/sendPauses.js';
import { CommittedBatchMismatchError, submitNextBatch } from './sequencer/submitBatch.js';
import { applySettlementBlocks } from './settlement/applySettlementBlocks.js';
import { buildL1Tails } from './settlement/buildL1Tails.js';
import { checkSettlementHistory } from './settlement/checkSettlementHistory.js';
import { SettlementHistory } from './settlement/history.js';
import { importRoots } from './settlement/importRoots.js';
import { SettlementMirror } from './settlement/mirror.js';
import { NetworkSnapshots, type SnapshotChain } from './snapshots/networkSnapshots.js';
import { checkChainsHoldStore } from './store/checkChainsHoldStore.js';
import { Store } from './store/store.js';
import { hasUnrecordedZkSyncSends, isImpersonatedForZkSync, isUnrecordedZkSyncSend } from './zksync/index.js';

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
 * Starts the node: per chain a sequencer (seals batches), a submitter (commits and executes them on the layer the
 * chain settles on) and a root importer; one watcher per settlement layer (L1 and any Gateway) mirroring its trees;
 * per Gateway a builder of the three-level proofs to L1; and the JSON-RPC endpoints.
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
  store.startBackgroundCheckpoints();
  const servers: RpcServer[] = [];
  const loops: Loop[] = [];
  let snapshots: NetworkSnapshots | undefined;
  let stopped = false;
  // Aborts the loops' in-flight upstream calls, so stopping never waits for a slow or hung upstream.
  const background = new AbortController();
  // Every in-flight upstream call of every chain's loops listens on it: many at once with many chains, none leaked.
  setMaxListeners(0, background.signal);
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
      layers: new Map(
        c.layers.map((layer) => [
          layer.chainId,
          { layer, upstream: createUpstream(layer.rpcUrl, { signal: background.signal }) },
        ]),
      ),
      signal: background.signal,
      proofs: new ProofService(store, { l1ChainId: c.settlement.chainId, chains: c.chains }),
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
    // A layer's new roots wake the importers of the chains that import them, and the L1 proof builders.
    const importers: { loop: Loop; layers: bigint[] }[] = [];
    const tailBuilders: Loop[] = [];
    for (const handle of shared.layers.values()) {
      handle.watcher = startSettlementWatcher(shared, handle, (roots) => {
        if (roots > 0) for (const i of importers) if (i.layers.includes(handle.layer.chainId)) i.loop.signal.notify();
        for (const l of tailBuilders) l.signal.notify();
      });
      loops.push(handle.watcher);
    }
    for (const chain of c.chains) if (chain.gateway) tailBuilders.push(startL1TailBuilder(shared, chain.chainId));
    loops.push(...tailBuilders);

    const handles: NodeHandle['chains'] = [];
    for (const chain of c.chains) {
      const chainLoops = startChainLoops(shared, chain);
      loops.push(...chainLoops.loops);
      importers.push({ loop: chainLoops.importer, layers: chain.importsFrom });
      const server = await startL2Endpoint(shared, chain, network, loops, chainLoops.sendPauses);
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
  /** Every settlement layer (L1, Gateways) by chain id, with its upstream for the background loops (aborted on stop). */
  layers: Map<bigint, LayerHandle>;
  /** Aborted on stop: the background loops' upstream calls use it. */
  signal: AbortSignal;
  proofs: ProofService;
  aliases: StoreTxHashAliases;
  /** Every loop step and endpoint request runs in the gate; a network snapshot or revert runs alone. */
  gate: Gate;
  /** Resets of in-memory state derived from the store or the chains, run after a network revert. */
  afterRevert: (() => void)[];
  /** Each chain's root-import cursors (per layer): reset when a settlement layer's history changes. */
  importCursors: Map<bigint, number>[];
};

/** A settlement layer the node follows: its config, its upstream and, once started, its watcher. */
type LayerHandle = { layer: ResolvedSettlementLayer; upstream: Upstream; watcher?: Loop };

type ResolvedChain = ResolvedNodeConfig['chains'][number];

/** Binds the data directory to one network on first use; refuses a directory of another network. */
function claimDataDir(store: Store, c: ResolvedNodeConfig): void {
  const network = `${c.settlement.chainId}:${c.settlement.address.toLowerCase()}`;
  const known = store.getMeta('settlement');
  if (known === undefined) store.setMeta('settlement', network);
  else if (known !== network)
    throw new NodeError(`the data directory ${c.dataDir} belongs to another network (${known}), not ${network}`);
}

/**
 * One settlement layer's watcher: mirrors its trees block by block; calls `onApplied` after each round that moved
 * (`roots` = new roots arrived).
 */
function startSettlementWatcher(
  shared: NodeShared,
  { layer, upstream: settlement }: LayerHandle,
  onApplied: (roots: number) => void,
): Loop {
  const { c, store, afterRevert } = shared;
  const pollMs = Math.max(20, Math.min(100, Math.floor(c.batchMs / 2)));
  const sl = Number(layer.chainId);
  let lastApplied = -1;
  return startStoreBackedLoop(
    shared,
    `settlement ${layer.chainId} watcher`,
    () => SettlementMirror.load(store, sl),
    async (mirror) => {
      const history = await checkSettlementHistory({
        store,
        settlement,
        settlementChainId: layer.chainId,
        startBlock: layer.startBlock,
      });
      if (history.changed) {
        // Everything derived from the layers (mirrors, proof caches, import cursors, L1 tails) starts again.
        for (const reset of afterRevert) reset();
        c.log(
          `settlement ${layer.chainId}: HISTORY CHANGED after block ${history.keepThrough} (reorg or rollback); reading the settlement layer again from block ${layer.startBlock}` +
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
        settlementChainId: layer.chainId,
        settlementAddress: layer.address,
        startBlock: layer.startBlock,
        log: c.log,
      });
      if (r.lastBlock !== lastApplied) onApplied(r.roots);
      lastApplied = r.lastBlock;
      return r.behind ? 0 : pollMs;
    },
  );
}

/** A Gateway's L1 proof builder: once a Gateway batch executes on L1, its chains' batches get three-level tails. */
function startL1TailBuilder(shared: NodeShared, gatewayChainId: bigint): Loop {
  const { c, store } = shared;
  return startStoreBackedLoop(
    shared,
    `gateway ${gatewayChainId} L1 proofs`,
    () => new SettlementHistory(store, Number(gatewayChainId)),
    async (history) => {
      const r = await buildL1Tails({
        store,
        history,
        gatewayChainId: Number(gatewayChainId),
        l1ChainId: c.settlement.chainId,
        log: c.log,
      });
      return r.more ? 0 : 1000;
    },
  );
}

/**
 * A loop over in-memory state built from the store: `load()` builds it at the start, again after a network revert,
 * and again after a step that failed (the state may be ahead of the store then: start again from what is stored).
 */
function startStoreBackedLoop<S>(
  { c, gate, afterRevert }: NodeShared,
  name: string,
  load: () => S,
  step: (state: S) => Promise<number>,
): Loop {
  let state = load();
  afterRevert.push(() => {
    state = load();
  });
  return startLoop({
    name,
    onError: c.log,
    gate,
    step: async () => {
      try {
        return await step(state);
      } catch (err) {
        state = load();
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
  /** The layer the chain settles on. */
  layer: LayerHandle & { watcher: Loop };
  /** The submitter and a rewind of this chain's batches never run at the same time. */
  chainLock: Mutex;
  /** Per layer it imports from: every block below the cursor is known to be imported. */
  importCursor: Map<bigint, number>;
  /** The chain's loops, set as they start (a loop wakes another that started after it). */
  loops: { submitter?: Loop; sequencer?: Loop; importer?: Loop };
};

/**
 * One chain's loops: the submitter, the sequencer and the root importer; and the watch of the sends through its
 * endpoint that wakes the sequencer when they pause.
 */
function startChainLoops(
  shared: NodeShared,
  chain: ResolvedChain,
): { loops: Loop[]; importer: Loop; sendPauses: SendPauseWatch } {
  const systemCaller: TxSender =
    chain.systemCaller === 'impersonate'
      ? { kind: 'impersonate', address: SYSTEM_CALLER_ADDRESS }
      : keySender(chain.systemCaller.privateKey);
  const layer = shared.layers.get(chain.settlesOn);
  if (!layer?.watcher)
    throw new NodeError(`chain ${chain.chainId} settles on ${chain.settlesOn}, which the node does not follow`);
  const ctx: ChainContext = {
    chain,
    chainId: Number(chain.chainId),
    l2: createUpstream(chain.rpcUrl, { signal: shared.signal }),
    layer: { ...layer, watcher: layer.watcher },
    chainLock: new Mutex(),
    importCursor: new Map(),
    loops: {},
  };
  shared.importCursors.push(ctx.importCursor);
  const submitter = startSubmitter(shared, ctx);
  ctx.loops.submitter = submitter;
  const sequencer = startSequencer(shared, ctx);
  ctx.loops.sequencer = sequencer;
  const importer = startRootImporter(shared, ctx, systemCaller);
  ctx.loops.importer = importer;
  const sendPauses: SendPauseWatch = new SendPauseWatch(
    sealPauseMs(shared.c.batchMs),
    () => void afterSendPause(shared, ctx, sendPauses),
  );
  shared.signal.addEventListener('abort', () => sendPauses.stop());
  return { loops: [submitter, sequencer, importer], importer, sendPauses };
}

/**
 * When the sends through the chain's endpoint pause: mines what anvil's automine left in its pool, if anything,
 * then wakes the sequencer to seal the burst. On an interval-mined chain whose pool still holds the sends, it looks
 * again a pause later instead, so that the burst is sealed as soon as its block is mined.
 */
async function afterSendPause({ c, gate }: NodeShared, ctx: ChainContext, pauses: SendPauseWatch): Promise<void> {
  let waiting = 0;
  try {
    const pool = await gate.run(() => mineStuckTransactions(ctx.l2));
    if (pool.mined > 0)
      c.log(`L2 ${ctx.chainId}: mined a block for ${pool.mined} transaction(s) anvil's automine had left in its pool`);
    waiting = pool.waiting;
  } catch {
    // The chain is down or the node stops: the sequencer's own reads report it.
  }
  if (waiting > 0 && pauses.lookAgain()) return;
  ctx.loops.sequencer?.signal.notify();
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
  { c, store, proofs, aliases, gate }: NodeShared,
  chain: ResolvedChain,
  network: NetworkMethods,
  loops: readonly Loop[],
  sendPauses: SendPauseWatch,
): Promise<RpcServer> {
  // The endpoint's own upstream calls are not tied to the background loops.
  const upstream = createUpstream(chain.rpcUrl, { sharing: ENDPOINT_UPSTREAM_SHARING });
  network.chains.push({ chainId: chain.chainId, upstream });
  const methodContext: L2MethodContext = {
    chainId: chain.chainId,
    settlementChainId: chain.settlesOn,
    l1ChainId: c.settlement.chainId,
    store,
    proofs,
    upstream,
    // The chains holding this chain's settlement roots: "imported everywhere" means on all of them.
    chainIds: c.chains.filter((ch) => ch.importsFrom.includes(chain.settlesOn)).map((ch) => ch.chainId),
    topology: c.chains.map((ch) => ({
      chainId: Number(ch.chainId),
      settlesOn: Number(ch.settlesOn),
      importsFrom: ch.importsFrom.map(Number),
    })),
    failingLoops: () =>
      loops.flatMap((l) => {
        const failure = l.failure();
        return failure ? [{ name: l.name, ...failure }] : [];
      }),
  };
  const handler = noteSends(createL2Handler({ ...methodContext, aliases }), sendPauses);
  const fast = createL2FastHandler(methodContext);
  return startRpcServer({
    host: c.host,
    port: chain.port,
    allowedOrigins: c.allowedOrigins,
    // Cached proofs at once; while a network snapshot or revert waits or runs, through the handler's gate.
    fastHandle: (request) => gate.runNow(fast, request),
    handle: network.withAccess(
      chain.chainId,
      network.withNetworkMethods(handler, [
        L1_MESSENGER_ADDRESS,
        INTEROP_CENTER_ADDRESS,
        L2_MESSAGE_VERIFICATION_ADDRESS,
        ...(chain.gateway ? [chain.gateway.address] : []),
      ]),
    ),
  });
}

/** Tells `pauses` of every send the handler passes on: when it arrives and when it is answered. */
function noteSends(handler: RpcHandler, pauses: SendPauseWatch): RpcHandler {
  return async (request) => {
    if (!SEND_METHODS.has(request.method)) return handler(request);
    pauses.sendStarted();
    let succeeded = false;
    try {
      const response = await handler(request);
      succeeded = !('error' in response);
      return response;
    } finally {
      pauses.sendDone(succeeded);
    }
  };
}

/**
 * Commits and executes the chain's sealed batches on the layer it settles on, one at a time. A committed batch that
 * no longer matches the chain halts the chain.
 */
function startSubmitter({ c, store, gate }: NodeShared, ctx: ChainContext): Loop {
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
            settlement: ctx.layer.upstream,
            settlementChainId: chain.settlesOn,
            settlementAddress: ctx.layer.layer.address,
            chainId: chain.chainId,
            operator,
            settlementUnchanged: async () => {
              const sl = Number(chain.settlesOn);
              const progress = store.getSettlementProgress(sl);
              const [last] = progress === undefined ? [] : store.history.getSettlementHashes(sl, progress, 1);
              return !last || (await getBlockHashes(ctx.layer.upstream, [last.number]))[0] === last.hash;
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
          ctx.importCursor.clear();
          return { action: 'none' } as const;
        });
      if (r.action === 'none') return c.batchMs;
      if (r.action === 'history-changed') {
        ctx.loops.sequencer?.signal.notify();
        return c.batchMs;
      }
      if (r.action === 'settlement-changed') {
        ctx.layer.watcher.signal.notify();
        return c.batchMs;
      }
      c.log(`L2 ${chainId}: batch ${r.batch} ${r.action} on ${chain.settlesOn} (${r.txHash})`);
      ctx.layer.watcher.signal.notify();
      return 0;
    },
  });
}

/**
 * Seals a batch every `batchMs`. Blocks holding only system transactions (root imports) wait, but not for more
 * than `forceAfterMs`, so they are sealed eventually. A halted chain is not sealed, nor one with
 * `maxUnsettledBatches` batches waiting for execution.
 */
function startSequencer(shared: NodeShared, ctx: ChainContext): Loop {
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
      // The settlement layer is behind: the blocks wait for a later, bigger batch rather than the backlog growing.
      if (store.getChainProgress(chainId).lastBatch - store.getLastExecutedBatch(chainId) >= c.maxUnsettledBatches) {
        await noticeHistoryChange(shared, ctx);
        return c.batchMs;
      }
      const force = waitingSince !== undefined && started - waitingSince > forceAfterMs;
      const r = await sealBatch({
        store,
        upstream: ctx.l2,
        chainId: chain.chainId,
        settlesOn: chain.settlesOn,
        ownSettlement: chain.gateway?.address,
        maxLogsPerBatch: c.maxLogsPerBatch,
        maxCommitGas: c.maxCommitGas,
        maxCommitBytes: c.maxCommitBytes,
        force,
        publicHashOf: (hash) => aliases.zkHashOf(hash),
        publicHashPending: (tx) => isUnrecordedZkSyncSend(chain.chainId, tx, aliases),
        publicHashMayBePending: () => hasUnrecordedZkSyncSends(chain.chainId, aliases),
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
async function noticeHistoryChange({ c, store, proofs }: NodeShared, ctx: ChainContext): Promise<boolean> {
  const history = await checkChainHistory({
    store,
    l2: ctx.l2,
    settlement: ctx.layer.upstream,
    settlementAddress: ctx.layer.layer.address,
    chainId: ctx.chain.chainId,
    lock: ctx.chainLock,
  });
  if (!history.changed) return false;
  proofs.clearCache();
  ctx.importCursor.clear();
  ctx.loops.importer?.signal.notify();
  if (history.action === 'resealed')
    c.log(
      `L2 ${ctx.chainId}: HISTORY CHANGED at block ${history.forkBlock}; batches ${history.fromBatch}..${history.toBatch} were not committed and are sealed again from block ${history.firstBlock}`,
    );
  return true;
}

/** 1000 ETH, for the impersonated system caller's gas. */
const SYSTEM_CALLER_BALANCE = '0x3635c9adc5dea00000';

/** Imports the new roots of the layers above the chain (and its own, for a Gateway) as the system caller. */
function startRootImporter(
  { c, store, gate, afterRevert }: NodeShared,
  ctx: ChainContext,
  systemCaller: TxSender,
): Loop {
  const { chain, l2, importCursor: cursor } = ctx;
  let funded = false;
  afterRevert.push(() => {
    funded = false;
    cursor.clear();
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
          layers: chain.importsFrom,
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
