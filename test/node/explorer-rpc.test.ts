// The node's explorer methods (interop_getNetwork, interop_list*, interop_get*) and ZKsync's block methods, on a
// real devnet: messages from two senders on both L2s (one of them a ZKsync 0x71 transaction), paged lists, the
// lookups and their validation — and viem's own `viem/zksync` actions against the node.

import { INTEROP_CENTER_ADDRESS, sendInteropMessage } from '@interop/sdk';
import { createPublicClient, createWalletClient, type Hex, http, stringToHex, toFunctionSelector } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { getRawBlockTransactions, publicActionsL2 } from 'viem/zksync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';
import { poll } from '../helpers/rpc.js';
import { sendEip712Message } from './helpers.js';

let devnet: TestDevnet;
let url271: string;
let url272: string;

type RpcAnswer = { result?: any; error?: { code: number; message: string } };
async function rpc(url: string, method: string, params: unknown[] = []): Promise<RpcAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return (await res.json()) as RpcAnswer;
}
const result = async (url: string, method: string, params: unknown[] = []) => {
  const answer = await rpc(url, method, params);
  if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
  return answer.result;
};

const sent: { interopHash: Hex; txHash: Hex; chainId: number; sender: Hex }[] = [];
let zkTxHash: Hex;

beforeAll(async () => {
  devnet = await startTestDevnet();
  url271 = devnet.l2s[0].rpcUrl;
  url272 = devnet.l2s[1].rpcUrl;
  const [alice, bob] = [devnet.accounts[8], devnet.accounts[9]];
  const wallet = (url: string, key: Hex) =>
    createWalletClient({ account: privateKeyToAccount(key), transport: http(url), pollingInterval: 50 });
  // Five messages: alice ×3 on 271, bob ×2 on 272 (one after the other: same-account nonces). Each is sealed
  // before the next is sent, so 271 has several batches and the list's order is the sending order (sends through
  // the node can take less than one batch interval).
  // interop_getMessageStatus answers for a message as soon as it is mined ('sent'); sealed = in a batch.
  const sealed = (url: string, interopHash: Hex) =>
    poll('the message sealed', async () => {
      const status = await result(url, 'interop_getMessageStatus', [interopHash]);
      return status !== null && status.l1BatchNumber !== null;
    });
  for (let i = 0; i < 3; i++) {
    const s = await sendInteropMessage(wallet(url271, alice.privateKey), { data: stringToHex(`hello ${i}`) });
    sent.push({ interopHash: s.interopHash, txHash: s.txHash, chainId: 271, sender: alice.address });
    await sealed(url271, s.interopHash);
  }
  for (let i = 0; i < 2; i++) {
    const s = await sendInteropMessage(wallet(url272, bob.privateKey), { data: '0xc0ffee' });
    sent.push({ interopHash: s.interopHash, txHash: s.txHash, chainId: 272, sender: bob.address });
    await sealed(url272, s.interopHash);
  }
  // A ZKsync (0x71) transaction, through viem's own ZKsync extension.
  zkTxHash = await sendEip712Message(url271, bob.privateKey, '0xabcd');
  await poll('every message imported everywhere', async () => {
    const { messages } = await result(url271, 'interop_listMessages', [{ limit: 100 }]);
    return messages.length === 6 && messages.every((m: { status: string }) => m.status === 'imported');
  });
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('interop_* explorer methods', () => {
  it('lists messages newest first, pages with a cursor, filters by chain and sender', async () => {
    const all = await result(url272, 'interop_listMessages', []);
    expect(all.messages).toHaveLength(6);
    expect(all.nextCursor).toBeNull();
    const first = all.messages[all.messages.length - 1];
    expect(first).toMatchObject({
      interopHash: sent[0].interopHash,
      chainId: 271,
      sender: sent[0].sender.toLowerCase(),
      txHash: sent[0].txHash,
      dataSize: 7,
      status: 'imported',
    });
    const seen: Hex[] = [];
    let cursor: number | null | undefined;
    do {
      const page = await result(url271, 'interop_listMessages', [{ limit: 4, cursor }]);
      seen.push(...page.messages.map((m: { interopHash: Hex }) => m.interopHash));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(all.messages.map((m: { interopHash: Hex }) => m.interopHash));

    const of272 = await result(url271, 'interop_listMessages', [{ chainId: 272 }]);
    expect(of272.messages.map((m: { interopHash: Hex }) => m.interopHash)).toEqual(
      [sent[4], sent[3]].map((s) => s.interopHash),
    );
    const bob = await result(url271, 'interop_listMessages', [{ sender: sent[3].sender }]);
    expect(bob.messages).toHaveLength(3); // two on 272 and the 0x71 one on 271
    const bobOn271 = await result(url271, 'interop_listMessages', [{ sender: sent[3].sender, chainId: '0x10f' }]);
    expect(bobOn271.messages).toHaveLength(1);
    expect(bobOn271.messages[0].txHash).toBe(zkTxHash);
  });

  it('returns one message with its payload, batch, settlement block and imports', async () => {
    const m = await result(url272, 'interop_getMessage', [sent[1].interopHash]);
    expect(m).toMatchObject({ chainId: 271, data: stringToHex('hello 1'), messageNum: '2', status: 'imported' });
    expect(m.batch.status).toBe('executed');
    expect(m.batch.commitTxHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(m.settlementLayer.chainId).toBe(9);
    expect(m.settlementLayer.root).toMatch(/^0x[0-9a-f]{64}$/);
    expect(m.imports.map((i: { chainId: number }) => i.chainId)).toEqual([271, 272]);
    const status = await result(url271, 'interop_getMessageStatus', [sent[1].interopHash]);
    expect(Number(status.l1BatchNumber)).toBe(m.l1BatchNumber);
    expect(Number(status.settlementLayer.blockNumber)).toBe(m.settlementLayer.blockNumber);
    expect(await result(url271, 'interop_getMessage', [`0x${'ab'.repeat(32)}`])).toBeNull();
  });

  it('finds the messages of a transaction by its hash, also by a ZKsync 0x71 hash', async () => {
    const tx = await result(url271, 'interop_getTransactionMessages', [sent[2].txHash]);
    expect(tx).toMatchObject({ chainId: 271, txHash: sent[2].txHash });
    expect(tx.messages.map((m: { interopHash: Hex }) => m.interopHash)).toEqual([sent[2].interopHash]);
    const zk = await result(url272, 'interop_getTransactionMessages', [zkTxHash]);
    expect(zk.txHash).toBe(zkTxHash);
    expect(zk.messages).toHaveLength(1);
    expect(await result(url271, 'interop_getTransactionMessages', [`0x${'cd'.repeat(32)}`])).toBeNull();
  });

  it('lists batches and returns one with its logs, roots, transactions and imports', async () => {
    const m = await result(url271, 'interop_getMessage', [sent[0].interopHash]);
    const { batches } = await result(url271, 'interop_listBatches', [271, null, 100]);
    expect(batches.length).toBeGreaterThan(0);
    expect(batches[0].number).toBeGreaterThan(batches[batches.length - 1].number);
    const older = await result(url271, 'interop_listBatches', [271, batches[0].number, 1]);
    expect(older.batches[0].number).toBe(batches[0].number - 1);
    const batch = await result(url271, 'interop_getBatch', [271, m.l1BatchNumber]);
    expect(batch).toMatchObject({
      chainId: 271,
      number: m.l1BatchNumber,
      status: 'executed',
      rootHash: m.batch.rootHash,
    });
    expect(batch.logs[m.l2MessageIndex]).toMatchObject({ interopHash: sent[0].interopHash, txHash: sent[0].txHash });
    expect(batch.logs[m.l2MessageIndex].sender).toBe(sent[0].sender.toLowerCase());
    expect(batch.settlementLayer.root).toBe(m.settlementLayer.root);
    const range = await result(url271, 'zks_getL1BatchBlockRange', [m.l1BatchNumber]);
    expect(range).toEqual([`0x${batch.firstBlock.toString(16)}`, `0x${batch.lastBlock.toString(16)}`]);
    expect(await result(url271, 'interop_getBatch', [271, 999_999])).toBeNull();
  });

  it('lists the roots each chain imported and describes the network', async () => {
    const { roots } = await result(url271, 'interop_listImportedRoots', [272]);
    expect(roots.length).toBeGreaterThan(0);
    expect(roots[0]).toMatchObject({ settlementChainId: 9 });
    expect(roots[0].root).toMatch(/^0x[0-9a-f]{64}$/);
    const net = await result(url272, 'interop_getNetwork');
    expect(net.settlementLayer.chainId).toBe(9);
    expect(net.chains.map((c: { chainId: number }) => c.chainId)).toEqual([271, 272]);
    for (const c of net.chains) {
      expect(c.settlementChainId).toBe(9);
      expect(c.lastExecutedBatch).toBeGreaterThan(0);
      expect(c.lastCommittedBatch).toBeGreaterThanOrEqual(c.lastExecutedBatch);
      expect(c.lastSealedBatch).toBeGreaterThanOrEqual(c.lastCommittedBatch);
      expect(c.lastImport.settlementBlockNumber).toBeGreaterThan(0);
    }
    expect(net.messageCount).toBe(6);
    expect(net.lastMinute.messages).toBe(6);
  });

  it('refuses bad params with -32602 naming the param', async () => {
    const cases: [string, unknown[], RegExp][] = [
      ['interop_listMessages', [{ limit: 0 }], /limit/],
      ['interop_listMessages', [{ limit: 101 }], /limit/],
      ['interop_listMessages', [{ sender: '0x12' }], /sender/],
      ['interop_listMessages', [{ chainId: 999 }], /chain id/],
      ['interop_listMessages', [{ color: 'red' }], /unknown field "color"/],
      ['interop_listMessages', ['all'], /filter/],
      ['interop_listMessages', [{ cursor: -1 }], /cursor/],
      ['interop_getMessage', ['0x1234'], /interop hash/],
      ['interop_getTransactionMessages', [], /takes 1/],
      ['interop_listBatches', ['x'], /chain id/],
      ['interop_getBatch', [271, 'latest'], /batch number/],
      ['interop_listImportedRoots', [9], /chain id/],
      ['zks_getBlockDetails', ['0xzz'], /block number/],
      ['zks_getL1BatchBlockRange', [], /takes 1/],
    ];
    for (const [method, params, message] of cases) {
      const { error } = await rpc(url271, method, params);
      expect(error?.code, `${method} ${JSON.stringify(params)}`).toBe(-32602);
      expect(error?.message).toMatch(message);
    }
  });
});

describe("viem's zksync actions against the node", () => {
  it('getL1ChainId, getL1BatchNumber, getL1BatchDetails, getL1BatchBlockRange, getBlockDetails', async () => {
    const client = createPublicClient({ transport: http(url271) }).extend(publicActionsL2());
    expect(await client.getL1ChainId()).toBe('0x9');
    const latest = Number(await client.getL1BatchNumber());
    expect(latest).toBeGreaterThan(0);
    const m = await result(url271, 'interop_getMessage', [sent[0].interopHash]);
    const details = await client.getL1BatchDetails({ number: m.l1BatchNumber });
    expect(details.rootHash).toBe(m.batch.rootHash);
    const [first, last] = await client.getL1BatchBlockRange({ l1BatchNumber: m.l1BatchNumber });
    expect(first).toBeLessThanOrEqual(m.blockNumber);
    expect(last).toBeGreaterThanOrEqual(m.blockNumber);
    const block = await client.getBlockDetails({ number: m.blockNumber });
    expect(block).toMatchObject({ number: m.blockNumber, l1BatchNumber: m.l1BatchNumber, status: 'verified' });
    expect(block.l2TxCount).toBeGreaterThan(0);
    expect(block.commitTxHash).toBe(m.batch.commitTxHash);
    expect(block.executeTxHash).toBe(m.batch.executeTxHash);
    expect(block.baseSystemContractsHashes.bootloader).toMatch(/^0x0{64}$/);
  });

  it('getLogProof, getTransactionDetails, getRawBlockTransactions', async () => {
    const client = createPublicClient({ transport: http(url271) }).extend(publicActionsL2());
    const m = await result(url271, 'interop_getMessage', [sent[0].interopHash]);
    const proof = await client.getLogProof({ txHash: sent[0].txHash, index: 0 });
    expect(proof?.id).toBe(m.l2MessageIndex);
    expect(proof?.root).toBe(m.batch.rootHash);
    const details = await client.getTransactionDetails({ txHash: sent[0].txHash });
    expect(details.status).toBe('verified');
    expect(details.initiatorAddress.toLowerCase()).toBe(sent[0].sender.toLowerCase());
    // The decorator names it getRawBlockTransaction; the action itself is exported under its method's name.
    const raw = await getRawBlockTransactions(client, { number: m.blockNumber });
    const mine = raw.find((t) => t.execute.contractAddress?.toLowerCase() === INTEROP_CENTER_ADDRESS.toLowerCase());
    expect(mine?.commonData.L2?.initiatorAddress.toLowerCase()).toBe(sent[0].sender.toLowerCase());
    expect(mine?.commonData.L2?.signature).toHaveLength(65);
    expect(mine?.execute.calldata.slice(0, 10)).toBe(toFunctionSelector('sendInteropMessage(bytes)'));
  });
});
