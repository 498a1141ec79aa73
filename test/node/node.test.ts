import { InteropCenter, InteropSettlement, L1Messenger } from '@interop/contracts';
import { type NodeHandle, startNode } from '@interop/node';
import {
  hashL2ToL1Log,
  INTEROP_CENTER_ADDRESS,
  interopMessageToLog,
  L1_MESSENGER_ADDRESS,
  l2MessageToLog,
  verifyProof,
} from '@interop/sdk/core';
import { decodeFunctionData, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toInteropProof } from '../helpers/proofs.js';
import {
  clients,
  KEYS,
  rpc,
  sendEip712Message,
  sendMessage,
  startTestNetwork,
  stopAll,
  type TestNetwork,
  waitFor,
  waitForImportedRoot,
} from './helpers.js';

let net: TestNetwork;
let node: NodeHandle;
let url271: string;
let url272: string;

beforeAll(async () => {
  net = await startTestNetwork();
  node = await startNode(net.nodeConfig({ settlement: { ...net.nodeConfig().settlement, port: 0 } }));
  url271 = node.chains[0].rpcUrl;
  url272 = node.chains[1].rpcUrl;
});

afterAll(() => stopAll(node, net));

const sendInteropMessage = (url: string, data: Hex) => sendMessage(url, data);

