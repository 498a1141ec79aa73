// The settlement contract on a real anvil (chain 9): random commit/execute sequences compared with the
// TypeScript core (log roots, chain batch roots, chain trees, shared tree, per-block roots), access control and
// ordering, and verification of messages on the settlement layer and, through an imported root, by InteropCenter.

import { InteropCenter, InteropSettlement } from '@interop/contracts';
import { deploySettlementContracts, installSystemContracts, registerChain } from '@interop/devnet/deploy';
import {
  buildLogTree,
  DynamicIncrementalMerkleTree,
  encodeProof,
  FullMerkleTree,
  getBatchRootLeaf,
  getChainBatchRoot,
  getChainIdLeaf,
  getLeafChainAggregatedRoot,
  hashL2ToL1Log,
  INTEROP_CENTER_ADDRESS,
  interopMessageToLog,
  type L2ToL1Log,
  packL2ToL1Logs,
  SYSTEM_CALLER_ADDRESS,
  ZERO_HASH,
} from '@interop/sdk/core';
import { type Address, type Hex, parseEventLogs } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revertName, rng, startTestChain, type TestChain } from './helpers.js';

const SL = 9n;
let chain: TestChain;
let settlement: Address;
let owner: Address;
const operators = new Map<bigint, Address>();

// The model: what the contract must hold, computed with the core.
const shared = new FullMerkleTree();
const sharedIndex = new Map<bigint, number>();
const chainTrees = new Map<bigint, DynamicIncrementalMerkleTree>();
const committed = new Map<bigint, { batch: bigint; lastBlock: bigint; roots: Hex[] }>();

function addToModel(chainId: bigint) {
  sharedIndex.set(chainId, shared.push(getChainIdLeaf(ZERO_HASH, chainId)));
  chainTrees.set(chainId, new DynamicIncrementalMerkleTree());
  committed.set(chainId, { batch: 0n, lastBlock: 0n, roots: [] });
}

beforeAll(async () => {
  // A full batch (16,384 logs) is ~2 MB of calldata: past anvil's default 2 MB request limit and 30M gas.
  chain = await startTestChain(Number(SL), ['--no-request-size-limit', '--gas-limit', '1000000000']);
  [owner] = chain.accounts;
  operators.set(271n, chain.accounts[1]);
  operators.set(272n, chain.accounts[2]);
  const deployed = await deploySettlementContracts({
    client: chain.client,
    account: owner,
    chains: [...operators].map(([chainId, operator]) => ({ chainId, operator })),
  });
  settlement = deployed.settlement;
  for (const id of [SL, 271n, 272n]) addToModel(id);
});
afterAll(async () => {
  await chain?.stop();
});

const contract = () => ({ address: settlement, abi: InteropSettlement.abi }) as const;
const read = <T>(functionName: string, args: readonly unknown[] = []): Promise<T> =>
  chain.client.readContract({ ...contract(), functionName, args } as never) as Promise<T>;

function randomLogs(r: ReturnType<typeof rng>, n: number): L2ToL1Log[] {
  return Array.from({ length: n }, () => ({
    l2ShardId: r.int(256),
    isService: r.int(2) === 1,
    txNumberInBatch: r.int(65536),
    sender: r.bytes(20),
    key: r.word(),
    value: r.word(),
  }));
}

// anvil estimates with the latest block's number, where historicalRoot may already be set, so an estimate can
// miss the 20k of a fresh slot: send with a fixed, ample limit instead.
async function write(
  from: Address,
  functionName:
    | 'commitBatch'
    | 'executeBatch'
    | 'commitAndExecuteBatch'
    | 'commitBatchWithAggregatedRoot'
    | 'commitAndExecuteBatchWithAggregatedRoot',
  args: readonly unknown[],
  gas = 10_000_000n,
) {
  const hash = await chain.client.writeContract({
    ...contract(),
    functionName,
    args,
    account: from,
    chain: null,
    gas,
  } as never);
  const receipt = await chain.client.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
  return receipt;
}

function commitArgs(chainId: bigint, logs: L2ToL1Log[], blocks: bigint, r: ReturnType<typeof rng>) {
  const state = committed.get(chainId)!;
  const first = state.batch === 0n ? 1n + BigInt(r.int(5)) : state.lastBlock + 1n;
  return [
    chainId,
    state.batch + 1n,
    first,
    first + blocks - 1n,
    packL2ToL1Logs(logs),
    logs.map(() => r.word()),
  ] as const;
}

