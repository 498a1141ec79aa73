// The sequencer seals as soon as the sends through a chain's endpoint pause, not only on the batch timer: the last
// message of a burst (or a lone one) does not wait out batchMs. Real anvils, node and SQLite.
import { startNode } from '@interop/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealPauseMs } from '../../packages/node/src/sequencer/sendPauses.js';
import { rpc, sendMessage, startTestNetwork, stopAll, type TestNetwork, waitFor } from './helpers.js';

// A batch timer far longer than the pause it implies (2 s), so a seal within a few seconds can only be the pause's.
const BATCH_MS = 10_000;

let net: TestNetwork;
let node: Awaited<ReturnType<typeof startNode>>;
let url: string;

beforeAll(async () => {
  net = await startTestNetwork({ l2Count: 1 });
  node = await startNode(net.nodeConfig({ batchMs: BATCH_MS }));
  url = node.chains[0].rpcUrl;
}, 60_000);

afterAll(() => stopAll(node, net));

const statusOf = async (interopHash: string) =>
  (await rpc(url, 'interop_getMessageStatus', [interopHash])).result as { status: string; l1BatchNumber: string };

describe('sealing when the sends pause', () => {
  it('seals a burst of sends together, a pause after the last one rather than on the batch timer', async () => {
    // The sequencer ran once at start; its timer would seal next BATCH_MS later.
    const first = await sendMessage(url, '0x01');
    const last = await sendMessage(url, '0x02');
    const sentAt = Date.now();
    expect((await statusOf(last.interopHash)).status).toBe('sent');
    const sealed = await waitFor(async () => {
      const s = await statusOf(last.interopHash);
      return s.status !== 'sent' && s;
    }, 'the burst to be sealed');
    const waited = Date.now() - sentAt;
    expect(waited).toBeGreaterThanOrEqual(sealPauseMs(BATCH_MS) - 100);
    expect(waited).toBeLessThan(BATCH_MS - 4000);
    // The sends came closer together than the pause: one batch holds both.
    expect((await statusOf(first.interopHash)).l1BatchNumber).toBe(sealed.l1BatchNumber);
  });

  it('on an interval-mined chain, seals the sends once their block is mined, not a pause after them', async () => {
    // Blocks every 3 s: the first look, a pause (2 s) after the send, finds it still in the pool.
    await rpc(net.l2s[0].rpcUrl, 'evm_setIntervalMining', [3]);
    try {
      const sentAt = Date.now();
      const { interopHash } = await sendMessage(url, '0x03');
      await waitFor(async () => (await statusOf(interopHash)).status !== 'sent', 'the send to be sealed');
      expect(Date.now() - sentAt).toBeLessThan(BATCH_MS - 3000);
    } finally {
      await rpc(net.l2s[0].rpcUrl, 'evm_setAutomine', [true]);
    }
  });
});
