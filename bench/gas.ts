// Gas of the interop contracts on anvil: `node dist/bench/gas.js` (after `npm run build`).
// Verification figures are eth_estimateGas of a whole call (21,000 base + calldata + execution), as a user pays;
// commit/execute figures are the gasUsed of the mined transactions. Each run uses two fresh anvils (an L2, 271,
// and the settlement layer, 9), once with anvil's default hardfork and once with Cancun, the last one without
// EIP-7623's calldata floor (≥ 10/40 gas per zero/non-zero calldata byte), which dominates small proof calls.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InteropCenter, InteropSettlement, L2MessageVerification } from '@interop/contracts';
import { startAnvil } from '@interop/devnet';
import { deploySettlementContracts, installSystemContracts } from '@interop/devnet/deploy';
import {
  buildLogTree,
  DynamicIncrementalMerkleTree,
  encodeInteropMessage,
  encodeProof,
  FullMerkleTree,
  getBatchRootLeaf,
  getChainIdLeaf,
  getLeafChainAggregatedRoot,
  hashL2ToL1Log,
  INTEROP_CENTER_ADDRESS,
  type InteropMessage,
  interopMessageToLog,
  L2_MESSAGE_VERIFICATION_ADDRESS,
  type L2ToL1Log,
  l2MessageToLog,
  packL2ToL1Logs,
  SYSTEM_CALLER_ADDRESS,
  ZERO_HASH,
} from '@interop/sdk/core';
import {
  type Address,
  createTestClient,
  encodeFunctionData,
  type Hex,
  http,
  parseEventLogs,
  publicActions,
  walletActions,
} from 'viem';

type Row = { what: string; gas: bigint; data: Hex; note?: string };

/** EIP-7623's minimum for a transaction carrying `data`: 21,000 + 10 per zero byte + 40 per non-zero byte. */
function calldataFloor(data: Hex): bigint {
  let tokens = 0n;
  for (let i = 2; i < data.length; i += 2) tokens += data.slice(i, i + 2) === '00' ? 1n : 4n;
  return 21_000n + 10n * tokens;
}

function clientFor(rpcUrl: string) {
  return createTestClient({ mode: 'anvil', transport: http(rpcUrl), pollingInterval: 25 })
    .extend(publicActions)
    .extend(walletActions);
}
type BenchClient = ReturnType<typeof clientFor>;

// eth_estimateGas of a view call sent as a transaction (what a contract calling the verifier pays, plus 21,000).
async function estimateView(
  client: BenchClient,
  from: Address,
  call: { address: Address; abi: readonly unknown[]; functionName: string; args: readonly unknown[] },
) {
  const data = encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args } as never);
  return { gas: await client.estimateGas({ account: from, to: call.address, data }), data };
}

// The known answer kept in test/vectors (a real proof from ZKsync's tests): a log sent by 0x…10008 on chain 271,
// batch 66, index 1. Read from the repository root (this file runs from dist/bench).
function readVector(): { log: L2ToL1Log; proof: readonly Hex[]; root: Hex } {
  const path = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    'test',
    'vectors',
    'zksync-v29-single-level.json',
  );
  const v = JSON.parse(readFileSync(path, 'utf8'));
  return { log: v.log, proof: v.proof, root: v.expected.root };
}

function fillerLog(i: number): L2ToL1Log {
  const sender = `0x${(0xa11ce + i).toString(16).padStart(40, '0')}` as Address;
  return l2MessageToLog({ txNumberInBatch: i % 500, sender, data: `0x${i.toString(16).padStart(64, '0')}` });
}

function txHashFor(i: number): Hex {
  return `0x${(0xfeed0000 + i).toString(16).padStart(64, '7')}` as Hex;
}

async function send(client: BenchClient, from: Address, to: Address, data: Hex, gas = 200_000_000n) {
  const hash = await client.sendTransaction({ account: from, to, data, chain: null, gas });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`transaction to ${to} reverted`);
  return { ...receipt, data };
}

