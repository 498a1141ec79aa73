// Time to first render of the explorer's pages as history grows: `/message/<hash>` and `/` in headless Chromium
// against a devnet (node and explorer server in a child process), first with ~100 messages, then with 10,000.
//
//   npm run build && node dist/bench/explorer.js [--messages 10000] [--per-tx 100] [--runs 5]
//
// "First render" = from navigation start until the page shows its content (the message page: the decoded
// message and its lifecycle; `/`: the network and the feed), each in a fresh browser context (no cache).
// Also reported: until the message page has drawn the proof and checked it (its last network round trips).
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { Address, Hex } from 'viem';
import { flags, percentile, rpc, rpcBatch, sleep, startBenchDevnet } from './devnet-common.js';
import { burstCall, compileBurst, deployBurst, nextNonce } from './messages.js';

const opts = flags({ messages: '10000', 'per-tx': '100', runs: '5' });
const total = Number(opts.messages);
const perTx = Number(opts['per-tx']);
const runs = Number(opts.runs);

type NetworkAnswer = { messageCount: number };
type Page = { messages: { interopHash: Hex; status: string }[] };

/** Sends `count` messages over the L2s in transactions of `perTx` messages (one send per account per JSON-RPC batch); waits until mined. */
async function fill(urls: string[], bursts: Address[], from: Address[], first: number, count: number) {
  let sent = 0;
  while (sent < count) {
    const calls: [string, unknown[]][][] = urls.map(() => []);
    for (let s = 0; s < urls.length && sent < count; s++) {
      for (let k = 0; k < 5 && sent < count; k++) {
        const n = Math.min(perTx, count - sent);
        const sender = from[k % from.length];
        const nonce = await nextNonce(urls[s], sender);
        calls[s].push(burstCall(sender, bursts[s], first + sent, n, nonce));
        sent += n;
      }
    }
    const hashes = await Promise.all(urls.map((u, s) => rpcBatch<Hex>(u, calls[s])));
    for (let s = 0; s < urls.length; s++) {
      const last = hashes[s].at(-1);
      if (last) while ((await rpc(urls[s], 'eth_getTransactionReceipt', [last])) === null) await sleep(10);
    }
  }
}

async function waitIndexed(url: string, count: number) {
  for (;;) {
    const net = await rpc<NetworkAnswer>(url, 'interop_getNetwork');
    const page = await rpc<Page>(url, 'interop_listMessages', [{ limit: 1 }]);
    if (net.messageCount >= count && page.messages[0]?.status === 'imported') return page.messages[0].interopHash;
    await sleep(200);
  }
}

async function timePage(browser: Browser, url: string, selector: string, later?: string) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector(selector, { timeout: 30_000 });
  const first = performance.now() - t0;
  if (later) await page.waitForSelector(later, { timeout: 30_000 });
  const full = performance.now() - t0;
  await context.close();
  return { first, full };
}

async function measure(browser: Browser, base: string, hash: Hex, label: string) {
  const message = { first: [] as number[], proof: [] as number[] };
  const home: number[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await timePage(browser, `${base}/message/${hash}`, '.timeline li', '[data-proof-check]');
    message.first.push(m.first);
    message.proof.push(m.full);
    home.push((await timePage(browser, `${base}/`, '#feed tr[data-interop-hash]')).first);
  }
  const rows: [string, number[]][] = [
    ['/message/<hash> first render', message.first],
    ['/message/<hash> proof drawn and checked', message.proof],
    ['/ first render (network + feed)', home],
  ];
  for (const [name, values] of rows)
    console.log(
      `${label}\t${name}\tp50 ${percentile(values, 50).toFixed(0)} ms\tmax ${Math.max(...values).toFixed(0)} ms\t(${values.map((v) => v.toFixed(0)).join(', ')})`,
    );
}

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromium) throw new Error('needs chromium: apt-get install -y chromium');
const devnet = await startBenchDevnet({ l2Count: 2, batchMs: 250, explorer: true });
let browser: Browser | undefined;
try {
  const base = devnet.json.explorer!.url;
  const urls = devnet.json.l2.map((c) => c.rpcUrl);
  const from = devnet.json.accounts.slice(0, 5).map((a) => a.address);
  const bytecode = compileBurst();
  const bursts: Address[] = [];
  for (const url of urls) bursts.push(await deployBurst(url, from[0], bytecode));
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  console.log(`devnet: ${devnet.readyLine.trim()}; explorer ${base}; ${runs} runs per page, fresh context each`);

  await fill(urls, bursts, from, 0, 100);
  const early = await waitIndexed(urls[0], 100);
  await measure(browser, base, early, '100 msgs');

  const t0 = performance.now();
  await fill(urls, bursts, from, 100, total - 100);
  const newest = await waitIndexed(urls[0], total);
  console.log(`filled to ${total} messages in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  // An old message (looked up by hash, like any) and the newest one.
  await measure(browser, base, early, `${total} msgs, an old message`);
  await measure(browser, base, newest, `${total} msgs, the newest message`);
} finally {
  await browser?.close();
  await devnet.stop();
}