/**
 * Commits (and maybe executes) a batch of `logs`, checking every event against the model. With `aggregatedRoot`
 * (a chain that is itself a settlement layer), through the WithAggregatedRoot variants.
 */
async function settle(
  chainId: bigint,
  logs: L2ToL1Log[],
  mode: 'commit' | 'both',
  r: ReturnType<typeof rng>,
  aggregatedRoot?: Hex,
) {
  const args = commitArgs(chainId, logs, BigInt(1 + r.int(3)), r);
  // Calldata is charged at least 40 gas a byte (EIP-7623): a full batch needs ~80M.
  const gas = 10_000_000n + BigInt(logs.length) * 6_000n;
  const name = mode === 'both' ? 'commitAndExecuteBatch' : 'commitBatch';
  const receipt = await write(
    operators.get(chainId)!,
    aggregatedRoot ? `${name}WithAggregatedRoot` : name,
    aggregatedRoot ? [...args, aggregatedRoot] : args,
    gas,
  );
  const tree = buildLogTree(logs.map(hashL2ToL1Log));
  const chainBatchRoot = getChainBatchRoot(tree.root, aggregatedRoot ?? getLeafChainAggregatedRoot(chainId));
  const [ev] = parseEventLogs({ abi: InteropSettlement.abi, logs: receipt.logs, eventName: 'BatchCommitted' });
  expect(ev.args).toEqual({
    chainId,
    batchNumber: args[1],
    chainBatchRoot,
    localLogsRoot: tree.root,
    firstBlock: args[2],
    lastBlock: args[3],
    logCount: BigInt(logs.length),
  });
  const state = committed.get(chainId)!;
  state.batch = args[1];
  state.lastBlock = args[3];
  state.roots.push(chainBatchRoot);
  if (mode === 'both') checkExecuted(chainId, args[1], receipt);
  return { batch: args[1], tree, chainBatchRoot, receipt };
}

/** Applies an execution to the model and compares the receipt's events and the stored roots with it. */
function checkExecuted(chainId: bigint, batch: bigint, receipt: Awaited<ReturnType<typeof write>>) {
  const chainBatchRoot = committed.get(chainId)!.roots[Number(batch) - 1];
  const tree = chainTrees.get(chainId)!;
  const index = tree.push(getBatchRootLeaf(chainBatchRoot, batch));
  shared.update(sharedIndex.get(chainId)!, getChainIdLeaf(tree.root(), chainId));
  const [ev] = parseEventLogs({ abi: InteropSettlement.abi, logs: receipt.logs, eventName: 'BatchExecuted' });
  expect(ev.args).toEqual({
    chainId,
    batchNumber: batch,
    chainBatchRoot,
    chainTreeIndex: BigInt(index),
    chainRoot: tree.root(),
    messageRoot: shared.root(),
  });
  const [root] = parseEventLogs({ abi: InteropSettlement.abi, logs: receipt.logs, eventName: 'NewInteropRoot' });
  expect(root.args).toEqual({ chainId: SL, blockNumber: receipt.blockNumber, logId: 0n, sides: [shared.root()] });
  return index;
}