async function measure(hardfork: string | undefined): Promise<Row[]> {
  const args = ['--no-request-size-limit', '--gas-limit', '1000000000', ...(hardfork ? ['--hardfork', hardfork] : [])];
  const [l2a, sla] = await Promise.all([startAnvil({ chainId: 271, args }), startAnvil({ chainId: 9, args })]);
  try {
    const l2 = clientFor(l2a.rpcUrl);
    const sl = clientFor(sla.rpcUrl);
    const [user, operator] = await l2.getAddresses();
    await installSystemContracts({ client: l2, impersonateSystemCaller: true });
    const { settlement } = await deploySettlementContracts({
      client: sl,
      account: user,
      chains: [
        { chainId: 271n, operator },
        { chainId: 272n, operator },
      ],
    });
    const rows: Row[] = [];
    const center = { address: INTEROP_CENTER_ADDRESS, abi: InteropCenter.abi } as const;
    const verifier = { address: L2_MESSAGE_VERIFICATION_ADDRESS, abi: L2MessageVerification.abi } as const;
    const importRoot = async (chainId: bigint, n: bigint, root: Hex) => {
      const hash = await l2.writeContract({
        ...center,
        functionName: 'addInteropRoot',
        args: [chainId, n, [root]],
        account: SYSTEM_CALLER_ADDRESS,
        chain: null,
      });
      await l2.waitForTransactionReceipt({ hash });
    };

    // One level, 4 words: ZKsync's own proof (known answer), root imported for (271, 66).
    const vector = readVector();
    await importRoot(271n, 66n, vector.root);
    const vProof = { chainId: 271n, l1BatchNumber: 66n, l2MessageIndex: 1n, txNumberInBatch: 0, proof: vector.proof };
    rows.push({
      what: 'InteropCenter.verifyInteropMessage, 1 level, 4 words (ZKsync vector)',
      ...(await estimateView(l2, user, {
        ...center,
        functionName: 'verifyInteropMessage',
        args: [vector.log.value, vProof],
      })),
      note: 'target ≤ 28,000',
    });
    rows.push({
      what: '0x…10009 proveL2LogInclusionShared, 1 level, 4 words (ZKsync vector)',
      ...(await estimateView(l2, user, {
        ...verifier,
        functionName: 'proveL2LogInclusionShared',
        args: [271n, 66n, 1n, vector.log, vector.proof],
      })),
    });

    // A real message: sent on the L2, settled in batch 20 of chain 271 on the settlement layer.
    const data: Hex = `0x${'ab'.repeat(100)}`;
    const sent = await l2.waitForTransactionReceipt({
      hash: await l2.writeContract({
        ...center,
        functionName: 'sendInteropMessage',
        args: [data],
        account: user,
        chain: null,
      }),
    });
    const [ev] = parseEventLogs({ abi: InteropCenter.abi, logs: sent.logs, eventName: 'InteropMessageSent' });
    const message: InteropMessage = { data, sender: user, sourceChainId: 271n, messageNum: ev.args.messageNum };
    const interopHash = ev.args.interopHash;

    const settle = async (logs: L2ToL1Log[], batch: bigint, fn: 'commitBatch' | 'commitAndExecuteBatch') => {
      const callData = encodeFunctionData({
        abi: InteropSettlement.abi,
        functionName: fn,
        args: [271n, batch, batch, batch, packL2ToL1Logs(logs), logs.map((_, i) => txHashFor(i))],
      });
      return send(sl, operator, settlement, callData);
    };
    const execute = async (batch: bigint) => {
      return send(
        sl,
        operator,
        settlement,
        encodeFunctionData({ abi: InteropSettlement.abi, functionName: 'executeBatch', args: [271n, batch] }),
      );
    };

    // Commit costs (batches 1..3), then execute each.
    let batch = 0n;
    for (const n of [1, 100, 1000]) {
      batch++;
      const logs = Array.from({ length: n }, (_, i) => fillerLog(i));
      const c = await settle(logs, batch, 'commitBatch');
      const e = await execute(batch);
      rows.push({ what: `commitBatch, ${n} log${n > 1 ? 's' : ''}`, gas: c.gasUsed, data: c.data, note: 'gasUsed' });
      rows.push({
        what: `executeBatch (after ${n} log${n > 1 ? 's' : ''})`,
        gas: e.gasUsed,
        data: e.data,
        note: 'gasUsed',
      });
    }
    for (const n of [1, 100, 1000]) {
      batch++;
      const r = await settle(
        Array.from({ length: n }, (_, i) => fillerLog(i)),
        batch,
        'commitAndExecuteBatch',
      );
      rows.push({
        what: `commitAndExecuteBatch, ${n} log${n > 1 ? 's' : ''}`,
        gas: r.gasUsed,
        data: r.data,
        note: 'gasUsed',
      });
    }
    // Fill the chain tree to 19 batches so batch 20 sits at index 19: a 5-word batch path.
    while (batch < 19n) {
      batch++;
      await settle([fillerLog(Number(batch))], batch, 'commitAndExecuteBatch');
    }
    batch++;
    const index = 37;
    const tx = 5;
    const logs = Array.from({ length: 60 }, (_, i) => fillerLog(i));
    logs[index] = interopMessageToLog({ interopHash, txNumberInBatch: tx });
    const receipt = await settle(logs, batch, 'commitAndExecuteBatch');
    const [executed] = parseEventLogs({ abi: InteropSettlement.abi, logs: receipt.logs, eventName: 'BatchExecuted' });

    // Rebuild the trees from the settlement contract's events, as a proof server would.
    const batchRoots = await sl.getContractEvents({
      address: settlement,
      abi: InteropSettlement.abi,
      eventName: 'BatchExecuted',
      fromBlock: 0n,
    });
    const chainTree = new DynamicIncrementalMerkleTree(
      batchRoots
        .filter((e) => e.args.chainId === 271n)
        .map((e) => getBatchRootLeaf(e.args.chainBatchRoot!, e.args.batchNumber!)),
    );
    const shared = new FullMerkleTree([9n, 271n, 272n].map((c) => getChainIdLeaf(ZERO_HASH, c)));
    shared.update(1, getChainIdLeaf(chainTree.root(), 271n));
    if (shared.root() !== executed.args.messageRoot) throw new Error('model and contract disagree on the message root');
    const logTree = buildLogTree(logs.map(hashL2ToL1Log));
    const aggregated = getLeafChainAggregatedRoot(271n);
    const single = encodeProof([{ path: [...logTree.path(index), aggregated], final: true }]);
    const two = encodeProof([
      {
        path: [...logTree.path(index), aggregated],
        final: false,
        batchLeafIndex: executed.args.chainTreeIndex!,
        batchPath: chainTree.path(Number(executed.args.chainTreeIndex)),
        settlementBlockNumber: receipt.blockNumber,
        chainIdLeafIndex: 1n,
        settlementChainId: 9n,
      },
      { path: shared.path(1), final: true },
    ]);
    await importRoot(9n, receipt.blockNumber, executed.args.messageRoot!);
    await importRoot(271n, batch, executed.args.chainBatchRoot!);
    const msg = { txNumberInBatch: tx, sender: INTEROP_CENTER_ADDRESS, data: encodeInteropMessage(message) };
    const proofArg = (proof: Hex[]) => ({
      chainId: 271n,
      l1BatchNumber: batch,
      l2MessageIndex: BigInt(index),
      txNumberInBatch: tx,
      proof,
    });
    for (const [label, proof] of [
      ['1 level', single],
      ['2 levels', two],
    ] as const) {
      const ok = await l2.readContract({
        ...center,
        functionName: 'verifyInteropMessage',
        args: [interopHash, proofArg(proof)],
      });
      if (!ok) throw new Error(`${label} proof does not verify`);
      rows.push({
        what: `InteropCenter.verifyInteropMessage, ${label}, ${proof.length} words (devnet proof)`,
        ...(await estimateView(l2, user, {
          ...center,
          functionName: 'verifyInteropMessage',
          args: [interopHash, proofArg(proof)],
        })),
        note: proof.length === 27 ? 'target ≤ 45,000' : undefined,
      });
      rows.push({
        what: `0x…10009 proveL2MessageInclusionShared, ${label}, ${proof.length} words (${data.length / 2 - 1}-byte message)`,
        ...(await estimateView(l2, user, {
          ...verifier,
          functionName: 'proveL2MessageInclusionShared',
          args: [271n, batch, BigInt(index), msg, proof],
        })),
      });
    }
    rows.push({
      what: `InteropSettlement.verifyInteropMessage (on the settlement layer), 2 levels, ${two.length} words`,
      ...(await estimateView(sl, user, {
        address: settlement,
        abi: InteropSettlement.abi,
        functionName: 'verifyInteropMessage',
        args: [interopHash, proofArg(two)],
      })),
    });
    return rows;
  } finally {
    await Promise.all([l2a.stop(), sla.stop()]);
  }
}

/** Measures the gas table for anvil's default hardfork and for Cancun; returns printable lines. */
export async function gasBench(): Promise<string[]> {
  const [latest, cancun] = [await measure(undefined), await measure('cancun')];
  const fmt = (n: bigint) => n.toLocaleString('en-US');
  const lines = [
    '| call | gas, anvil default hardfork | its EIP-7623 calldata floor | gas, --hardfork cancun | note |',
    '| --- | ---: | ---: | ---: | --- |',
  ];
  latest.forEach((row, i) => {
    lines.push(
      `| ${row.what} | ${fmt(row.gas)} | ${fmt(calldataFloor(row.data))} | ${fmt(cancun[i].gas)} | ${row.note ?? ''} |`,
    );
  });
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  for (const line of await gasBench()) console.log(line);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
