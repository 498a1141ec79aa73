// The review's findings about the public endpoints, each reproduced as an attack that must now fail with a clear
// error: writing interop roots "as" the system caller, sending as the node's operators, pages from other sites,
// oversized batches and bodies, and `interop node` exposing a chain's admin and cheat methods. The devnet's own
// keys are random per network (they used to be derived from public labels): the old label-derived keys are
// nobody's now, and what they sign is refused by the contracts themselves.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InteropCenter, InteropSettlement } from '@interop/contracts';
import { startNode } from '@interop/node';
import { INTEROP_CENTER_ADDRESS, SYSTEM_CALLER_ADDRESS, ZERO_HASH } from '@interop/sdk/core';
import { type Address, encodeFunctionData, type Hex, keccak256, toFunctionSelector, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';
import { rpc, startTestNetwork, type TestNetwork, waitFor } from './helpers.js';

const FAKE_ROOT: Hex = `0x${'ab'.repeat(32)}`;
/** How the devnet derived its own keys before they were random: anyone could compute them. */
const labelKey = (label: string) => keccak256(toHex(`interop devnet ${label}`));
const addRootData = (block: bigint) =>
  encodeFunctionData({ abi: InteropCenter.abi, functionName: 'addInteropRoot', args: [9n, block, [FAKE_ROOT]] });
const rootAt = async (url: string, block: bigint) =>
  (
    await rpc(url, 'eth_call', [
      {
        to: INTEROP_CENTER_ADDRESS,
        data: encodeFunctionData({ abi: InteropCenter.abi, functionName: 'interopRoots', args: [9n, block] }),
      },
      'latest',
    ])
  ).result as Hex;

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json: any = await res.json().catch(() => undefined);
  return { status: res.status, headers: res.headers, json };
}

