// ZKsync (0x71) transactions sent with zksync-ethers through the real node endpoint (startNode) in front of anvil:
// executed as their signer, known by their ZKsync hash, refused with a clear error when they cannot be honoured.
import type { AnvilInstance } from '@interop/devnet';
import { type NodeHandle, startNode } from '@interop/node';
import { ethers } from 'ethers';
import { concat, type Hex, keccak256, numberToHex, size, stringToHex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EIP712Signer, Provider, utils, Wallet } from 'zksync-ethers';
import { startTestNetwork, stopAll, type TestNetwork, waitFor } from './helpers.js';

const CHAIN = 271;
const TOPIC = keccak256(stringToHex('Ping()'));
// Runtime: emit LOG1(Ping()) with no data, then stop — so a call produces a log whose hash must be rewritten.
const RUNTIME = concat(['0x7f', TOPIC, '0x60006000a100']);
const INIT = concat([`0x60${numberToHex(size(RUNTIME), { size: 1 }).slice(2)}80600b6000396000f3`, RUNTIME]);

let net: TestNetwork;
let anvil: AnvilInstance;
let node: NodeHandle;
/** The node's endpoint for chain 271. */
let nodeUrl: string;
let provider: Provider;
let wallet: Wallet;
let pinger: string;

async function rpc(url: string, method: string, params: unknown[] = []) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return (await res.json()) as { result?: any; error?: { code: number; message: string; data?: string } };
}

/** A transaction signed the way zksync-ethers' Wallet signs it, built by hand to vary one field. */
async function signedRaw(overrides: Record<string, unknown>, customData: Record<string, unknown> = {}): Promise<Hex> {
  const tx = {
    type: 113,
    from: wallet.address,
    to: pinger,
    nonce: await provider.getTransactionCount(wallet.address),
    gasLimit: 200_000n,
    maxFeePerGas: 10_000_000_000n,
    maxPriorityFeePerGas: 10_000_000_000n,
    value: 0n,
    data: '0x',
    chainId: BigInt(CHAIN),
    ...overrides,
    customData: { gasPerPubdata: 50_000n, ...customData },
  };
  const sig = await new EIP712Signer(new ethers.Wallet(wallet.privateKey) as never, CHAIN).sign(tx as never);
  return utils.serializeEip712({ ...tx, customData: { ...tx.customData, customSignature: sig } } as never) as Hex;
}

beforeAll(async () => {
  net = await startTestNetwork({ l2Count: 1 });
  anvil = net.l2s[0];
  node = await startNode(net.nodeConfig());
  nodeUrl = node.chains[0].rpcUrl;
  provider = new Provider(nodeUrl);
  // A fresh account: anvil's default accounts are unlocked, which would hide a missing impersonation.
  wallet = new Wallet(Wallet.createRandom().privateKey, provider);
  await rpc(anvil.rpcUrl, 'anvil_setBalance', [wallet.address, numberToHex(10n ** 20n)]);
  const [funder] = (await rpc(anvil.rpcUrl, 'eth_accounts')).result as string[];
  const deploy = await rpc(anvil.rpcUrl, 'eth_sendTransaction', [{ from: funder, data: INIT }]);
  if (!deploy.result) throw new Error(`deploying the test contract failed: ${JSON.stringify(deploy.error)}`);
  // Automine answers before the receipt is always queryable: wait for it.
  const receipt = await waitFor(
    async () => (await rpc(anvil.rpcUrl, 'eth_getTransactionReceipt', [deploy.result])).result,
    'the test contract deployment',
  );
  pinger = receipt.contractAddress;
}, 60_000);

afterAll(() => stopAll(node, net));

