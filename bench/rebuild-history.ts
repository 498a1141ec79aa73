// The settlement-only rebuild of a known batch (buildInteropProofFromSettlementLayer with batchNumber) as the
// settlement layer's history grows to 10^3, 10^4, 10^5 … batches, against the reads the former tree replay made.
// Run: npm run build && node dist/bench/rebuild-history.js [--decades 3,4,5] [--per-block 500] [--samples 5]
// Only the settlement layer runs: one anvil (--prune-history: no state snapshots written to disk) with
// InteropSettlement and two chains. The history is empty batches of both chains (commitAndExecuteBatch, --per-block
// of them per settlement block, so 10^5 batches take minutes); at each size one batch of chain 271 carrying one
// interop message's log (the rebuild reads only the commit's calldata, no L2 is needed) is settled in a block of its
// own, then timed: the rebuild (median of --samples), the same with fromBlock = the commit's block, the commit's
// lookup as one topic filter over every block (as the rebuild did before its bounded search) and the former tree
// replay's reads (median of 3).

import { loadavg } from 'node:os';
import { InteropSettlement } from '@interop/contracts';
import { startAnvil } from '@interop/devnet';
import { deploySettlementContracts } from '@interop/devnet/deploy';
import { buildInteropProofFromSettlementLayer } from '@interop/sdk';
import { INTEROP_CENTER_ADDRESS, L1_MESSENGER_ADDRESS, packL2ToL1Logs } from '@interop/sdk/core';
import { createClient, encodeFunctionData, getAbiItem, type Hex, http, keccak256, numberToHex, pad, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { getLogs } from 'viem/actions';
import { flags, percentile, rpc, rpcBatch, sleep } from './devnet-common.js';
import { timeFormerReplay } from './former-replay.js';

const opts = flags({ decades: '3,4,5', 'per-block': '500', samples: '5' });
const perBlock = Number(opts['per-block']);
const targets = opts.decades.split(',').map((d) => Math.round(10 ** Number(d)));
// anvil's first dev account (a well-known test key, unlocked on anvil).
const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');

const anvil = await startAnvil({ chainId: 9, args: ['--prune-history', '--gas-limit', '1000000000'] });
try {
  const url = anvil.rpcUrl;
  const { settlement } = await deploySettlementContracts({
    rpcUrl: url,
    account,
    chains: [
      { chainId: 271n, operator: account.address },
      { chainId: 272n, operator: account.address },
    ],
  });
  const client = createClient({ transport: http(url) });
  const next = { 271: 0n, 272: 0n };
  let nonce = Number(await rpc<Hex>(url, 'eth_getTransactionCount', [account.address, 'latest']));
  const commit = (chainId: 271 | 272, logs: Hex = '0x', txHashes: Hex[] = []) => {
    const batch = ++next[chainId];
    const data = encodeFunctionData({
      abi: InteropSettlement.abi,
      functionName: 'commitAndExecuteBatch',
      args: [BigInt(chainId), batch, batch, batch, logs, txHashes],
    });
    const tx = {
      from: account.address,
      to: settlement,
      data,
      gas: numberToHex(1_000_000),
      nonce: numberToHex(nonce++),
    };
    return ['eth_sendTransaction', [tx]] as [string, unknown[]];
  };
  /** Settles `count` empty batches, alternating the two chains, `perBlock` to a block. */
  async function grow(count: number) {
    await rpc(url, 'evm_setAutomine', [false]);
    for (let sent = 0; sent < count; ) {
      const calls: [string, unknown[]][] = [];
      for (; calls.length < perBlock && sent < count; sent++) calls.push(commit(sent % 2 === 0 ? 271 : 272));
      await rpcBatch(url, calls);
      await rpc(url, 'evm_mine');
    }
    await rpc(url, 'evm_setAutomine', [true]);
  }
  /** Settles one batch of 271 holding one interop message, in a block of its own; returns its hash and batch. */
  async function settleMessage(tag: number) {
    const interopHash = keccak256(toHex(`message ${tag}`));
    const log = {
      l2ShardId: 0,
      isService: true,
      txNumberInBatch: 0,
      sender: L1_MESSENGER_ADDRESS,
      key: pad(INTEROP_CENTER_ADDRESS),
      value: interopHash,
    };
    const [hash] = await rpcBatch<Hex>(url, [commit(271, packL2ToL1Logs([log]), [keccak256(interopHash)])]);
    let receipt: { blockNumber: Hex } | null = null;
    while (!receipt) {
      receipt = await rpc(url, 'eth_getTransactionReceipt', [hash]);
      if (!receipt) await sleep(5);
    }
    return { interopHash, batchNumber: next[271], block: BigInt(receipt.blockNumber) };
  }

  console.log(`settlement anvil on ${url}; ${perBlock} batches per history block`);
  console.log(
    [
      'batches',
      'settlement blocks',
      'rebuild known batch ms',
      'same, fromBlock = commit block ms',
      'one topic filter over all blocks ms',
      'former replay reads ms',
      'load',
    ].join('\t'),
  );
  let batches = 0;
  for (const target of targets) {
    await grow(target - batches);
    const { interopHash, batchNumber, block } = await settleMessage(target);
    batches = target + 1;
    const timeRebuild = async (fromBlock?: bigint) => {
      const times: number[] = [];
      for (let i = 0; i < Number(opts.samples); i++) {
        const t = performance.now();
        await buildInteropProofFromSettlementLayer({
          settlementClient: client,
          settlement,
          sourceChainId: 271n,
          interopHash,
          batchNumber,
          fromBlock,
        });
        times.push(performance.now() - t);
      }
      return percentile(times, 50).toFixed(1);
    };
    const known = await timeRebuild();
    const bounded = await timeRebuild(block);
    // For comparison: the commit's indexed (chainId, batchNumber) lookup as one filter over every block, which the
    // rebuild made before it searched bounded windows (anvil walks every block's logs to answer it).
    const lookups: number[] = [];
    for (let i = 0; i < Number(opts.samples); i++) {
      const t = performance.now();
      await getLogs(client, {
        address: settlement,
        event: getAbiItem({ abi: InteropSettlement.abi, name: 'BatchCommitted' }),
        args: { chainId: 271n, batchNumber },
        fromBlock: 0n,
        toBlock: 'latest',
      });
      lookups.push(performance.now() - t);
    }
    // viem refuses a response over 10 MB: past ~5·10^4 batches the former replay's NewChainRoot read is one.
    const former = await timeFormerReplay(client, settlement, 271n).then(
      (ms) => ms.toFixed(0),
      (err: Error) => `fails: ${err.name}`,
    );
    const blocks = BigInt(await rpc<Hex>(url, 'eth_blockNumber'));
    console.log(
      [batches, blocks, known, bounded, percentile(lookups, 50).toFixed(1), former, loadavg()[0].toFixed(1)].join('\t'),
    );
  }
} finally {
  await anvil.stop();
}
