/// <reference lib="dom" />
// The explorer in a real headless Chromium against a real devnet: the feed shows a message sent from the SDK,
// its page follows it to "verified everywhere", the on-chain check and the settlement-layer rebuild run from the
// page, the batch and chain pages, the search box, bad URLs and bad searches, and a phone-width window.
// EXPLORER_SCREENSHOT=1 also writes the message page's screenshot to docs/explorer-message.png (for the README).

import { copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendInteropMessage } from '@interop/sdk';
import type { Browser, Page } from 'puppeteer-core';
import { createWalletClient, type Hex, http, stringToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';

const TEXT = 'hello from the browser test';
let devnet: TestDevnet;
let browser: Browser;
let page: Page;
let base: string;
let sent: Awaited<ReturnType<typeof sendInteropMessage>>;
let sender: Hex;
const pageErrors: string[] = [];

const text = (selector: string) => page.$eval(selector, (e) => e.textContent ?? '');
const open = async (path: string, ready: string) => {
  await page.goto(`${base}${path}`);
  await page.waitForSelector(`[data-ready="${ready}"]`, { timeout: 15_000 });
};
async function search(query: string) {
  await page.$eval('input[name=q]', (e) => {
    (e as HTMLInputElement).value = '';
  });
  await page.type('input[name=q]', query);
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  [devnet, browser] = await Promise.all([startTestDevnet({ explorer: true }), launchChromium()]);
  base = devnet.explorer!.url;
  page = await browser.newPage();
  page.on('pageerror', (err) => pageErrors.push((err as Error).message));
  await page.setViewport({ width: 1280, height: 900 });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await devnet?.stop();
});

