// Throughput side by side: the same sendInteropMessage calls from the same senders, once straight to two bare
// anvils carrying the same contract code (no node), once through the devnet until every message is verifiable on
// the other L2. Prints both rates and their ratio.
// Run: npm run build && node dist/bench/devnet-drain.js [--messages 3000] [--senders 100]
// Senders: --senders accounts per chain (fresh keys, funded on the fly), each sending messages/(2·senders)
// transactions with consecutive nonces; every transaction is signed before the clock starts (the same signed
// bytes go to the bare anvils and to the devnet, whose L2s have the same chain ids), and each JSON-RPC batch
// carries at most one transaction per sender. The clock runs from the first send to the last receipt (bare)
// or to the last message of each chain being imported on the other L2 and verifying there (devnet).
// The load generator shares the machine's cores with the anvils and the node: compare the two rates of one run.

import { InteropCenter } from '@interop/contracts';
import { type AnvilInstance, getL2ChainIds, startAnvil } from '@interop/devnet';
import { installSystemContracts } from '@interop/devnet/deploy';
import { getInteropProof, verifyInteropMessage } from '@interop/sdk';
import { createClient, encodeFunctionData, type Hex, http, keccak256, numberToHex, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { flags, rpc, rpcBatch, sleep, startBenchDevnet } from './devnet-common.js';

const opts = flags({ messages: '3000', senders: '100' });
const total = Number(opts.messages);
const sendersPerChain = Number(opts.senders);
const perSender = Math.ceil(total / 2 / sendersPerChain);
const CENTER = '0x0000000000000000000000000000000000010008';
const GAS = 0x30000n;
const GAS_PRICE = 2_000_000_000n;

type Chain = { chainId: number };
type Receipt = { status: Hex; logs: { address: string; topics: Hex[] }[] };

const senders = Array.from({ length: sendersPerChain }, (_, i) =>
  privateKeyToAccount(keccak256(toHex(`interop drain sender ${i}`))),
);

/** Per chain, per round: one signed sendInteropMessage of every sender (round r uses nonce r). */
async function signAll(chainId: number): Promise<Hex[][]> {
  const rounds: Hex[][] = [];
  for (let r = 0; r < perSender; r++) {
    rounds.push(
      await Promise.all(
        senders.map((account, s) =>
          account.signTransaction({
            chainId,
            type: 'legacy',
            to: CENTER,
            nonce: r,
            gas: GAS,
            gasPrice: GAS_PRICE,
            data: encodeFunctionData({
              abi: InteropCenter.abi,
              functionName: 'sendInteropMessage',
              args: [numberToHex(r * sendersPerChain + s, { size: 8 })],
            }),
          }),
        ),
      ),
    );
  }
  return rounds;
}

/**
 * Funds every sender on `url` from the chain's first prefunded account, one send at a time (anvil sometimes
 * drops one of several sends of one account in one JSON-RPC batch, leaving a nonce gap).
 */
async function fund(url: string, from: Hex) {
  const nonce = Number(await rpc<Hex>(url, 'eth_getTransactionCount', [from, 'pending']));
  const value = numberToHex(GAS * GAS_PRICE * BigInt(perSender + 1));
  let last: Hex | undefined;
  for (const [i, a] of senders.entries())
    last = await rpc<Hex>(url, 'eth_sendTransaction', [{ from, to: a.address, value, nonce: numberToHex(nonce + i) }]);
  if (last) await waitReceipts(url, [last]);
}

async function waitReceipts(url: string, hashes: Hex[]): Promise<Receipt[]> {
  for (;;) {
    const receipts = await rpcBatch<Receipt | null>(
      url,
      hashes.map((h) => ['eth_getTransactionReceipt', [h]]),
    );
    if (receipts.every((r) => r !== null)) return receipts as Receipt[];
    await sleep(10);
  }
}

/** Sends every round to `url`, a round waiting until the previous one is mined; returns the last round's hashes. */
async function drain(url: string, rounds: Hex[][]): Promise<Hex[]> {
  let last: Hex[] = [];
  for (const round of rounds) {
    last = await rpcBatch<Hex>(
      url,
      round.map((raw) => ['eth_sendRawTransaction', [raw]]),
    );
    await waitReceipts(url, [last.at(-1)!]);
  }
  return last;
}

async function bare(chains: Chain[], signed: Hex[][][]): Promise<number> {
  const anvils: AnvilInstance[] = [];
  try {
    for (const c of chains) anvils.push(await startAnvil({ chainId: c.chainId }));
    for (const a of anvils) await installSystemContracts({ rpcUrl: a.rpcUrl });
    const prefunded = (await rpc<Hex[]>(anvils[0].rpcUrl, 'eth_accounts'))[0];
    log('bare anvils up');
    for (const a of anvils) await fund(a.rpcUrl, prefunded);
    log('funded');
    const t0 = performance.now();
    await Promise.all(
      anvils.map(async (a, i) => {
        const last = await drain(a.rpcUrl, signed[i]);
        const receipts = await waitReceipts(a.rpcUrl, last);
        if (receipts.some((r) => r.status !== '0x1')) throw new Error('a send reverted on the bare anvil');
      }),
    );
    return (performance.now() - t0) / 1000;
  } finally {
    for (const a of anvils) await a.stop();
  }
}

async function throughDevnet(signed: Hex[][][]): Promise<{ seconds: number }> {
  const devnet = await startBenchDevnet({ l2Count: 2, batchMs: 250 });
  try {
    const chains = devnet.json.l2;
    if (chains.some((c, i) => c.chainId !== Number(getL2ChainIds(2)[i]))) throw new Error('unexpected chain ids');
    for (const c of chains) await fund(c.rpcUrl, devnet.json.accounts[0].address);
    const t0 = performance.now();
    await Promise.all(
      chains.map(async (c, i) => {
        const last = await drain(c.rpcUrl, signed[i]);
        const receipts = await waitReceipts(c.rpcUrl, last);
        const log = receipts.at(-1)!.logs.find((l) => l.address.toLowerCase() === CENTER && l.topics.length === 4);
        if (!log) throw new Error('no InteropMessageSent log in the last send');
        await waitVerifiable(c.rpcUrl, chains[1 - i].rpcUrl, log.topics[1]);
      }),
    );
    return { seconds: (performance.now() - t0) / 1000 };
  } finally {
    await devnet.stop();
  }
}

/** Waits until the message's proof (once served) verifies on the other L2, i.e. its root is imported there. */
async function waitVerifiable(source: string, other: string, interopHash: Hex) {
  const sourceClient = createClient({ transport: http(source) });
  const otherClient = createClient({ transport: http(other) });
  const deadline = Date.now() + 300_000;
  for (;;) {
    const proof = await getInteropProof(sourceClient, { interopHash }).catch(() => null);
    if (proof && (await verifyInteropMessage(otherClient, { interopHash, proof }))) return;
    if (Date.now() > deadline) throw new Error('the last message never became verifiable');
    await sleep(20);
  }
}

// The devnet's chain ids (the bare anvils get the same ones), so the signed bytes fit both runs.
const chains = getL2ChainIds(2).map((id) => ({ chainId: Number(id) }));
const log = (m: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
log('signing');
const signed = await Promise.all(chains.map((c) => signAll(c.chainId)));
log('signed');
const sent = signed.reduce((n, rounds) => n + rounds.reduce((m, r) => m + r.length, 0), 0);
const bareSeconds = await bare(chains, signed);
const devnetRun = await throughDevnet(signed);
const bareRate = sent / bareSeconds;
const devnetRate = sent / devnetRun.seconds;
console.log(`${sent} sendInteropMessage calls, ${sendersPerChain} senders per chain, 2 L2s`);
console.log(`bare anvils:  ${bareRate.toFixed(0)} calls/s (${bareSeconds.toFixed(2)} s to the last receipt)`);
console.log(
  `devnet:       ${devnetRate.toFixed(0)} msg/s to verifiable on the other L2 (${devnetRun.seconds.toFixed(2)} s)`,
);
console.log(`ratio devnet/bare: ${(devnetRate / bareRate).toFixed(2)}`);