describe('InteropSettlement vs the core model', () => {
  it('starts with the settlement layer at index 0 and the initial chains after it', async () => {
    expect(await read('chainCount')).toBe(3n);
    expect(await read('chainIndex', [SL])).toBe(0n);
    expect(await read('chainIndex', [272n])).toBe(2n);
    expect((await read<Address>('operatorOf', [271n])).toLowerCase()).toBe(operators.get(271n)!.toLowerCase());
    expect((await read<Address>('owner')).toLowerCase()).toBe(owner.toLowerCase());
    expect(await read('currentMessageRoot')).toBe(shared.root());
    expect(await read('chainRoot', [271n])).toBe(ZERO_HASH);
  });

  it('random commit / execute sequences give the same log roots, chain roots and shared roots', async () => {
    const r = rng(10);
    for (let step = 0; step < 24; step++) {
      const chainId = r.int(2) === 0 ? 271n : 272n;
      const pending = committed.get(chainId)!.batch - BigInt(chainTrees.get(chainId)!.size);
      const action = r.int(3);
      if (action === 0 && pending > 0n) {
        const batch = BigInt(chainTrees.get(chainId)!.size) + 1n;
        checkExecuted(chainId, batch, await write(operators.get(chainId)!, 'executeBatch', [chainId, batch]));
      } else {
        const n = [0, 1, 2, 3, 7, 8, 9, 31, 33, 100][r.int(10)];
        // Some batches come from a chain acting as a settlement layer: its own MessageRoot as aggregated root.
        const aggregatedRoot = r.int(3) === 0 ? r.word() : undefined;
        await settle(chainId, randomLogs(r, n), action === 1 || pending > 0n ? 'commit' : 'both', r, aggregatedRoot);
      }
      for (const id of [271n, 272n]) {
        expect(await read('chainRoot', [id])).toBe(chainTrees.get(id)!.root());
        expect(await read('totalBatchesExecuted', [id])).toBe(BigInt(chainTrees.get(id)!.size));
        expect(await read('totalBatchesCommitted', [id])).toBe(committed.get(id)!.batch);
      }
      expect(await read('currentMessageRoot')).toBe(shared.root());
    }
    // Stored roots: every committed batch; only executed ones through chainBatchRoots.
    const state = committed.get(271n)!;
    for (let b = 1; b <= state.roots.length; b++) {
      expect(await read('batchRoot', [271n, BigInt(b)])).toBe(state.roots[b - 1]);
      const executed = b <= chainTrees.get(271n)!.size;
      expect(await read('chainBatchRoots', [271n, BigInt(b)])).toBe(executed ? state.roots[b - 1] : ZERO_HASH);
    }
  });

  it('records the last of several root updates in one block, numbering them by logId', async () => {
    for (const id of [271n, 272n]) {
      const pending = committed.get(id)!.batch - BigInt(chainTrees.get(id)!.size);
      for (let i = 0n; i < pending; i++) {
        const batch = BigInt(chainTrees.get(id)!.size) + 1n;
        checkExecuted(id, batch, await write(operators.get(id)!, 'executeBatch', [id, batch]));
      }
    }
    const r = rng(11);
    await chain.client.setAutomine(false);
    try {
      const hashes: Hex[] = [];
      for (const id of [271n, 272n]) {
        const args = commitArgs(id, randomLogs(r, 3), 1n, r);
        hashes.push(
          await chain.client.writeContract({
            ...contract(),
            functionName: 'commitAndExecuteBatch',
            args,
            account: operators.get(id)!,
            chain: null,
            gas: 2_000_000n,
          }),
        );
      }
      await chain.client.mine({ blocks: 1 });
      const receipts = await Promise.all(hashes.map((hash) => chain.client.waitForTransactionReceipt({ hash })));
      expect(receipts[0].blockNumber).toBe(receipts[1].blockNumber);
      const roots = receipts.flatMap((rc) =>
        parseEventLogs({ abi: InteropSettlement.abi, logs: rc.logs, eventName: 'NewInteropRoot' }),
      );
      expect(roots.map((e) => e.args.logId)).toEqual([0n, 1n]);
      expect(await read('historicalRoot', [receipts[0].blockNumber])).toBe(roots[1].args.sides[0]);
      expect(await read('currentMessageRoot')).toBe(roots[1].args.sides[0]);
    } finally {
      await chain.client.setAutomine(true);
    }
    // Bring the model in line with the two batches above (their logs are not needed again).
    for (const id of [271n, 272n]) {
      const state = committed.get(id)!;
      state.batch += 1n;
      state.lastBlock = await read<bigint>('lastCommittedBlock', [id]);
      state.roots.push(await read<Hex>('batchRoot', [id, state.batch]));
      const tree = chainTrees.get(id)!;
      tree.push(getBatchRootLeaf(state.roots[state.roots.length - 1], state.batch));
      shared.update(sharedIndex.get(id)!, getChainIdLeaf(tree.root(), id));
    }
    expect(await read('currentMessageRoot')).toBe(shared.root());
  });

  it('commits a batch of 16,384 logs and refuses 16,385', async () => {
    const r = rng(12);
    const full = randomLogs(r, 16384);
    await settle(272n, full, 'both', r);
    const args = commitArgs(272n, [], 1n, r);
    const tooMany = `${packL2ToL1Logs(full)}${'00'.repeat(88)}` as Hex;
    const sim = chain.client.simulateContract({
      ...contract(),
      functionName: 'commitBatch',
      args: [args[0], args[1], args[2], args[3], tooMany, []],
      account: operators.get(272n)!,
      gas: 500_000_000n,
    });
    expect(await revertName(sim)).toBe('TooManyLogs');
  });
});

