// End to end on a real devnet: send on 271, prove with the node's RPC, verify on 272, on 271 and on
// the settlement layer; tampered inputs and a forged message must not verify as interop messages.

import { InteropCenter, InteropSettlement, L1Messenger, L2MessageVerification } from '@interop/contracts';
import { encodeInteropMessage, getInteropHash } from '@interop/sdk/core';
import {
  type Address,
  createPublicClient,
  createWalletClient,
  decodeEventLog,
  type Hex,
  http,
  keccak256,
  type PublicClient,
  pad,
  toHex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';
import { type InteropProof, type RpcMessageProof, toInteropProof } from '../helpers/proofs.js';
import { poll, rpc } from '../helpers/rpc.js';

function waitForRoot(client: PublicClient, center: Address, settlementChainId: bigint, block: bigint) {
  return poll(`root of settlement block ${block} on chain ${client.chain?.id ?? '?'}`, async () => {
    const root = await client.readContract({
      address: center,
      abi: InteropCenter.abi,
      functionName: 'interopRoots',
      args: [settlementChainId, block],
    });
    return /^0x0+$/.test(root) ? null : root;
  });
}

describe('devnet end to end', () => {
  let devnet: TestDevnet;
  let source: PublicClient;
  let destination: PublicClient;
  let settlement: PublicClient;
  let center: Address;
  let verifier: Address;
  let messenger: Address;
  const account = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');

  beforeAll(async () => {
    devnet = await startTestDevnet({ l2Count: 2, batchMs: 100 });
    source = createPublicClient({ transport: http(devnet.l2s[0].rpcUrl) });
    destination = createPublicClient({ transport: http(devnet.l2s[1].rpcUrl) });
    settlement = createPublicClient({ transport: http(devnet.l1.rpcUrl) });
    center = devnet.contracts.interopCenter;
    verifier = devnet.contracts.l2MessageVerification;
    messenger = devnet.contracts.l1Messenger;
  });

  afterAll(async () => {
    await devnet?.stop();
  });

  describe('a message sent through InteropCenter on 271', () => {
    let interopHash: Hex;
    let proof: InteropProof;

    beforeAll(async () => {
      const wallet = createWalletClient({ account, transport: http(devnet.l2s[0].rpcUrl) });
      const data = toHex('hello from 271');
      const txHash = await wallet.writeContract({
        address: center,
        abi: InteropCenter.abi,
        functionName: 'sendInteropMessage',
        args: [data],
        chain: null,
      });
      const receipt = await source.waitForTransactionReceipt({ hash: txHash });
      expect(receipt.status).toBe('success');
      const sent = receipt.logs
        .filter((l) => l.address.toLowerCase() === center.toLowerCase())
        .map((l) => decodeEventLog({ abi: InteropCenter.abi, data: l.data, topics: l.topics }))
        .find((e) => e.eventName === 'InteropMessageSent');
      if (sent?.eventName !== 'InteropMessageSent') throw new Error('no InteropMessageSent event');
      interopHash = sent.args.interopHash;
      // The hash is the one the protocol defines, recomputed off-chain from the message fields.
      expect(
        getInteropHash({ data, sender: account.address, sourceChainId: 271n, messageNum: sent.args.messageNum }),
      ).toBe(interopHash);

      const rpcProof = await poll('interop_getMessageProof', () =>
        rpc<RpcMessageProof | null>(devnet.l2s[0].rpcUrl, 'interop_getMessageProof', [interopHash]),
      );
      expect(BigInt(rpcProof.chainId)).toBe(271n);
      expect(BigInt(rpcProof.settlementLayer.chainId)).toBe(9n);
      proof = toInteropProof(rpcProof);
      // Wait until both L2s imported the settlement root the proof leads to, and check it is that root.
      const block = BigInt(rpcProof.settlementLayer.blockNumber);
      for (const client of [destination, source]) {
        expect(await waitForRoot(client, center, 9n, block)).toBe(rpcProof.root);
      }
    });

    const verifyOn = (client: PublicClient, hash: Hex, p: InteropProof) =>
      client.readContract({
        address: center,
        abi: InteropCenter.abi,
        functionName: 'verifyInteropMessage',
        args: [hash, p],
      });

    it('verifies on 272', async () => {
      expect(await verifyOn(destination, interopHash, proof)).toBe(true);
    });

    it('verifies on 271 itself', async () => {
      expect(await verifyOn(source, interopHash, proof)).toBe(true);
    });

    it('verifies on the settlement layer (chain 9)', async () => {
      const ok = await settlement.readContract({
        address: devnet.contracts.settlement,
        abi: InteropSettlement.abi,
        functionName: 'verifyInteropMessage',
        args: [interopHash, proof],
      });
      expect(ok).toBe(true);
    });

    it('does not verify with a tampered proof word (returns false)', async () => {
      const words = [...proof.proof];
      // Word 1 is the first sibling of the log-tree path (word 0 is the metadata).
      words[1] = keccak256(words[1]);
      expect(await verifyOn(destination, interopHash, { ...proof, proof: words })).toBe(false);
    });

    it('reverts with a tampered metadata word (malformed proof)', async () => {
      const words = [...proof.proof];
      words[0] = `0x02${words[0].slice(4)}` as Hex; // version 2 does not exist
      await expect(verifyOn(destination, interopHash, { ...proof, proof: words })).rejects.toThrow(
        /UnsupportedProofVersion/,
      );
    });

    it('does not verify with a wrong index (returns false)', async () => {
      expect(await verifyOn(destination, interopHash, { ...proof, l2MessageIndex: proof.l2MessageIndex + 1n })).toBe(
        false,
      );
    });

    it('does not verify with a wrong hash (returns false)', async () => {
      const wrong = keccak256(interopHash);
      expect(await verifyOn(destination, wrong, proof)).toBe(false);
    });
  });

  describe('a forged InteropMessage sent straight through L1Messenger', () => {
    it('is refused by InteropCenter while its raw log verifies through 0x…10009', async () => {
      const wallet = createWalletClient({ account, transport: http(devnet.l2s[0].rpcUrl) });
      // Claims to come from someone else, with a message number InteropCenter never issued.
      const forged = encodeInteropMessage({
        data: toHex('forged'),
        sender: '0x000000000000000000000000000000000000dEaD',
        sourceChainId: 271n,
        messageNum: 1_000_000n,
      });
      const forgedHash = keccak256(forged);
      expect(
        getInteropHash({
          data: toHex('forged'),
          sender: '0x000000000000000000000000000000000000dEaD',
          sourceChainId: 271n,
          messageNum: 1_000_000n,
        }),
      ).toBe(forgedHash);
      const txHash = await wallet.writeContract({
        address: messenger,
        abi: L1Messenger.abi,
        functionName: 'sendToL1',
        args: [forged],
        chain: null,
      });
      await source.waitForTransactionReceipt({ hash: txHash });

      const logProof = await poll('zks_getL2ToL1LogProof', () =>
        rpc<{ proof: Hex[]; id: number; root: Hex } | null>(devnet.l2s[0].rpcUrl, 'zks_getL2ToL1LogProof', [
          txHash,
          0,
          'proof_based_gw',
        ]),
      );
      const receipt = await rpc<{ l1BatchNumber: Hex; l1BatchTxIndex: Hex }>(
        devnet.l2s[0].rpcUrl,
        'eth_getTransactionReceipt',
        [txHash],
      );
      const batch = BigInt(receipt.l1BatchNumber);
      const txNumberInBatch = Number(receipt.l1BatchTxIndex);
      const details = await rpc<{ settlementBlockNumber: number }>(devnet.l2s[0].rpcUrl, 'zks_getL1BatchDetails', [
        Number(batch),
      ]);
      await waitForRoot(destination, center, 9n, BigInt(details.settlementBlockNumber));

      const asInterop = await destination.readContract({
        address: center,
        abi: InteropCenter.abi,
        functionName: 'verifyInteropMessage',
        args: [
          forgedHash,
          {
            chainId: 271n,
            l1BatchNumber: batch,
            l2MessageIndex: BigInt(logProof.id),
            txNumberInBatch,
            proof: logProof.proof,
          },
        ],
      });
      expect(asInterop).toBe(false);

      const asLog = await destination.readContract({
        address: verifier,
        abi: L2MessageVerification.abi,
        functionName: 'proveL2LogInclusionShared',
        args: [
          271n,
          batch,
          BigInt(logProof.id),
          {
            l2ShardId: 0,
            isService: true,
            txNumberInBatch,
            sender: messenger,
            key: pad(account.address),
            value: forgedHash,
          },
          logProof.proof,
        ],
      });
      expect(asLog).toBe(true);
    });
  });

  // Last: the fixture's promise to every other test file.
  it('stop() leaves no anvil and no endpoint behind', async () => {
    expect(devnet.anvilPids).toHaveLength(3);
    await devnet.stop();
    for (const pid of devnet.anvilPids) {
      expect(() => process.kill(pid, 0)).toThrow();
    }
    await expect(fetch(devnet.l2s[0].rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
    await expect(fetch(devnet.l2s[0].anvilRpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