describe('ZKsync transactions on anvil through the hooks', () => {
  it('executes a zksync-ethers Wallet transaction as its signer and knows it by its ZKsync hash', async () => {
    const nonce = await provider.getTransactionCount(wallet.address);
    const sent = await wallet.sendTransaction({ to: pinger, data: '0x', value: 3n });
    expect(sent.type).toBe(113); // the Wallet sent a 0x71 transaction
    const receipt = await sent.wait();
    expect(receipt.status).toBe(1);
    expect(receipt.hash).toBe(sent.hash);
    expect(receipt.from).toBe(wallet.address);
    expect(receipt.logs.map((l) => [l.topics[0], l.transactionHash])).toEqual([[TOPIC, sent.hash]]);

    // What anvil really executed (the only transaction of that block on anvil itself): from the signer, with the
    // signed nonce, value and gas.
    const anvilBlock = (await rpc(anvil.rpcUrl, 'eth_getBlockByNumber', [numberToHex(receipt.blockNumber), false]))
      .result;
    expect(anvilBlock.transactions).toHaveLength(1);
    const anvilHash = anvilBlock.transactions[0] as Hex;
    expect(anvilHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(anvilHash).not.toBe(sent.hash.toLowerCase());
    const onAnvil = (await rpc(anvil.rpcUrl, 'eth_getTransactionByHash', [anvilHash])).result;
    expect(onAnvil.from).toBe(wallet.address.toLowerCase());
    expect(BigInt(onAnvil.nonce)).toBe(BigInt(nonce));
    expect(BigInt(onAnvil.value)).toBe(3n);
    expect(onAnvil.to).toBe(pinger.toLowerCase());
    expect(BigInt(onAnvil.gas)).toBe(sent.gasLimit);

    // Later lookups by the ZKsync hash
    const tx = await provider.getTransaction(sent.hash);
    expect(tx.hash).toBe(sent.hash);
    expect(tx.from).toBe(wallet.address);
    const block = await provider.getBlock(receipt.blockNumber, true);
    expect(block.transactions).toContain(sent.hash);
    const blockRaw = (await rpc(nodeUrl, 'eth_getBlockByNumber', [numberToHex(receipt.blockNumber), true])).result;
    expect(blockRaw.transactions[0]).toMatchObject({ hash: sent.hash, type: '0x71' });
    const logs = await provider.getLogs({
      address: pinger,
      fromBlock: receipt.blockNumber,
      toBlock: receipt.blockNumber,
    });
    expect(logs.map((l) => l.transactionHash)).toEqual([sent.hash]);
    // The node hash still answers, untouched hashes pass through, unknown hashes give null.
    expect((await rpc(nodeUrl, 'eth_getTransactionReceipt', [keccak256('0xdead')])).result).toBeNull();

    // Impersonation was stopped: anvil refuses an unsigned transaction from the account now.
    const after = await rpc(anvil.rpcUrl, 'eth_sendTransaction', [{ from: wallet.address, to: pinger }]);
    expect(after.error?.message).toMatch(/no signer available|not impersonat/i);
  });

  it('a contract call through zksync-ethers (estimate, fees, gas per pubdata, nonce) goes through', async () => {
    const contract = new ethers.Contract(pinger, ['function ping()'], wallet as never); // ethers' ESM and CJS types differ
    const sent = await contract.getFunction('ping').send();
    const receipt = await (await provider.getTransaction(sent.hash)).wait();
    expect(receipt.status).toBe(1);
    expect(receipt.logs[0]!.transactionHash).toBe(sent.hash);
    expect(BigInt(await provider.getGasPerPubdata())).toBe(50_000n);
    const fee = await provider.estimateFee({ from: wallet.address, to: pinger, data: '0x' });
    expect(fee.gasLimit).toBeGreaterThan(21_000n);
    expect(fee.gasPerPubdataLimit).toBe(50_000n);
    expect(fee.maxFeePerGas).toBeGreaterThan(0n);
  });

  it('refuses what cannot be honoured, with a clear JSON-RPC error and nothing executed', async () => {
    const nonceBefore = await provider.getTransactionCount(wallet.address);
    const good = await signedRaw({});
    const cases: [Hex, number, RegExp][] = [
      [await signedRaw({ nonce: nonceBefore + 5 }), -32000, /Nonce too high/],
      [await signedRaw({ nonce: Math.max(0, nonceBefore - 1) }), -32000, /Nonce too low/],
      [await signedRaw({ chainId: 272n }), -32602, /Wrong chain id/],
      [
        await signedRaw({}, { paymasterParams: { paymaster: pinger, paymasterInput: '0x' } }),
        -32602,
        /Paymasters are not supported/,
      ],
      [await signedRaw({}, { factoryDeps: [`0x${'00'.repeat(32)}`] }), -32602, /Factory dependencies/],
      [`0x71${good.slice(6)}` as Hex, -32602, /Malformed|invalid/],
    ];
    for (const [raw, code, message] of cases) {
      const { error } = await rpc(nodeUrl, 'eth_sendRawTransaction', [raw]);
      expect(error?.code, String(message)).toBe(code);
      expect(error?.message).toMatch(message);
    }
    // The signed content changed after signing
    const decodedGood = utils.parseEip712(good);
    const forged = utils.serializeEip712({ ...decodedGood, value: 99n } as never) as Hex;
    const refused = await rpc(nodeUrl, 'eth_sendRawTransaction', [forged]);
    expect(refused.error).toMatchObject({ code: -32602, message: 'Invalid ZKsync transaction signature' });
    expect(await provider.getTransactionCount(wallet.address)).toBe(nonceBefore);

    // The untouched transaction still goes through afterwards, and a rebroadcast is not executed twice.
    const first = await rpc(nodeUrl, 'eth_sendRawTransaction', [good]);
    const again = await rpc(nodeUrl, 'eth_sendRawTransaction', [good]);
    expect(first.result).toBe(utils.parseEip712(good).hash);
    expect(again.result).toBe(first.result);
    expect(await provider.getTransactionCount(wallet.address)).toBe(nonceBefore + 1);
  });

  it('sends from one account concurrently without losing impersonation or nonces', async () => {
    const base = await provider.getTransactionCount(wallet.address);
    const raws = await Promise.all([0, 1, 2].map((i) => signedRaw({ nonce: base + i })));
    const results = await Promise.all(raws.map((raw) => rpc(nodeUrl, 'eth_sendRawTransaction', [raw])));
    expect(
      results.map((r) => r.error),
      JSON.stringify(results),
    ).toEqual([undefined, undefined, undefined]);
    // Each answer came once anvil accepted the transaction; wait for all three to be mined.
    await waitFor(async () => (await provider.getTransactionCount(wallet.address)) === base + 3, 'three nonces used');
    const receipts = await Promise.all(results.map((r) => provider.getTransactionReceipt(r.result)));
    expect(receipts.map((r) => r?.status)).toEqual([1, 1, 1]);
  });
});