describe('InteropSettlement access control and ordering', () => {
  const sim = (from: Address, functionName: string, args: readonly unknown[]) =>
    chain.client.simulateContract({ ...contract(), functionName, args, account: from } as never);

  it('only the operator commits and executes; batches never twice, never skipped', async () => {
    const r = rng(13);
    const [, op271, op272, stranger] = chain.accounts;
    const ok = commitArgs(271n, randomLogs(r, 2), 1n, r);
    expect(await revertName(sim(stranger, 'commitBatch', ok))).toBe('NotOperator');
    expect(await revertName(sim(op272, 'commitBatch', ok))).toBe('NotOperator');
    expect(await revertName(sim(op271, 'commitBatch', [999n, ...ok.slice(1)]))).toBe('NotOperator');
    expect(await revertName(sim(op271, 'commitBatch', [ok[0], ok[1] + 1n, ...ok.slice(2)]))).toBe('BatchOutOfOrder');
    expect(await revertName(sim(op271, 'commitBatch', [ok[0], ok[1] - 1n, ...ok.slice(2)]))).toBe('BatchOutOfOrder');
    expect(await revertName(sim(op271, 'commitBatch', [ok[0], ok[1], ok[2] + 1n, ok[3] + 1n, ok[4], ok[5]]))).toBe(
      'InvalidBlockRange',
    );
    expect(await revertName(sim(op271, 'commitBatch', [ok[0], ok[1], ok[2], ok[2] - 1n, ok[4], ok[5]]))).toBe(
      'InvalidBlockRange',
    );
    expect(await revertName(sim(op271, 'commitBatch', [...ok.slice(0, 4), `${ok[4]}00`, ok[5]]))).toBe(
      'InvalidLogsLength',
    );
    expect(await revertName(sim(op271, 'commitBatch', [...ok.slice(0, 5), [r.word()]]))).toBe('TxHashesLengthMismatch');
    const next = BigInt(chainTrees.get(271n)!.size) + 1n;
    expect(await revertName(sim(op271, 'executeBatch', [271n, next]))).toBe('BatchNotCommitted');
    expect(await revertName(sim(stranger, 'executeBatch', [271n, next]))).toBe('NotOperator');
    const { batch } = await settle(271n, randomLogs(r, 2), 'commit', r);
    expect(await revertName(sim(op271, 'executeBatch', [271n, batch + 1n]))).toBe('BatchOutOfOrder');
    checkExecuted(271n, batch, await write(op271, 'executeBatch', [271n, batch]));
    expect(await revertName(sim(op271, 'executeBatch', [271n, batch]))).toBe('BatchOutOfOrder');
    // The settlement layer itself has no operator: nobody commits for it.
    expect(await revertName(sim(stranger, 'commitBatch', [SL, ...ok.slice(1)]))).toBe('NotOperator');
  });

  it('only the owner registers chains and changes operators', async () => {
    const [, op271, , stranger, fresh] = chain.accounts;
    expect(await revertName(sim(stranger, 'registerChain', [300n, fresh]))).toBe('NotOwner');
    expect(await revertName(sim(owner, 'registerChain', [271n, fresh]))).toBe('ChainAlreadyRegistered');
    expect(await revertName(sim(owner, 'registerChain', [SL, fresh]))).toBe('ChainAlreadyRegistered');
    expect(await revertName(sim(owner, 'registerChain', [300n, '0x0000000000000000000000000000000000000000']))).toBe(
      'ZeroOperator',
    );
    expect(await revertName(sim(stranger, 'setOperator', [271n, fresh]))).toBe('NotOwner');
    expect(await revertName(sim(owner, 'setOperator', [301n, fresh]))).toBe('ChainNotRegistered');

    await registerChain({ client: chain.client, account: owner, settlement, chainId: 300n, operator: fresh });
    addToModel(300n);
    operators.set(300n, fresh);
    expect(await read('chainIndex', [300n])).toBe(3n);
    expect(await read('currentMessageRoot')).toBe(shared.root());

    const hash = await chain.client.writeContract({
      ...contract(),
      functionName: 'setOperator',
      args: [271n, stranger],
      account: owner,
      chain: null,
    });
    await chain.client.waitForTransactionReceipt({ hash });
    const r = rng(14);
    expect(await revertName(sim(op271, 'commitBatch', commitArgs(271n, [], 1n, r)))).toBe('NotOperator');
    operators.set(271n, stranger);
    await settle(271n, randomLogs(r, 1), 'both', r);

    // Grow the shared tree past 4 and 8 leaves; batches of the newest chains must land in the same roots.
    for (let id = 301n; id <= 306n; id++) {
      await registerChain({ client: chain.client, account: owner, settlement, chainId: id, operator: fresh });
      addToModel(id);
      operators.set(id, fresh);
      expect(await read('currentMessageRoot')).toBe(shared.root());
    }
    expect(await read('chainCount')).toBe(BigInt(shared.size));
    for (const id of [306n, 303n, 306n, 300n]) await settle(id, randomLogs(r, 1 + r.int(5)), 'both', r);
    expect(await read('currentMessageRoot')).toBe(shared.root());
  });
});

