// Network snapshots (evm_snapshot / evm_revert on any endpoint act on every chain and the node together) and the
// treatment of anvil's other history rewrites (refused with an error naming the network-wide way).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InteropCenter } from '@interop/contracts';
import { startAnvil } from '@interop/devnet';
import { ANVIL_METHODS, METHOD_REFUSED } from '@interop/node';
import {
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  type Hex,
  http,
  type PublicClient,
  parseEventLogs,
  toHex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';
import { type InteropProof, type RpcMessageProof, toInteropProof } from '../helpers/proofs.js';
import { poll, rpc, rpcAnswer } from '../helpers/rpc.js';

const account = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');

describe('network snapshots', () => {
  let devnet: TestDevnet;
  let source: PublicClient;
  let destination: PublicClient;
  let center: Address;
  let sent = 0;

  beforeAll(async () => {
    devnet = await startTestDevnet({ l2Count: 2, batchMs: 100 });
    source = createPublicClient({ transport: http(devnet.l2s[0].rpcUrl) });
    destination = createPublicClient({ transport: http(devnet.l2s[1].rpcUrl) });
    center = devnet.contracts.interopCenter;
  }, 120_000);

  afterAll(async () => {
    await devnet?.stop();
  });

  /** Sends a message on 271 and returns its hash and messageNum. */
  async function send(): Promise<{ interopHash: Hex; messageNum: bigint }> {
    const wallet = createWalletClient({ account, transport: http(devnet.l2s[0].rpcUrl) });
    const hash = await wallet.writeContract({
      address: center,
      abi: InteropCenter.abi,
      functionName: 'sendInteropMessage',
      args: [toHex(`snapshot test message ${sent++}`)],
      chain: null,
    });
    const receipt = await source.waitForTransactionReceipt({ hash });
    const [event] = parseEventLogs({ abi: InteropCenter.abi, logs: receipt.logs, eventName: 'InteropMessageSent' });
    return { interopHash: event.args.interopHash, messageNum: event.args.messageNum };
  }

  /** Waits for the message's proof and for its root on 272; returns the proof as InteropCenter takes it. */
  async function provable(interopHash: Hex): Promise<InteropProof> {
    const p = await poll('interop_getMessageProof', () =>
      rpc<RpcMessageProof | null>(devnet.l2s[0].rpcUrl, 'interop_getMessageProof', [interopHash]),
    );
    await poll('the root on 272', async () => {
      const root = await destination.readContract({
        address: center,
        abi: InteropCenter.abi,
        functionName: 'interopRoots',
        args: [9n, BigInt(p.settlementLayer.blockNumber)],
      });
      return root === p.root;
    });
    return toInteropProof(p);
  }

  const verifyOn272 = (interopHash: Hex, proof: InteropProof) =>
    destination.readContract({
      address: center,
      abi: InteropCenter.abi,
      functionName: 'verifyInteropMessage',
      args: [interopHash, proof],
    });

  for (const where of ['an L2 endpoint (271)', 'the settlement endpoint'] as const) {
    it(`evm_snapshot / evm_revert on ${where} act on the whole network`, async () => {
      const url = where === 'the settlement endpoint' ? devnet.l1.rpcUrl : devnet.l2s[0].rpcUrl;
      const testClient = createTestClient({ mode: 'anvil', transport: http(url) });
      const id = await testClient.snapshot();

      const gone = await send();
      const oldProof = await provable(gone.interopHash);
      expect(await verifyOn272(gone.interopHash, oldProof)).toBe(true);

      await testClient.revert({ id });
      expect(await rpc(devnet.l2s[0].rpcUrl, 'interop_getMessageStatus', [gone.interopHash])).toBeNull();
      expect(await rpc(devnet.l2s[0].rpcUrl, 'interop_getMessageProof', [gone.interopHash])).toBeNull();
      expect(await verifyOn272(gone.interopHash, oldProof)).toBe(false);

      // The chains went back too: the next message reuses the reverted message's number, and it flows.
      const next = await send();
      expect(next.messageNum).toBe(gone.messageNum);
      const proof = await provable(next.interopHash);
      expect(await verifyOn272(next.interopHash, proof)).toBe(true);
      // The reverted message's proof still fails once the same settlement block holds another root.
      expect(await verifyOn272(gone.interopHash, oldProof)).toBe(false);
      // "imported" means on every L2; provable() waited for 272 only, so 271's import may still be on its way.
      await poll('the next message imported everywhere', async () => {
        const status = await rpc<{ status: string }>(devnet.l2s[0].rpcUrl, 'interop_getMessageStatus', [
          next.interopHash,
        ]);
        return status.status === 'imported';
      });
    }, 120_000);
  }

  it('snapshot ids behave like anvil: reverting consumes that id and every later one', async () => {
    const url = devnet.l2s[1].rpcUrl;
    const first = await rpc<Hex>(url, 'interop_snapshot');
    const second = await rpc<Hex>(url, 'evm_snapshot');
    expect(BigInt(second)).toBeGreaterThan(BigInt(first));
    expect(await rpc(url, 'evm_revert', [first])).toBe(true);
    expect(await rpc(url, 'evm_revert', [second])).toBe(false);
    expect(await rpc(url, 'interop_revert', [first])).toBe(false);
    expect(await rpc(url, 'evm_revert', ['0xffff'])).toBe(false);
    const bad = await rpcAnswer(url, 'evm_revert', ['soon']);
    expect(bad.error?.code).toBe(-32602);
    expect(bad.error?.message).toMatch(/snapshot id/);
  });

  describe('history rewrites', () => {
    const refused = Object.entries(ANVIL_METHODS).filter(([, t]) => t.kind === 'refuse');

    it('lists anvil 1.7 methods: every name is one the installed anvil knows', async () => {
      const anvil = await startAnvil({ chainId: 31337 });
      try {
        for (const method of Object.keys(ANVIL_METHODS).filter((m) => !m.startsWith('interop_'))) {
          // Params anvil cannot parse: known methods answer -32602 (or another error), unknown ones -32601.
          const answer = await rpcAnswer(anvil.rpcUrl, method, ['not', 'valid', 'params', 'here']);
          expect(answer.error?.code, method).not.toBe(-32601);
        }
      } finally {
        await anvil.stop();
      }
    }, 60_000);

    it('docs/node.md names every one of them', () => {
      const doc = readFileSync(join(ROOT, 'docs/node.md'), 'utf8');
      for (const method of Object.keys(ANVIL_METHODS)) expect(doc, method).toContain(`\`${method}\``);
    });

    for (const where of ['an L2 endpoint', 'the settlement endpoint'] as const)
      it(`${where} refuses each rewrite with -32004 naming the network-wide way, and the chain stays as it was`, async () => {
        const url = where === 'an L2 endpoint' ? devnet.l2s[0].rpcUrl : devnet.l1.rpcUrl;
        const params: Record<string, unknown[]> = {
          anvil_reorg: [{ depth: 1, txBlockPairs: [] }],
          anvil_rollback: [1],
          anvil_reset: [],
          hardhat_reset: [],
          anvil_loadState: ['0x00'],
          hardhat_loadState: ['0x00'],
          anvil_setChainId: [1],
          anvil_setRpcUrl: ['http://127.0.0.1:1'],
        };
        expect(refused.map(([m]) => m).sort()).toEqual(Object.keys(params).sort());
        const head = await rpc<Hex>(url, 'eth_blockNumber');
        const before = await rpc<{ hash: Hex }>(url, 'eth_getBlockByNumber', [head, false]);
        for (const [method, treatment] of refused) {
          const answer = await rpcAnswer(url, method, params[method]);
          expect(answer.error?.code, method).toBe(METHOD_REFUSED);
          expect(answer.error?.message, method).toContain(method);
          if (treatment.kind === 'refuse') expect(answer.error?.message, method).toContain(treatment.instead);
        }
        const after = await rpc<{ hash: Hex }>(url, 'eth_getBlockByNumber', [head, false]);
        expect(after.hash).toBe(before.hash);
        expect(await rpc(url, 'eth_chainId')).toBe(where === 'an L2 endpoint' ? '0x10f' : '0x9');
      });

    it('refuses code and storage edits of the protocol contracts, and passes them for any other address', async () => {
      const l2 = devnet.l2s[0].rpcUrl;
      for (const [url, address] of [
        [l2, devnet.contracts.interopCenter],
        [l2, devnet.contracts.l1Messenger],
        [l2, devnet.contracts.l2MessageVerification],
        [devnet.l1.rpcUrl, devnet.contracts.settlement],
      ] as const) {
        const code = await rpcAnswer(url, 'anvil_setCode', [address, '0x00']);
        expect(code.error?.code).toBe(METHOD_REFUSED);
        const storage = await rpcAnswer(url, 'hardhat_setStorageAt', [address, '0x0', `0x${'11'.repeat(32)}`]);
        expect(storage.error?.code).toBe(METHOD_REFUSED);
      }
      expect(await rpc(l2, 'eth_getCode', [center, 'latest'])).not.toBe('0x00');
      const mine = '0x00000000000000000000000000000000000c0de1';
      expect((await rpcAnswer(l2, 'anvil_setCode', [mine, '0x6001'])).error).toBeUndefined();
      expect(await rpc(l2, 'eth_getCode', [mine, 'latest'])).toBe('0x6001');
    });

    it('passes mining through: the sequencer seals the new blocks and messages keep flowing', async () => {
      const url = devnet.l2s[0].rpcUrl;
      const head = BigInt(await rpc<Hex>(url, 'eth_blockNumber'));
      await rpc(url, 'anvil_mine', ['0x20']);
      expect(BigInt(await rpc<Hex>(url, 'eth_blockNumber'))).toBeGreaterThanOrEqual(head + 32n);
      const { interopHash } = await send();
      expect(await verifyOn272(interopHash, await provable(interopHash))).toBe(true);
    }, 60_000);
  });
});