describe('node on a settlement layer and two L2s', () => {
  it('seals, commits, executes and imports; the message proof verifies off-chain and on another L2', async () => {
    const { txHash, interopHash } = await sendInteropMessage(url271, '0x1234');
    const proof = await waitFor(
      async () => (await rpc(url271, 'interop_getMessageProof', [interopHash])).result,
      'message proof',
    );
    expect(proof.chainId).toBe('0x10f');
    expect(proof.settlementLayer.chainId).toBe('0x9');
    // Served again from the encoded cache, alone and in a batch (next to a null answer and an error): same JSON.
    expect((await rpc(url271, 'interop_getMessageProof', [interopHash])).result).toEqual(proof);
    const unknown = `0x${'ab'.repeat(32)}`;
    const batch = await fetch(url271, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { jsonrpc: '2.0', id: 'a', method: 'interop_getMessageProof', params: [interopHash] },
        { jsonrpc: '2.0', id: 2, method: 'interop_getMessageProof', params: [unknown] },
        { jsonrpc: '2.0', id: 3, method: 'interop_getMessageProof', params: ['0x12'] },
      ]),
    }).then((r) => r.json());
    expect(batch[0]).toEqual({ jsonrpc: '2.0', id: 'a', result: proof });
    expect(batch[1]).toEqual({ jsonrpc: '2.0', id: 2, result: null });
    expect(batch[2].error.code).toBe(-32602);

    const leaf = hashL2ToL1Log(interopMessageToLog({ interopHash, txNumberInBatch: proof.txNumberInBatch }));
    const checked = verifyProof({
      chainId: 271n,
      batchNumber: BigInt(proof.l1BatchNumber),
      leafIndex: BigInt(proof.l2MessageIndex),
      leaf,
      proof: proof.proof,
    });
    expect(checked.root).toBe(proof.root);
    expect(checked.settlementLayer.blockNumber).toBe(BigInt(proof.settlementLayer.blockNumber));

    // The root reaches 272's InteropCenter; then verifyInteropMessage holds there (and on 271 itself).
    const c272 = clients(url272, KEYS.user);
    const interopProof = toInteropProof(proof);
    await waitForImportedRoot(c272.public, proof);
    for (const url of [url272, url271]) {
      const c = clients(url, KEYS.user);
      const ok = await c.public.readContract({
        address: INTEROP_CENTER_ADDRESS,
        abi: InteropCenter.abi,
        functionName: 'verifyInteropMessage',
        args: [interopHash, interopProof],
      });
      expect(ok).toBe(true);
    }
    // The settlement layer accepts the same proof against its own root of that block.
    const onSettlement = await clients(node.settlement.rpcUrl!, KEYS.user).public.readContract({
      address: net.settlementAddress,
      abi: InteropSettlement.abi,
      functionName: 'verifyInteropMessage',
      args: [interopHash, interopProof],
    });
    expect(onSettlement).toBe(true);
    // A wrong hash does not verify.
    const wrong = await c272.public.readContract({
      address: INTEROP_CENTER_ADDRESS,
      abi: InteropCenter.abi,
      functionName: 'verifyInteropMessage',
      args: [`0x${'11'.repeat(32)}`, interopProof],
    });
    expect(wrong).toBe(false);

    const status = await waitFor(async () => {
      const s = (await rpc(url271, 'interop_getMessageStatus', [interopHash])).result;
      return s?.status === 'imported' ? s : null;
    }, 'imported status');
    expect(status.txHash).toBe(txHash);
    expect(status.importedOn).toEqual(['0x10f', '0x110']);

    // Batch details and the ZKsync receipt fields.
    const details = (await rpc(url271, 'zks_getL1BatchDetails', [Number(proof.l1BatchNumber)])).result;
    expect(details.status).toBe('verified');
    expect(details.executeTxHash).toMatch(/^0x[0-9a-f]{64}$/);
    const settlementReceipt = await rpc(node.settlement.rpcUrl!, 'eth_getTransactionReceipt', [details.executeTxHash]);
    expect(BigInt(settlementReceipt.result.blockNumber)).toBe(BigInt(proof.settlementLayer.blockNumber));
    const receipt = (await rpc(url271, 'eth_getTransactionReceipt', [txHash])).result;
    expect(receipt.l1BatchNumber).toBe(proof.l1BatchNumber);
    expect(receipt.l1BatchTxIndex).toBe(`0x${proof.txNumberInBatch.toString(16)}`);
    expect(receipt.l2ToL1Logs).toHaveLength(1);
    expect(receipt.l2ToL1Logs[0]).toMatchObject({
      sender: L1_MESSENGER_ADDRESS,
      key: `0x${INTEROP_CENTER_ADDRESS.slice(2).padStart(64, '0')}`,
      value: interopHash,
      isService: true,
      shardId: '0x0',
      transactionHash: txHash,
      l1BatchNumber: proof.l1BatchNumber,
      transactionLogIndex: '0x0',
    });
    const tx = (await rpc(url271, 'zks_getTransactionDetails', [txHash])).result;
    expect(tx.ethExecuteTxHash).toBe(details.executeTxHash);
    expect(tx.status).toBe('verified');
    const finalized = (await rpc(url271, 'eth_getBlockByNumber', ['finalized', false])).result;
    expect(BigInt(finalized.number)).toBeGreaterThanOrEqual(BigInt(receipt.blockNumber));
    expect(finalized.l1BatchNumber).toMatch(/^0x[0-9a-f]+$/);
    const block = (await rpc(url271, 'eth_getBlockByHash', [receipt.blockHash, false])).result;
    expect(block.l1BatchNumber).toBe(proof.l1BatchNumber);
  });

  it('zks_getL2ToL1LogProof: plain proof to the ChainBatchRoot and gateway proof accepted by L2MessageVerification', async () => {
    const c = clients(url271, KEYS.user2);
    const data = '0xdeadbeef' as Hex;
    const hash = await c.wallet.writeContract({
      address: L1_MESSENGER_ADDRESS,
      abi: L1Messenger.abi,
      functionName: 'sendToL1',
      args: [data],
      chain: null,
    });
    await c.public.waitForTransactionReceipt({ hash });
    const gw = await waitFor(
      async () => (await rpc(url271, 'zks_getL2ToL1LogProof', [hash, 0, 'proof_based_gw'])).result,
      'gateway proof',
    );
    const plain = (await rpc(url271, 'zks_getL2ToL1LogProof', [hash, 0])).result;
    expect(plain.id).toBe(gw.id);
    expect(plain.root).toBe(gw.root);
    expect(plain.proof).toHaveLength(15);
    const receipt = (await rpc(url271, 'eth_getTransactionReceipt', [hash])).result;
    const txNumberInBatch = Number(receipt.l1BatchTxIndex);
    const leaf = hashL2ToL1Log(l2MessageToLog({ txNumberInBatch, sender: c.account.address, data }));
    const batch = BigInt(receipt.l1BatchNumber);
    expect(verifyProof({ chainId: 271n, batchNumber: batch, leafIndex: plain.id, leaf, proof: plain.proof }).root).toBe(
      plain.root,
    );
    const gwCheck = verifyProof({ chainId: 271n, batchNumber: batch, leafIndex: gw.id, leaf, proof: gw.proof });
    expect(gwCheck.levels[0].root).toBe(gw.root);

    // ZKsync's older lookup by block, sender and message hash gives the same plain proof.
    const { keccak256 } = await import('viem');
    const byMsg = (
      await rpc(url271, 'zks_getL2ToL1MsgProof', [Number(receipt.blockNumber), c.account.address, keccak256(data)])
    ).result;
    expect(byMsg).toEqual(plain);

    // On the settlement layer, the executed ChainBatchRoot accepts the plain proof.
    const s = clients(node.settlement.rpcUrl!, KEYS.user);
    const okOnSettlement = await s.public.readContract({
      address: net.settlementAddress,
      abi: InteropSettlement.abi,
      functionName: 'proveL2MessageInclusionShared',
      args: [271n, batch, BigInt(plain.id), { txNumberInBatch, sender: c.account.address, data }, plain.proof],
    });
    expect(okOnSettlement).toBe(true);
  });

  it('a ZKsync (0x71) transaction is committed under its ZKsync hash and proven by it', async () => {
    const zkHash = await sendEip712Message(url271, KEYS.user2, '0xabcd');
    const proof = await waitFor(
      async () => (await rpc(url271, 'zks_getL2ToL1LogProof', [zkHash, 0, 'proof_based_gw'])).result,
      'proof by ZKsync hash',
    );
    const receipt = (await rpc(url271, 'eth_getTransactionReceipt', [zkHash])).result;
    expect(receipt.transactionHash).toBe(zkHash);
    const details = (await rpc(url271, 'zks_getL1BatchDetails', [Number(receipt.l1BatchNumber)])).result;
    const commitTx = (await rpc(node.settlement.rpcUrl!, 'eth_getTransactionByHash', [details.commitTxHash])).result;
    const call = decodeFunctionData({ abi: InteropSettlement.abi, data: commitTx.input });
    const txHashes = (call.args as readonly unknown[])[5] as Hex[];
    expect(txHashes[proof.id]).toBe(zkHash);
  });

  it('answers an unknown hash with null at every moment, also right after a seal when no block follows it', async () => {
    // The unsealed-message lookup once asked anvil for logs from past its head, which it refuses.
    for (let i = 0; i < 40; i++) {
      const res = await rpc(url271, 'interop_getMessageStatus', [`0x${'cd'.repeat(32)}`]);
      expect(res.error).toBeUndefined();
      expect(res.result).toBeNull();
      await new Promise((r) => setTimeout(r, 15));
    }
  });

  it('answers bad params with -32602, malformed JSON with -32700, unknown hashes with null, and passes batches through', async () => {
    const bad = await rpc(url271, 'zks_getL2ToL1LogProof', ['0x1234', 0]);
    expect(bad.error?.code).toBe(-32602);
    expect(bad.error?.message).toMatch(/transaction hash/);
    expect((await rpc(url271, 'interop_getMessageProof', [])).error?.code).toBe(-32602);
    expect((await rpc(url271, 'zks_getL1BatchDetails', ['latest'])).error?.code).toBe(-32602);
    expect((await rpc(url271, 'zks_getL2ToL1LogProof', [`0x${'ab'.repeat(32)}`, 0, 'nope'])).error?.code).toBe(-32602);
    expect((await rpc(url271, 'interop_getMessageProof', [`0x${'ab'.repeat(32)}`])).result).toBeNull();
    expect((await rpc(url271, 'interop_getMessageStatus', [`0x${'ab'.repeat(32)}`])).result).toBeNull();
    expect((await rpc(url271, 'zks_getL1BatchDetails', [999999])).result).toBeNull();
    expect((await rpc(url271, 'zks_L1ChainId')).result).toBe('0x9');
    expect((await rpc(url271, 'zks_nope')).error?.code).toBe(-32601);

    const malformed = await fetch(url271, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"jsonrpc":',
    });
    expect(((await malformed.json()) as { error: { code: number } }).error.code).toBe(-32700);

    const res = await fetch(url271, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { jsonrpc: '2.0', id: 7, method: 'eth_chainId', params: [] },
        { jsonrpc: '2.0', id: 8, method: 'zks_L1ChainId', params: [] },
        { jsonrpc: '2.0', id: 9, method: 'interop_getMessageProof', params: ['nope'] },
      ]),
    });
    const batch = (await res.json()) as { id: number; result?: string; error?: { code: number } }[];
    expect(batch.map((r) => r.id)).toEqual([7, 8, 9]);
    expect(batch[0].result).toBe('0x10f');
    expect(batch[1].result).toBe('0x9');
    expect(batch[2].error?.code).toBe(-32602);
    // The endpoint is still alive.
    expect((await rpc(url271, 'eth_chainId')).result).toBe('0x10f');
  });

  it('answers GET with 405, an empty batch with -32600 and non-array params with -32602', async () => {
    const get = await fetch(url271);
    expect(get.status).toBe(405);
    expect(((await get.json()) as { error: { code: number; message: string } }).error).toEqual({
      code: -32600,
      message: 'invalid request: use HTTP POST',
    });
    const post = async (body: string) =>
      (await (
        await fetch(url271, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      ).json()) as { id: unknown; error?: { code: number; message: string } };
    const empty = await post('[]');
    expect(empty.error).toEqual({ code: -32600, message: 'invalid request: empty batch' });
    for (const params of [{ hash: '0x01' }, '0x01', 7]) {
      const answer = await post(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'interop_getMessageStatus', params }));
      expect(answer.id).toBe(3);
      expect(answer.error).toEqual({ code: -32602, message: 'invalid params: "params" must be an array' });
    }
  });
});