describe('devnet endpoints', () => {
  let devnet: TestDevnet;
  let l2: string;
  let systemCaller: Address;
  beforeAll(async () => {
    devnet = await startTestDevnet({ l2Count: 1 });
    l2 = devnet.l2s[0].rpcUrl;
    systemCaller = privateKeyToAccount(devnet.keys.systemCallers['271']).address;
  }, 60_000);
  afterAll(() => devnet?.stop());

  it('nobody imports a root but the node: sends as the system caller are refused, 0x…8001 is not it', async () => {
    const block = 1_000_000n; // a future settlement block: pre-setting its root was part of the attack
    // As the system caller, unsigned (it is not unlocked, but the endpoint refuses before the chain is asked).
    const unsigned = await rpc(l2, 'eth_sendTransaction', [
      { from: systemCaller, to: INTEROP_CENTER_ADDRESS, data: addRootData(block) },
    ]);
    expect(unsigned.error?.code).toBe(-32003);
    expect(unsigned.error?.message).toMatch(/node's own senders/);
    // Impersonating it through the endpoint.
    const impersonate = await rpc(l2, 'anvil_impersonateAccount', [systemCaller]);
    expect(impersonate.error?.code).toBe(-32003);
    // Signed with the key the system caller once had (derived from a public label): it is nobody's now, so the
    // endpoint passes the transaction on and InteropCenter reverts it.
    const outsider = privateKeyToAccount(labelKey('system caller 271'));
    expect(outsider.address).not.toBe(systemCaller);
    await rpc(l2, 'anvil_setBalance', [outsider.address, '0xde0b6b3a7640000']);
    const raw = await outsider.signTransaction({
      type: 'eip1559',
      chainId: 271,
      nonce: 0,
      to: INTEROP_CENTER_ADDRESS,
      data: addRootData(block),
      gas: 200_000n,
      maxFeePerGas: 10_000_000_000n,
      maxPriorityFeePerGas: 1_000_000_000n,
    });
    const signed = await rpc(l2, 'eth_sendRawTransaction', [raw]);
    const signedReceipt = await waitFor(
      async () => (await rpc(l2, 'eth_getTransactionReceipt', [signed.result])).result,
      'receipt of the label-key attempt',
    );
    expect(signedReceipt.status).toBe('0x0');
    // The old attack: 0x…8001 is no longer the system caller, so even impersonated (a devnet cheat) it reverts.
    expect((await rpc(l2, 'anvil_impersonateAccount', [SYSTEM_CALLER_ADDRESS])).error).toBeUndefined();
    await rpc(l2, 'anvil_setBalance', [SYSTEM_CALLER_ADDRESS, '0xde0b6b3a7640000']);
    const old = await rpc(l2, 'eth_sendTransaction', [
      { from: SYSTEM_CALLER_ADDRESS, to: INTEROP_CENTER_ADDRESS, data: addRootData(block), gas: '0x30d40' },
    ]);
    const receipt = await waitFor(
      async () => (await rpc(l2, 'eth_getTransactionReceipt', [old.result])).result,
      'receipt of the 0x…8001 attempt',
    );
    expect(receipt.status).toBe('0x0');
    await rpc(l2, 'anvil_stopImpersonatingAccount', [SYSTEM_CALLER_ADDRESS]);
    expect(await rootAt(l2, block)).toBe(ZERO_HASH);
    // The node itself still imports roots (with the key): the settlement layer's blocks get theirs.
    await waitFor(async () => (await rootAt(l2, 2n)) !== ZERO_HASH, 'a root imported by the node');
  });

  it('nobody commits a batch but the operator: its key is random, sends as it or the deployer are refused', async () => {
    const settlement = devnet.l1.rpcUrl;
    const operator = privateKeyToAccount(devnet.keys.operators['271']).address;
    const operatorOf = await rpc(settlement, 'eth_call', [
      {
        to: devnet.contracts.settlement,
        data: encodeFunctionData({ abi: InteropSettlement.abi, functionName: 'operatorOf', args: [271n] }),
      },
      'latest',
    ]);
    expect(operatorOf.result).toBe(`0x${operator.slice(2).toLowerCase().padStart(64, '0')}`);
    expect(devnet.devnetSenders.map((s) => s.address)).toContain(operator);
    // The key the operator once had (from a public label) is nobody's: a commit from it reverts (NotOperator).
    const outsider = privateKeyToAccount(labelKey('operator 271')).address;
    expect(outsider).not.toBe(operator);
    const commit = encodeFunctionData({
      abi: InteropSettlement.abi,
      functionName: 'commitBatch',
      args: [271n, 1_000_000n, 1n, 1n, '0x', []],
    });
    const asOutsider = await rpc(settlement, 'eth_call', [
      { from: outsider, to: devnet.contracts.settlement, data: commit },
    ]);
    expect((asOutsider.error as { data?: Hex } | undefined)?.data).toMatch(
      new RegExp(`^${toFunctionSelector('NotOperator(uint256,address)')}`),
    );
    // Unsigned sends as the operator or the deployer, or impersonating them, are refused at the endpoint.
    const deployer = devnet.devnetSenders.find((s) => s.label === 'settlement deployer')?.address;
    for (const from of [operator, deployer]) {
      const unsigned = await rpc(settlement, 'eth_sendTransaction', [{ from, to: devnet.contracts.settlement }]);
      expect(unsigned.error?.code).toBe(-32003);
      expect((await rpc(settlement, 'anvil_impersonateAccount', [from])).error?.code).toBe(-32003);
    }
  });

  it('pages from other sites are refused (403); local pages such as the explorer are allowed', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] });
    const evil = await post(l2, body, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.json.error.message).toMatch(/origin https:\/\/evil\.example is not allowed/);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const explorer = await post(l2, body, { origin: 'http://127.0.0.1:5100' });
    expect(explorer.status).toBe(200);
    expect(explorer.json.result).toBe('0x10f');
    expect(explorer.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5100');
    const preflight = await fetch(l2, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    // No Origin header: not a browser page, served as before.
    expect((await post(l2, body)).status).toBe(200);
  });

  it('bounds batches (1,000 requests) and bodies (8 MiB, HTTP 413)', async () => {
    const item = (id: number) => ({ jsonrpc: '2.0', id, method: 'eth_chainId', params: [] });
    const tooMany = await post(l2, JSON.stringify(Array.from({ length: 1001 }, (_, i) => item(i))));
    expect(tooMany.json.error.code).toBe(-32600);
    expect(tooMany.json.error.message).toMatch(/1001 requests is more than 1000/);
    const full = await post(l2, JSON.stringify(Array.from({ length: 1000 }, (_, i) => item(i))));
    expect(full.json).toHaveLength(1000);
    expect(full.json.every((r: { id: number; result: string }, i: number) => r.id === i && r.result === '0x10f')).toBe(
      true,
    );
    const huge = await post(l2, JSON.stringify({ ...item(1), params: ['x'.repeat(9 * 1024 * 1024)] }));
    expect(huge.status).toBe(413);
  });
});

