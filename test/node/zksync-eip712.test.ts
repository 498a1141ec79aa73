import {
  decodeEip712Transaction,
  getEip712SignedDigest,
  getEip712TransactionHash,
  hashBytecode,
  isZkSyncTransaction,
  MemoryTxHashAliases,
  rewriteRequestParams,
  rewriteResponse,
  verifyEip712Signature,
  ZkSyncCompatError,
} from '@interop/node/zksync';
import { ethers } from 'ethers';
import { type Hex, keccak256, toRlp } from 'viem';
import { describe, expect, it } from 'vitest';
import { EIP712Signer, types, utils } from 'zksync-ethers';

// anvil's first two default keys
const KEY_A = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const KEY_B = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const A = new ethers.Wallet(KEY_A).address;
const CHAIN = 271n;

type Tx = {
  to?: string;
  from?: string;
  nonce?: number;
  value?: bigint;
  data?: string;
  chainId?: bigint;
  customData?: Record<string, unknown>;
};

function fill(tx: Tx) {
  return {
    type: 113,
    from: A,
    to: '0x0000000000000000000000000000000000008008',
    nonce: 7,
    gasLimit: 300_000n,
    maxFeePerGas: 2_000_000_000n,
    maxPriorityFeePerGas: 2_000_000_000n,
    value: 5n,
    data: '0x62f84b24',
    chainId: CHAIN,
    ...tx,
    customData: { gasPerPubdata: 50_000n, ...(tx.customData ?? {}) },
  };
}

/** Signs like zksync-ethers' Wallet does (EIP712Signer → customSignature) and serializes with its own code. */
async function signed(
  tx: Tx,
  key = KEY_A,
): Promise<{ raw: Hex; filled: ReturnType<typeof fill> & { customData: { customSignature: string } } }> {
  const filled = fill(tx);
  const signer = new EIP712Signer(new ethers.Wallet(key) as never, Number(filled.chainId));
  const customSignature = await signer.sign(filled as never);
  const withSig = { ...filled, customData: { ...filled.customData, customSignature } };
  return { raw: utils.serializeEip712(withSig as never) as Hex, filled: withSig };
}

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<ZkSyncCompatError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(ZkSyncCompatError);
    return err as ZkSyncCompatError;
  }
  throw new Error('expected a ZkSyncCompatError');
}

