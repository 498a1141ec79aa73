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
import { type NodeConfig, resolveNodeConfig } from './config.js';
import { NodeError } from './errors.js';
import { Gate, type Loop, Mutex, startLoop } from './loop.js';
import { ProofService } from './proofs/getProofs.js';
import { createAccessHandler } from './rpc/access.js';
import { createNetworkHandler } from './rpc/anvilMethods.js';
import { createL2Handler, createPassThroughHandler, StoreTxHashAliases } from './rpc/l2Endpoint.js';
import { l2Methods } from './rpc/l2Methods.js';
import { type RpcHandler, type RpcServer, startRpcServer } from './rpc/server.js';
import { createUpstream, getBlockHashes } from './rpc/upstream.js';
import { keySender, senderAddress, type TxSender } from './sendTransaction.js';
import { checkChainHistory } from './sequencer/checkChainHistory.js';
import { sealBatch } from './sequencer/sealBatch.js';
import { CommittedBatchMismatchError, submitNextBatch } from './sequencer/submitBatch.js';
import { applySettlementBlocks } from './settlement/applySettlementBlocks.js';
import { checkSettlementHistory } from './settlement/checkSettlementHistory.js';
import { importRoots } from './settlement/importRoots.js';
import { SettlementMirror } from './settlement/mirror.js';
import { NetworkSnapshots, type SnapshotChain } from './snapshots/networkSnapshots.js';
import { Store } from './store/store.js';
import { hasUnrecordedZkSyncSends, isImpersonatedForZkSync } from './zksync/index.js';

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
  const log = c.log;
  const store = new Store(c.dataDir);
  const servers: RpcServer[] = [];
  const loops: Loop[] = [];
  // Every loop step and endpoint request runs in the gate; a network snapshot or revert runs alone.
  const gate = new Gate();
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
    const network = `${c.settlement.chainId}:${c.settlement.address.toLowerCase()}`;
    const known = store.getMeta('settlement');
    if (known === undefined) store.setMeta('settlement', network);
    else if (known !== network)
      throw new NodeError(`the data directory ${c.dataDir} belongs to another network (${known}), not ${network}`);

    const settlement = createUpstream(c.settlement.rpcUrl, { signal: background.signal });
    // The endpoints' own upstream calls are not tied to the background loops.
    const settlementEndpoint = createUpstream(c.settlement.rpcUrl, { sharing: ENDPOINT_UPSTREAM_SHARING });
    const chainIds = c.chains.map((ch) => ch.chainId);
    const proofs = new ProofService(store, c.settlement.chainId, getLeafChainAggregatedRoot, chainIds);
    const aliases = new StoreTxHashAliases(store);
    const pollMs = Math.max(20, Math.min(100, Math.floor(c.batchMs / 2)));

    let mirror = SettlementMirror.load(store);
    const importerLoops: Loop[] = [];
    // In-memory state derived from the store or the chains, dropped after a network revert.
    const afterRevert: (() => void)[] = [
      () => {
        mirror = SettlementMirror.load(store);
      },
      () => aliases.reload(),
      () => proofs.clearCache(),
    ];
    const snapshotChains: SnapshotChain[] = [{ chainId: c.settlement.chainId, upstream: settlementEndpoint }];
    snapshots = new NetworkSnapshots({
      chains: snapshotChains,
      store,
      gate,
      dir: join(c.dataDir, 'snapshots'),
      afterRevert: () => {
        for (const reset of afterRevert) reset();
        for (const l of loops) l.signal.notify();
      },
    });
    const networkHandler = (inner: RpcHandler, protocolContracts: Address[]) =>
      createNetworkHandler(inner, { snapshots: snapshots!, gate, protocolContracts });
    const importCursors: { floor: number }[] = [];
    for (const halt of store.history.getHalts())
      log(
        `L2 ${halt.chainId}: HALTED since block ${halt.block}: ${halt.reason}; it is not sealed (see interop_health)`,
      );
    // Nobody sends as the node's own accounts through its endpoints (see rpc/access.ts).
    const nodeSenders: Address[] = [
      ...c.chains.flatMap((ch) => [
        privateKeyToAddress(ch.operatorPrivateKey),
        ch.systemCaller === 'impersonate' ? SYSTEM_CALLER_ADDRESS : privateKeyToAddress(ch.systemCaller.privateKey),
      ]),
      ...c.protectedSenders,
    ];
    const accessHandler = (l2ChainId: bigint | undefined, inner: RpcHandler) =>
      createAccessHandler(inner, {
        passThroughMethods: c.passThroughMethods,
        isOwnMethod: (m) =>
          l2ChainId !== undefined && (Object.hasOwn(l2Methods, m) || m.startsWith('zks_') || m.startsWith('interop_')),
        protectedSenders: nodeSenders,
        isBusySender: l2ChainId === undefined ? undefined : (a) => isImpersonatedForZkSync(l2ChainId, a),
      });
    const watcher = startLoop({
      name: `settlement ${c.settlement.chainId} watcher`,
      onError: log,
      gate,
      step: async () => {
        try {
          const history = await checkSettlementHistory({ store, settlement, startBlock: c.settlement.startBlock });
          if (history.changed) {
            mirror = SettlementMirror.load(store);
            proofs.clearCache();
            for (const cursor of importCursors) cursor.floor = 0;
            log(
              `settlement ${c.settlement.chainId}: HISTORY CHANGED after block ${history.keepThrough} (reorg or rollback); reading the settlement layer again from block ${c.settlement.startBlock}`,
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
            log,
          });
          if (r.roots > 0) for (const l of importerLoops) l.signal.notify();
          return r.behind ? 0 : pollMs;
        } catch (err) {
          // The in-memory trees may be ahead of the store now: start again from what is stored.
          mirror = SettlementMirror.load(store);
          throw err;
        }
      },
    });
    loops.push(watcher);

    const handles: NodeHandle['chains'] = [];
    for (const chain of c.chains) {
      const chainId = Number(chain.chainId);
      const l2 = createUpstream(chain.rpcUrl, { signal: background.signal });
      const l2Endpoint = createUpstream(chain.rpcUrl, { sharing: ENDPOINT_UPSTREAM_SHARING });
      snapshotChains.push({ chainId: chain.chainId, upstream: l2Endpoint });
      const operator = keySender(chain.operatorPrivateKey);
      const systemCaller: TxSender =
        chain.systemCaller === 'impersonate'
          ? { kind: 'impersonate', address: SYSTEM_CALLER_ADDRESS }
          : keySender(chain.systemCaller.privateKey);
      const systemSenders: Address[] = [senderAddress(systemCaller)];
      // The submitter and a rewind of this chain's batches never run at the same time.
      const chainLock = new Mutex();
      const importCursor = { floor: 0 };
      importCursors.push(importCursor);

      const submitter = startLoop({
        name: `L2 ${chainId} submitter`,
        onError: log,
        gate,
        step: async () => {
          if (store.history.getHalt(chainId)) return HALTED_RECHECK_MS;
          const r = await chainLock
            .run(() =>
              submitNextBatch({
                store,
                settlement,
                settlementChainId: c.settlement.chainId,
                settlementAddress: c.settlement.address,
                chainId: chain.chainId,
                operator,
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
              log(`L2 ${chainId}: HALTED: ${err.shortMessage}; it is not sealed or settled any more`);
              importCursor.floor = 0;
              return { action: 'none' } as const;
            });
          if (r.action === 'none') return c.batchMs;
          if (r.action === 'history-changed') {
            sequencer.signal.notify();
            return c.batchMs;
          }
          log(`L2 ${chainId}: batch ${r.batch} ${r.action} (${r.txHash})`);
          watcher.signal.notify();
          return 0;
        },
      });
      let waitingSince: number | undefined;
      // True if the chain's history changed under the sealed batches (which are then sealed again or halted).
      const noticeHistoryChange = async (): Promise<boolean> => {
        const history = await checkChainHistory({
          store,
          l2,
          settlement,
          settlementAddress: c.settlement.address,
          chainId: chain.chainId,
          lock: chainLock,
        });
        if (!history.changed) return false;
        proofs.clearCache();
        importCursor.floor = 0;
        importer.signal.notify();
        if (history.action === 'resealed')
          log(
            `L2 ${chainId}: HISTORY CHANGED at block ${history.forkBlock}; batches ${history.fromBatch}..${history.toBatch} were not committed and are sealed again from block ${history.firstBlock}`,
          );
        return true;
      };
      const forceAfterMs = Math.max(5000, c.batchMs * 20);
      const sequencer = startLoop({
        name: `L2 ${chainId} sequencer`,
        onError: log,
        gate,
        step: async () => {
          const started = Date.now();
          const halt = store.history.getHalt(chainId);
          if (halt) {
            log(`L2 ${chainId}: HALTED since block ${halt.block}: ${halt.reason}; it is not sealed`);
            return HALTED_RECHECK_MS;
          }
          const force = waitingSince !== undefined && started - waitingSince > forceAfterMs;
          const r = await sealBatch({
            store,
            upstream: l2,
            chainId: chain.chainId,
            systemSenders,
            maxLogsPerBatch: c.maxLogsPerBatch,
            maxCommitGas: c.maxCommitGas,
            maxCommitBytes: c.maxCommitBytes,
            force,
            publicHashOf: (hash) => aliases.zkHashOf(hash),
            publicHashPending: () => hasUnrecordedZkSyncSends(chain.chainId),
          });
          if (r.sealed) {
            waitingSince = undefined;
            log(`L2 ${chainId}: sealed batch ${r.number} (blocks ${r.firstBlock}..${r.lastBlock}, ${r.logCount} logs)`);
            submitter.signal.notify();
            if (r.more) return 0;
          } else {
            if (r.reason === 'only-system-transactions') waitingSince ??= started;
            // A seal checks that the new blocks extend the sealed ones; without one, look for a change anyway.
            if (await noticeHistoryChange()) return 0;
          }
          return Math.max(0, c.batchMs - (Date.now() - started));
        },
      });
      let funded = false;
      afterRevert.push(() => {
        waitingSince = undefined;
        funded = false;
        importCursor.floor = 0;
      });
      const importer: Loop = startLoop({
        name: `L2 ${chainId} root importer`,
        onError: log,
        gate,
        step: async () => {
          try {
            // An impersonated system caller has no funds of its own (each import impersonates it for one transaction).
            if (systemCaller.kind === 'impersonate' && !funded) {
              await l2.request('anvil_setBalance', [systemCaller.address, '0x3635c9adc5dea00000']);
              funded = true;
            }
            const r = await importRoots({
              store,
              l2,
              chainId: chain.chainId,
              settlementChainId: c.settlement.chainId,
              systemCaller,
              cursor: importCursor,
            });
            return r.more ? 0 : 1000;
          } catch (err) {
            funded = false; // the L2 may have restarted and forgotten it
            throw err;
          }
        },
      });
      importerLoops.push(importer);
      loops.push(submitter, sequencer, importer);

      const server = await startRpcServer({
        host: c.host,
        port: chain.port,
        allowedOrigins: c.allowedOrigins,
        handle: accessHandler(
          chain.chainId,
          networkHandler(
            createL2Handler({
              chainId: chain.chainId,
              settlementChainId: c.settlement.chainId,
              store,
              proofs,
              upstream: l2Endpoint,
              chainIds,
              aliases,
            }),
            [L1_MESSENGER_ADDRESS, INTEROP_CENTER_ADDRESS, L2_MESSAGE_VERIFICATION_ADDRESS],
          ),
        ),
      });
      servers.push(server);
      handles.push({ chainId: chain.chainId, rpcUrl: server.url, upstreamRpcUrl: chain.rpcUrl });
    }
    let settlementUrl: string | undefined;
    if (c.settlement.port !== undefined) {
      const server = await startRpcServer({
        host: c.host,
        port: c.settlement.port,
        allowedOrigins: c.allowedOrigins,
        handle: accessHandler(
          undefined,
          networkHandler(createPassThroughHandler(settlementEndpoint), [c.settlement.address]),
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