describe('interop node in front of chains it does not control', () => {
  let net: TestNetwork;
  let proxy: Server;
  let node: Awaited<ReturnType<typeof startNode>>;
  let url: string;
  // A counting HTTP proxy in front of the L2's anvil: how many upstream requests carry a given method, and how
  // many of them were in flight at once.
  const counts = { requests: 0, inFlight: 0, maxInFlight: 0 };
  const counted = 'eth_getBalance';

  beforeAll(async () => {
    net = await startTestNetwork({ l2Count: 1 });
    const upstream = net.l2s[0].rpcUrl;
    proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks).toString();
      const mine = body.includes(counted);
      if (mine) {
        counts.requests++;
        counts.maxInFlight = Math.max(counts.maxInFlight, ++counts.inFlight);
      }
      try {
        const r = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        res.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text());
      } finally {
        if (mine) counts.inFlight--;
      }
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const config = net.nodeConfig({ passThroughMethods: undefined });
    config.chains[0].rpcUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    node = await startNode(config);
    url = node.chains[0].rpcUrl;
  }, 60_000);
  afterAll(async () => {
    await node?.stop();
    await new Promise((r) => proxy?.close(r));
    await net?.stop();
  });

  it('passes only the standard eth_/net_/web3_ methods upstream by default', async () => {
    for (const method of ['anvil_setBalance', 'evm_snapshot', 'interop_snapshot', 'debug_traceTransaction']) {
      const res = await rpc(url, method, []);
      expect(res.error?.code, method).toBe(-32601);
      expect(res.error?.message).toMatch(/not available on this endpoint/);
    }
    // eth_sendTransaction would send from the chain's unlocked accounts: not a public method.
    expect((await rpc(url, 'eth_sendTransaction', [{ from: SYSTEM_CALLER_ADDRESS }])).error?.code).toBe(-32601);
    expect((await rpc(url, 'eth_chainId')).result).toBe('0x10f');
    expect((await rpc(url, 'interop_getMessageStatus', [ZERO_HASH])).result).toBeNull();
  });

  it('impersonates the system caller only for its own import transactions', async () => {
    // Roots get imported (the settlement layer has blocks), and 0x…8001 is not left impersonated on the chain.
    await waitFor(async () => (await rootAt(url, 2n)) !== ZERO_HASH, 'a root imported by the node');
    const direct = await rpc(net.l2s[0].rpcUrl, 'eth_sendTransaction', [
      { from: SYSTEM_CALLER_ADDRESS, to: INTEROP_CENTER_ADDRESS, data: addRootData(1_000_000n) },
    ]);
    expect(direct.error).toBeDefined();
    expect(await rootAt(url, 1_000_000n)).toBe(ZERO_HASH);
  });

  it('forwards a batch of 1,000 calls as a few upstream batches, a few at a time; other clients are served', async () => {
    counts.requests = 0;
    counts.maxInFlight = 0;
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      jsonrpc: '2.0',
      id: i,
      method: counted,
      params: [`0x${(i + 1).toString(16).padStart(40, '0')}`, 'latest'],
    }));
    const big = post(url, JSON.stringify(batch));
    const other = rpc(url, 'eth_blockNumber');
    const [res, single] = await Promise.all([big, other]);
    expect(res.json).toHaveLength(1000);
    expect(res.json.every((r: { id: number; result: string }, i: number) => r.id === i && r.result === '0x0')).toBe(
      true,
    );
    expect(single.result).toMatch(/^0x[0-9a-f]+$/);
    // 1,000 calls in upstream batches of at most 100: about 10 requests (not 1,000), at most 4 in flight.
    expect(counts.requests).toBeLessThanOrEqual(20);
    expect(counts.maxInFlight).toBeLessThanOrEqual(4);
  });
});