describe('ZKsync EIP-712 transactions', () => {
  it('decodes a zksync-ethers-signed transaction field by field', async () => {
    const { raw, filled } = await signed({});
    expect(isZkSyncTransaction(raw)).toBe(true);
    expect(isZkSyncTransaction('0x02f8')).toBe(false);
    const tx = decodeEip712Transaction(raw);
    expect(tx).toMatchObject({
      nonce: 7n,
      maxPriorityFeePerGas: 2_000_000_000n,
      maxFeePerGas: 2_000_000_000n,
      gasLimit: 300_000n,
      to: '0x0000000000000000000000000000000000008008',
      value: 5n,
      data: '0x62f84b24',
      chainId: CHAIN,
      from: A,
      gasPerPubdata: 50_000n,
      factoryDeps: [],
      customSignature: (filled.customData.customSignature as string).toLowerCase(),
      paymasterParams: null,
    });
  });

  it('computes the digest and the transaction hash zksync-ethers computes', async () => {
    for (const extra of [{}, { nonce: 0, value: 0n, data: '0x' }, { to: ethers.Wallet.createRandom().address }]) {
      const { raw, filled } = await signed(extra);
      const tx = decodeEip712Transaction(raw);
      expect(getEip712SignedDigest(tx)).toBe(EIP712Signer.getSignedDigest(filled as never));
      const theirs = types.Transaction.from(raw).hash;
      expect(getEip712TransactionHash(tx)).toBe(theirs);
      expect(getEip712TransactionHash(tx)).toBe(utils.parseEip712(raw).hash);
    }
  });

  it('recovers the signer and accepts the signature', async () => {
    const { raw } = await signed({});
    const { signer } = await verifyEip712Signature(decodeEip712Transaction(raw));
    expect(signer).toBe(A);
  });

  it('refuses a tampered transaction and a signature by someone else', async () => {
    const { filled } = await signed({});
    const tampered = utils.serializeEip712({ ...filled, value: 6n } as never) as Hex;
    const e1 = await refusal(verifyEip712Signature(decodeEip712Transaction(tampered)));
    expect(e1.code).toBe(-32602);
    expect(e1.shortMessage).toBe('Invalid ZKsync transaction signature');

    // signed by B while claiming to be from A
    const { raw: impostor } = await signed({}, KEY_B);
    const e2 = await refusal(verifyEip712Signature(decodeEip712Transaction(impostor)));
    expect(e2.details).toContain(`from is ${A}`);
  });

  it('accepts the signature in the v/r/s fields too', async () => {
    const filled = fill({});
    const sig = ethers.Signature.from(
      await new EIP712Signer(new ethers.Wallet(KEY_A) as never, 271).sign(filled as never),
    );
    const raw = utils.serializeEip712(filled as never, sig) as Hex;
    const tx = decodeEip712Transaction(raw);
    expect(tx.customSignature).toBe('0x');
    expect((await verifyEip712Signature(tx)).signer).toBe(A);
    expect(getEip712TransactionHash(tx)).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('refuses malformed encodings with -32602 naming the problem', async () => {
    const { raw } = await signed({});
    const cases: [Hex, RegExp][] = [
      ['0x71', /invalid RLP|Malformed/],
      ['0x71c0', /Malformed/],
      [`0x71${toRlp(Array(15).fill('0x')).slice(2)}` as Hex, /Malformed/],
      [`0x02${raw.slice(4)}` as Hex, /Not a ZKsync/],
    ];
    for (const [bytes, message] of cases) {
      const e = await refusal(() => decodeEip712Transaction(bytes));
      expect(e.code).toBe(-32602);
      expect(e.message).toMatch(message);
    }
    // nonce with a leading zero byte: a second encoding of the same value
    const fields = Array(16).fill('0x') as (Hex | Hex[])[];
    fields[0] = '0x0007';
    fields[11] = A.toLowerCase() as Hex;
    fields[13] = [];
    fields[15] = [];
    const e = await refusal(() => decodeEip712Transaction(`0x71${toRlp(fields).slice(2)}` as Hex));
    expect(e.message).toContain('invalid nonce');
  });

  it('hashes factory-dep bytecode like zksync-ethers', () => {
    const bytecode = `0x${'ab'.repeat(32 * 3)}` as Hex;
    expect(hashBytecode(bytecode)).toBe(ethers.hexlify(utils.hashBytecode(bytecode)));
    expect(() => hashBytecode(`0x${'ab'.repeat(64)}`)).toThrow(ZkSyncCompatError);
  });

  it('decodes paymaster params and factory deps and signs over them', async () => {
    const dep = `0x${'00'.repeat(32)}` as Hex;
    const { raw } = await signed({
      customData: {
        factoryDeps: [dep],
        paymasterParams: { paymaster: '0x000000000000000000000000000000000000beef', paymasterInput: '0x1234' },
      },
    });
    const tx = decodeEip712Transaction(raw);
    expect(tx.factoryDeps).toEqual([dep]);
    expect(tx.paymasterParams).toEqual({
      paymaster: '0x000000000000000000000000000000000000bEEF',
      paymasterInput: '0x1234',
    });
    expect((await verifyEip712Signature(tx)).signer).toBe(A);
    expect(getEip712TransactionHash(tx)).toBe(types.Transaction.from(raw).hash);
  });
});

describe('ZKsync hash aliases', () => {
  const zk = keccak256('0x01');
  const anvil = keccak256('0x02');
  const other = keccak256('0x03');
  const aliases = new MemoryTxHashAliases();
  aliases.put(zk, anvil);

  it('maps a ZKsync hash to the node hash in requests, case-insensitively, and leaves others alone', () => {
    expect(rewriteRequestParams('eth_getTransactionReceipt', [zk.toUpperCase().replace('0X', '0x')], aliases)).toEqual([
      anvil,
    ]);
    expect(rewriteRequestParams('zks_getL2ToL1LogProof', [zk, 0, 'proof_based_gw'], aliases)).toEqual([
      anvil,
      0,
      'proof_based_gw',
    ]);
    expect(rewriteRequestParams('eth_getTransactionByHash', [other], aliases)).toEqual([other]);
    expect(rewriteRequestParams('eth_getBalance', [zk, 'latest'], aliases)).toEqual([zk, 'latest']);
  });

  it('strips ZKsync-only call fields', () => {
    const req = { from: '0x01', to: '0x02', type: '0x71', eip712Meta: { gasPerPubdata: '0xc350' }, data: '0x' };
    expect(rewriteRequestParams('eth_estimateGas', [req, 'latest'], aliases)).toEqual([
      { from: '0x01', to: '0x02', data: '0x' },
      'latest',
    ]);
    expect(req.type).toBe('0x71'); // input not mutated
    expect(rewriteRequestParams('eth_call', [{ type: '0x2', to: '0x02' }], aliases)).toEqual([
      { type: '0x2', to: '0x02' },
    ]);
  });

  it('maps node hashes back to ZKsync hashes in receipts, transactions, logs and blocks', () => {
    const log = { transactionHash: anvil, logIndex: '0x0' };
    const receipt = rewriteResponse(
      'eth_getTransactionReceipt',
      { transactionHash: anvil, type: '0x2', logs: [log], l2ToL1Logs: [{ transactionHash: anvil }] },
      aliases,
    );
    expect(receipt).toEqual({
      transactionHash: zk,
      type: '0x71',
      logs: [{ transactionHash: zk, logIndex: '0x0', transactionLogIndex: '0x0', l1BatchNumber: null, logType: null }],
      l2ToL1Logs: [{ transactionHash: zk }],
    });
    // Receipts of ordinary transactions keep their hash but get ZKsync's per-log fields too.
    const plain = rewriteResponse(
      'eth_getTransactionReceipt',
      { transactionHash: other, l1BatchNumber: '0x3', logs: [{ logIndex: '0x4' }, { logIndex: '0x5' }] },
      aliases,
    ) as { transactionHash: Hex; logs: unknown[] };
    expect(plain.transactionHash).toBe(other);
    expect(plain.logs).toEqual([
      { logIndex: '0x4', transactionLogIndex: '0x0', l1BatchNumber: '0x3', logType: null },
      { logIndex: '0x5', transactionLogIndex: '0x1', l1BatchNumber: '0x3', logType: null },
    ]);
    expect(rewriteResponse('eth_getTransactionByHash', { hash: anvil, type: '0x2' }, aliases)).toEqual({
      hash: zk,
      type: '0x71',
    });
    expect(rewriteResponse('eth_getLogs', [log, { transactionHash: other }], aliases)).toEqual([
      { transactionHash: zk, logIndex: '0x0' },
      { transactionHash: other },
    ]);
    expect(rewriteResponse('eth_getBlockByNumber', { transactions: [anvil, other] }, aliases)).toEqual({
      transactions: [zk, other],
    });
    expect(rewriteResponse('eth_getBlockByHash', { transactions: [{ hash: anvil }] }, aliases)).toEqual({
      transactions: [{ hash: zk, type: '0x71' }],
    });
    expect(rewriteResponse('interop_getMessageStatus', { txHash: anvil, status: 'sealed' }, aliases)).toEqual({
      txHash: zk,
      status: 'sealed',
    });
    expect(rewriteResponse('eth_getTransactionReceipt', null, aliases)).toBeNull();
  });
});
