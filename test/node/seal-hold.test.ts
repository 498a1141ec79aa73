// The sequencer waits for a ZKsync transaction's hash only in the block that holds it: the blocks before it are
// sealed as usual (before, one 0x71 send in flight anywhere on the chain held every seal). Real anvil and SQLite;
// the "still in flight" answer is given by the test instead of a racing send.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AnvilInstance, startAnvil } from '@interop/devnet';
import { installSystemContracts } from '@interop/devnet/deploy';
import { Store } from '@interop/node';
import { interopCenterAbi } from '@interop/sdk/abis';
import { INTEROP_CENTER_ADDRESS, SYSTEM_CALLER_ADDRESS } from '@interop/sdk/core';
import { encodeFunctionData, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstream, type Upstream } from '../../packages/node/src/rpc/upstream.js';
import { sealBatch } from '../../packages/node/src/sequencer/sealBatch.js';
import { rpc } from './helpers.js';

let anvil: AnvilInstance;
let store: Store;
let dir: string;
const txs: Hex[] = [];

beforeAll(async () => {
  anvil = await startAnvil({ chainId: 271 });
  await installSystemContracts({ rpcUrl: anvil.rpcUrl });
  dir = mkdtempSync(join(tmpdir(), 'interop-seal-hold-'));
  store = new Store(dir);
  const [from] = (await rpc(anvil.rpcUrl, 'eth_accounts')).result as Hex[];
  await rpc(anvil.rpcUrl, 'evm_setAutomine', [false]);
  // Three blocks with one transaction each.
  for (let i = 0; i < 3; i++) {
    txs.push((await rpc(anvil.rpcUrl, 'eth_sendTransaction', [{ from, to: from, value: '0x1' }])).result);
    await rpc(anvil.rpcUrl, 'evm_mine');
  }
});

afterAll(async () => {
  store?.close();
  await anvil?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('seal hold for an unrecorded ZKsync hash', () => {
  const seal = (inFlight: Hex | undefined) =>
    sealBatch({
      store,
      upstream: createUpstream(anvil.rpcUrl),
      chainId: 271n,
      settlesOn: 9n,
      publicHashPending: (tx) => tx.hash === inFlight,
    });

  it('holds only from the block of the transaction in flight', async () => {
    const first = store.getChainProgress(271).lastSealedBlock;
    // In flight in the first unsealed block: nothing can be sealed yet.
    const txBlock = async (hash: Hex) =>
      Number((await rpc(anvil.rpcUrl, 'eth_getTransactionReceipt', [hash])).result.blockNumber);
    expect(await txBlock(txs[0])).toBe(first + 1);
    expect(await seal(txs[0])).toMatchObject({ sealed: false, reason: 'public-hash-pending' });
    // In flight in the third block: the blocks before it are sealed now.
    const held = await txBlock(txs[2]);
    const r = await seal(txs[2]);
    expect(r).toMatchObject({ sealed: true, firstBlock: first + 1, lastBlock: held - 1, more: true });
    // Recorded: the rest is sealed.
    expect(await seal(undefined)).toMatchObject({ sealed: true, firstBlock: held, lastBlock: held });
  });
});

describe('what the sequencer reads', () => {
  // The real upstream, recording whether each block read asked for full transactions.
  const fullReads: boolean[] = [];
  const recorded = (): Upstream => {
    const upstream = createUpstream(anvil.rpcUrl);
    return {
      ...upstream,
      batch: (calls) => {
        for (const c of calls) if (c.method === 'eth_getBlockByNumber') fullReads.push(c.params?.[1] === true);
        return upstream.batch(calls);
      },
    };
  };
  const seal = (mayBePending: boolean) =>
    sealBatch({
      store,
      upstream: recorded(),
      chainId: 271n,
      settlesOn: 9n,
      publicHashPending: () => false,
      publicHashMayBePending: () => mayBePending,
    });
  const mineOne = async (tx: Record<string, unknown>) => {
    await rpc(anvil.rpcUrl, 'eth_sendTransaction', [tx]);
    await rpc(anvil.rpcUrl, 'evm_mine');
  };

  it('reads transaction hashes only, and does not seal a block of root imports alone', async () => {
    await rpc(anvil.rpcUrl, 'anvil_impersonateAccount', [SYSTEM_CALLER_ADDRESS]);
    await rpc(anvil.rpcUrl, 'anvil_setBalance', [SYSTEM_CALLER_ADDRESS, '0xde0b6b3a7640000']);
    const data = encodeFunctionData({
      abi: interopCenterAbi,
      functionName: 'addInteropRoot',
      args: [9n, 1n, [`0x${'11'.repeat(32)}`]],
    });
    await mineOne({ from: SYSTEM_CALLER_ADDRESS, to: INTEROP_CENTER_ADDRESS, data, gas: '0x100000' });
    fullReads.length = 0;
    expect(await seal(false)).toMatchObject({ sealed: false, reason: 'only-system-transactions' });
    expect(fullReads).toEqual([false]);
    // A user's transaction after it makes the blocks worth sealing, both of them.
    const [user] = (await rpc(anvil.rpcUrl, 'eth_accounts')).result as Hex[];
    await mineOne({ from: user, to: user, value: '0x1' });
    fullReads.length = 0;
    expect(await seal(false)).toMatchObject({ sealed: true });
    expect(fullReads).toEqual([false, false]);
  });

  it('reads full transactions while a ZKsync send may be unrecorded', async () => {
    const [user] = (await rpc(anvil.rpcUrl, 'eth_accounts')).result as Hex[];
    await mineOne({ from: user, to: user, value: '0x1' });
    fullReads.length = 0;
    expect(await seal(true)).toMatchObject({ sealed: true });
    expect(fullReads).toEqual([true]);
  });
});
