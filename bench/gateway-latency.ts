// Send → verifiable latency on the two-tier devnet and on the --gateway devnet, side by side: messages from 271,
// timed until they verify on 272 (root imported there) and on L1, chain 9 (its proof exists: L1 holds its roots).
// Run: npm run build && node dist/bench/gateway-latency.js [--messages 40] [--rate 4] [--batch-ms 250]
import { InteropCenter, InteropSettlement } from '@interop/contracts';
import type { DevnetJson } from '@interop/devnet';
import { type Address, decodeFunctionResult, encodeEventTopics, encodeFunctionData, type Hex, toHex } from 'viem';
import { flags, percentile, rpc, sleep, startBenchDevnet } from './devnet-common.js';
import { sendMessageTx } from './messages.js';

const opts = flags({ messages: '40', rate: '4', 'batch-ms': '250' });
const SENT_TOPIC = encodeEventTopics({ abi: InteropCenter.abi, eventName: 'InteropMessageSent' })[0];
type Proof = {
  chainId: Hex;
  l1BatchNumber: Hex;
  l2MessageIndex: Hex;
  txNumberInBatch: number;
  proof: Hex[];
  settlementLayer: { chainId: Hex; blockNumber: Hex };
};

/** Sends one message on `url` from anvil's first account and returns the send time and its interop hash. */
async function send(url: string, from: Address, center: Address, i: number): Promise<{ t: number; hash: Hex }> {
  const t = performance.now();
  const tx = await rpc<Hex>(url, 'eth_sendTransaction', [sendMessageTx(from, center, toHex(`bench ${i}`))]);
  for (;;) {
    const r = await rpc<{ logs: { topics: Hex[] }[] } | null>(url, 'eth_getTransactionReceipt', [tx]);
    const log = r?.logs.find((l) => l.topics[0] === SENT_TOPIC);
    if (log) return { t, hash: log.topics[1] };
    await sleep(10);
  }
}

/** Polls until the message verifies on `dest` (an L2: root imported and verifyInteropMessage true; L1: proof). */
async function verifiable(json: DevnetJson, hash: Hex, dest: bigint): Promise<number> {
  const source = json.l2[0].rpcUrl;
  const onL1 = dest === BigInt(json.l1.chainId);
  const destUrl = onL1 ? json.l1.rpcUrl : json.l2.find((c) => BigInt(c.chainId) === dest)!.rpcUrl;
  for (;;) {
    const p = await rpc<Proof | null>(source, 'interop_getMessageProof', [hash, { destination: Number(dest) }]);
    if (p) {
      const proof = {
        chainId: BigInt(p.chainId),
        l1BatchNumber: BigInt(p.l1BatchNumber),
        l2MessageIndex: BigInt(p.l2MessageIndex),
        txNumberInBatch: p.txNumberInBatch,
        proof: p.proof,
      };
      const abi = onL1 ? InteropSettlement.abi : InteropCenter.abi;
      const data = encodeFunctionData({ abi, functionName: 'verifyInteropMessage', args: [hash, proof] });
      const to = onL1 ? json.contracts.settlement : json.contracts.interopCenter;
      const result = await rpc<Hex>(destUrl, 'eth_call', [{ to, data }, 'latest']).catch(() => undefined);
      if (result && decodeFunctionResult({ abi, functionName: 'verifyInteropMessage', data: result })) {
        return performance.now();
      }
    }
    await sleep(25);
  }
}

type Row = { topology: string; to272: number[]; to9: number[]; levels: string };

async function run(gateway: boolean): Promise<Row> {
  const devnet = await startBenchDevnet({ l2Count: 2, batchMs: Number(opts['batch-ms']), gateway });
  try {
    const json = devnet.json;
    const from = json.accounts[0].address;
    const center = json.contracts.interopCenter;
    const count = Number(opts.messages);
    const gap = 1000 / Number(opts.rate);
    const to272: number[] = [];
    const to9: number[] = [];
    const pending: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const { t, hash } = await send(json.l2[0].rpcUrl, from as Address, center, i);
      pending.push(
        verifiable(json, hash, 272n).then((done) => void to272.push(done - t)),
        verifiable(json, hash, 9n).then((done) => void to9.push(done - t)),
      );
      await sleep(Math.max(0, gap - (performance.now() - started)));
    }
    await Promise.all(pending);
    return {
      topology: gateway ? 'L1 ← Gateway 506 ← 271, 272' : 'L1 ← 271, 272',
      to272,
      to9,
      levels: gateway ? '2 / 3' : '2 / 2',
    };
  } finally {
    await devnet.stop();
  }
}

const rows: Row[] = [];
for (const gateway of [false, true]) rows.push(await run(gateway));
const ms = (v: number[], p: number) => `${Math.round(percentile(v, p))}`;
console.log(`${opts.messages} messages from 271 at ${opts.rate}/s, ${opts['batch-ms']} ms batches`);
console.log('topology                       proof levels (272 / 9)  to 272 p50/p99/max ms  to 9 p50/p99/max ms');
for (const r of rows)
  console.log(
    `${r.topology.padEnd(31)}${r.levels.padEnd(24)}${`${ms(r.to272, 50)}/${ms(r.to272, 99)}/${ms(r.to272, 100)}`.padEnd(23)}${ms(r.to9, 50)}/${ms(r.to9, 99)}/${ms(r.to9, 100)}`,
  );
