// Interval mining (`--block-time`): the L2s mine on a timer, so several messages share a block, and every one of
// them still becomes verifiable on the other L2; the settlement layer keeps mining a block per transaction.
import { DevnetError, formatDevnetSummary, startDevnet } from '@interop/devnet';
import { sendInteropMessage, waitForInteropMessage } from '@interop/sdk';
import { createPublicClient, createWalletClient, type Hex, http, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';
import { poll, rpc } from '../helpers/rpc.js';

const BLOCK_TIME = 0.5;

describe('a devnet with --block-time', () => {
  let devnet: TestDevnet;

  beforeAll(async () => {
    devnet = await startTestDevnet({ l2Count: 2, batchMs: 100, blockTime: BLOCK_TIME });
  });

  afterAll(async () => {
    await devnet?.stop();
  });

  it('mines the L2s on the interval and the settlement layer per transaction', async () => {
    const l2Block = () => rpc<Hex>(devnet.l2s[0].anvilRpcUrl, 'eth_blockNumber').then(BigInt);
    const start = await l2Block();
    await poll('an empty L2 block', async () => ((await l2Block()) > start + 1n ? true : null));
    expect(formatDevnetSummary(devnet)).toContain(`the L2s a block every ${BLOCK_TIME} s`);
    expect(devnet.blockTime).toBe(BLOCK_TIME);
    const l1Before = await rpc<Hex>(devnet.l1.anvilRpcUrl, 'eth_blockNumber');
    await new Promise((r) => setTimeout(r, 3 * BLOCK_TIME * 1000));
    // Nothing was sent meanwhile (no batch with messages to commit): the settlement layer has not moved.
    expect(await rpc<Hex>(devnet.l1.anvilRpcUrl, 'eth_blockNumber')).toBe(l1Before);
  });

  it('carries several messages in one block, and each verifies on the other L2', async () => {
    const source = createPublicClient({ transport: http(devnet.l2s[0].rpcUrl), pollingInterval: 50 });
    const destination = createPublicClient({ transport: http(devnet.l2s[1].rpcUrl), pollingInterval: 50 });
    const sent = await Promise.all(
      devnet.accounts
        .slice(0, 4)
        .map((a, i) =>
          sendInteropMessage(
            createWalletClient({ account: privateKeyToAccount(a.privateKey), transport: http(devnet.l2s[0].rpcUrl) }),
            { data: toHex(`interval ${i}`) },
          ),
        ),
    );
    const blocks = new Set(sent.map((s) => s.receipt.blockNumber));
    expect(blocks.size).toBeLessThan(sent.length);
    for (const s of sent) {
      const { proof } = await waitForInteropMessage(source, {
        interopHash: s.interopHash,
        destination,
        timeout: 30_000,
        pollingInterval: 50,
      });
      expect(proof.chainId).toBe(271n);
    }
    // The node's receipts number each L2→L1 log within its block (one log per message here), in transaction order.
    type Receipt = { blockNumber: Hex; transactionIndex: Hex; l2ToL1Logs: { logIndex: Hex; l1BatchNumber: Hex }[] };
    const receipts = await Promise.all(
      sent.map((s) => rpc<Receipt>(devnet.l2s[0].rpcUrl, 'eth_getTransactionReceipt', [s.txHash])),
    );
    for (const block of blocks) {
      const inBlock = receipts
        .filter((r) => BigInt(r.blockNumber) === block)
        .sort((a, b) => Number(BigInt(a.transactionIndex) - BigInt(b.transactionIndex)));
      expect(inBlock.map((r) => r.l2ToL1Logs.map((l) => Number(l.logIndex)))).toEqual(inBlock.map((_, i) => [i]));
      for (const r of inBlock) expect(r.l2ToL1Logs[0].l1BatchNumber).not.toBeNull();
    }
  });
});

it('startDevnet refuses a block time that is not a positive number of seconds, before starting anything', async () => {
  for (const blockTime of [0, -1, Number.NaN, 7200]) {
    await expect(startDevnet({ blockTime, dataDir: '/nonexistent/never-created' })).rejects.toThrow(DevnetError);
  }
});