describe('the explorer in Chromium', () => {
  it('shows the network on / and a message sent from the SDK appears in the live feed', async () => {
    await open('/', 'home');
    expect(await text('.home')).toContain('settlement layer 9');
    expect(await page.$$('[data-chain]')).toHaveLength(2);
    const account = privateKeyToAccount(devnet.accounts[3].privateKey);
    sender = account.address.toLowerCase() as Hex;
    const wallet = createWalletClient({ account, transport: http(devnet.l2s[0].rpcUrl), pollingInterval: 50 });
    sent = await sendInteropMessage(wallet, { data: stringToHex(TEXT) });
    // No reload: the page polls.
    await page.waitForSelector(`#feed tr[data-interop-hash="${sent.interopHash}"]`, { timeout: 15_000 });
  });

  it('opens the message and follows it to verified on both L2s', async () => {
    await page.click(`#feed tr[data-interop-hash="${sent.interopHash}"] a[href^="/message/"]`);
    await page.waitForSelector('[data-ready="message"]');
    expect(new URL(page.url()).pathname).toBe(`/message/${sent.interopHash}`);
    await page.waitForSelector('[data-stage="verified"]', { timeout: 30_000 });
    const steps = await page.$$eval('.timeline li', (lis) =>
      lis.map((li) => [li.getAttribute('data-step'), li.getAttribute('data-done')]),
    );
    expect(steps).toEqual(
      [
        'sent',
        'sealed',
        'committed',
        'executed',
        'imported on 271',
        'imported on 272',
        'verified on 271',
        'verified on 272',
      ].map((s) => [s, 'true']),
    );
    const body = await text('.message');
    expect(body).toContain(TEXT);
    expect(body).toContain(sent.message.sender);
    expect(await page.$eval('[data-proof-check]', (e) => e.getAttribute('data-proof-check'))).toBe('ok');
    expect((await page.$$('.sibling[data-default="true"]')).length).toBeGreaterThan(0);
  });

  it('verifies on chain 272 and on the settlement layer and rebuilds the proof from the settlement layer, from the page', async () => {
    await page.click('[data-verify-chain="272"] button');
    await page.waitForSelector('[data-verify-chain="272"][data-state="verified"]', { timeout: 15_000 });
    await page.click('[data-verify-chain="9"] button');
    await page.waitForSelector('[data-verify-chain="9"][data-state="verified"]', { timeout: 15_000 });
    await page.click('[data-rebuild] button');
    await page.waitForSelector('[data-rebuild="match"]', { timeout: 20_000 });
    expect(await text('[data-rebuild]')).toMatch(/matches/);
    const shot = join(tmpdir(), 'explorer-message.png');
    await page.screenshot({ path: shot, fullPage: true });
    if (process.env.EXPLORER_SCREENSHOT === '1')
      copyFileSync(shot, join(import.meta.dirname, '..', '..', 'docs', 'explorer-message.png'));
  });

  it('opens the batch page (and survives a reload) and the chain page', async () => {
    await page.click('.timeline [data-step="sealed"] a');
    await page.waitForSelector('[data-ready="batch"]');
    const batchPath = new URL(page.url()).pathname;
    expect(batchPath).toMatch(/^\/batch\/271\/\d+$/);
    await page.reload();
    await page.waitForSelector('[data-ready="batch"]');
    expect(await page.$(`.logs a[href="/message/${sent.interopHash}"]`)).not.toBeNull();
    expect(await text('.batch')).toContain('executed');
    await open('/chain/271', 'chain');
    expect((await page.$$('.batches tbody tr')).length).toBeGreaterThan(0);
    expect((await page.$$('.roots tbody tr')).length).toBeGreaterThan(0);
  });

  it('searches by interop hash, by transaction hash and by address', async () => {
    await open('/', 'home');
    await search(sent.interopHash);
    await page.waitForSelector('[data-ready="message"]');
    expect(new URL(page.url()).pathname).toBe(`/message/${sent.interopHash}`);
    await search(sent.txHash.toUpperCase().replace('0X', '0x'));
    await page.waitForFunction((p) => location.pathname === p, { timeout: 10_000 }, `/message/${sent.interopHash}`);
    await search(sender);
    await page.waitForSelector('[data-ready="address"]');
    expect(await page.$(`tr[data-interop-hash="${sent.interopHash}"]`)).not.toBeNull();
    await search('272/1');
    await page.waitForSelector('[data-ready="batch"]');
  });

  it('answers bad URLs and bad searches with a clear message, never a blank page', async () => {
    const problems: [string, string, RegExp][] = [
      ['/message/0x12', 'invalid', /not an interop hash/],
      ['/batch/271/abc', 'invalid', /not a batch number/],
      ['/chain/x', 'invalid', /not a chain id/],
      ['/somewhere/else', 'not-found', /no page at/],
    ];
    for (const [path, ready, message] of problems) {
      await open(path, ready);
      expect(await text('main'), path).toMatch(message);
    }
    await page.goto(`${base}/batch/271/999999`);
    await page.waitForFunction(() => document.querySelector('main')?.textContent?.includes('not sealed'));
    await page.goto(`${base}/chain/5`);
    await page.waitForFunction(() => document.querySelector('main')?.textContent?.includes('not part of this network'));
    await page.goto(`${base}/message/0x${'ab'.repeat(32)}`);
    await page.waitForFunction(() => document.querySelector('main')?.textContent?.includes('Unknown message'));

    const searches: [string, RegExp][] = [
      ['hello', /is not an interop hash, a transaction hash, an address/],
      [`0x${'cd'.repeat(32)}`, /Nothing known as 0xcdcd/],
      ['5', /Chain 5 is not part of this network/],
      ['9/1', /Chain 9 has no batches here/],
    ];
    for (const [query, message] of searches) {
      await search(query);
      // Each search replaces the last one's message: wait for this one's.
      await page.waitForFunction(
        (source) => new RegExp(source).test(document.querySelector('[data-search-problem]')?.textContent ?? ''),
        { timeout: 10_000 },
        message.source,
      );
    }
    expect(pageErrors).toEqual([]);
  });

  it('fits a phone-width window', async () => {
    await page.setViewport({ width: 390, height: 844 });
    for (const [path, ready] of [
      [`/message/${sent.interopHash}`, 'message'],
      ['/', 'home'],
    ]) {
      await open(path, ready);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
    }
  });
});