describe('verification on the settlement layer and through an imported root', () => {
  it('proves a message single-level against the executed batch root and two-level against the block root', async () => {
    const r = rng(15);
    const interopHash = r.word();
    const logs = randomLogs(r, 20);
    const index = 13;
    logs[index] = interopMessageToLog({ interopHash, txNumberInBatch: 4 });
    const op = operators.get(272n)!;
    const { batch, tree, receipt } = await settle(272n, logs, 'commit', r);
    const aggregated = getLeafChainAggregatedRoot(272n);
    const single = encodeProof([{ path: [...tree.path(index), aggregated], final: true }]);
    const proofArg = (proof: Hex[], b: bigint) => ({
      chainId: 272n,
      l1BatchNumber: b,
      l2MessageIndex: BigInt(index),
      txNumberInBatch: 4,
      proof,
    });
    const verify = (p: ReturnType<typeof proofArg>) => read<boolean>('verifyInteropMessage', [interopHash, p]);
    expect(receipt.status).toBe('success');
    expect(await verify(proofArg(single, batch))).toBe(false); // committed, not executed yet

    const execReceipt = await write(op, 'executeBatch', [272n, batch]);
    const chainTreeIndex = checkExecuted(272n, batch, execReceipt);
    expect(await verify(proofArg(single, batch))).toBe(true);
    expect(await verify({ ...proofArg(single, batch), txNumberInBatch: 5 })).toBe(false);

    const chainTree = chainTrees.get(272n)!;
    const two = encodeProof([
      {
        path: [...tree.path(index), aggregated],
        final: false,
        batchLeafIndex: BigInt(chainTreeIndex),
        batchPath: chainTree.path(chainTreeIndex),
        settlementBlockNumber: execReceipt.blockNumber,
        chainIdLeafIndex: BigInt(sharedIndex.get(272n)!),
        settlementChainId: SL,
      },
      { path: shared.path(sharedIndex.get(272n)!), final: true },
    ]);
    expect(await verify(proofArg(two, batch))).toBe(true);
    // A later block's root changes nothing for this proof: it names the block it was built for.
    await settle(271n, randomLogs(r, 1), 'both', r);
    expect(await verify(proofArg(two, batch))).toBe(true);
    expect(await verify(proofArg(two, batch + 1n))).toBe(false);

    // The same proof on an L2 whose InteropCenter imported (9, block): install the system contracts on this
    // anvil (chain 9 plays the L2; the key of the log is 0x…10008 either way).
    await installSystemContracts({ client: chain.client, impersonateSystemCaller: true });
    const center = { address: INTEROP_CENTER_ADDRESS, abi: InteropCenter.abi } as const;
    const verifyOnL2 = () =>
      chain.client.readContract({
        ...center,
        functionName: 'verifyInteropMessage',
        args: [interopHash, proofArg(two, batch)],
      });
    expect(await verifyOnL2()).toBe(false);
    const blockRoot = await read<Hex>('historicalRoot', [execReceipt.blockNumber]);
    const hash = await chain.client.writeContract({
      ...center,
      functionName: 'addInteropRoot',
      args: [SL, execReceipt.blockNumber, [blockRoot]],
      account: SYSTEM_CALLER_ADDRESS,
      chain: null,
    });
    await chain.client.waitForTransactionReceipt({ hash });
    expect(await verifyOnL2()).toBe(true);
  });
});
