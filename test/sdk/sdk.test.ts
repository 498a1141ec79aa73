// The SDK against a real devnet (settlement layer 9, L2s 271 and 272): send, track, prove, verify, wait, and the
// settlement-layer-only rebuild compared with the node's proofs over many messages and batches.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getFreePort } from '@interop/devnet';
import {
  AccountNotFundedError,
  buildInteropProofFromSettlementLayer,
  getInteropMessageStatus,
  getInteropProof,
  getInteropRoot,
  type InteropStage,
  InvalidInputError,
  InvalidNodeResponseError,
  InvalidProofError,
  MessageEventMissingError,
  MessageNotFoundError,
  RpcUnreachableError,
  SettlementDataError,
  sendInteropMessage,
  VerificationFailedError,
  verifyInteropMessage,
  verifyInteropMessageOffchain,
  WaitTimeoutError,
  WrongChainError,
  waitForInteropMessage,
} from '@interop/sdk';
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  encodeAbiParameters,
  type Hex,
  http,
  keccak256,
  type PublicClient,
  stringToHex,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';

let devnet: TestDevnet;
let a: PublicClient; // chain 271
let b: PublicClient; // chain 272
let sl: PublicClient;
const client = (url: string) => createPublicClient({ transport: http(url), pollingInterval: 50 });
// Account 4: the CLI tests and the example use others, so nonces never race across files.
const wallet = (url: string, key = devnet.accounts[4].privateKey) =>
  createWalletClient({ account: privateKeyToAccount(key), transport: http(url), pollingInterval: 50 });

beforeAll(async () => {
  devnet = await startTestDevnet();
  a = client(devnet.l2s[0].rpcUrl);
  b = client(devnet.l2s[1].rpcUrl);
  sl = client(devnet.l1.rpcUrl);
});
afterAll(async () => {
  await devnet?.stop();
});

describe('send → wait → verify', () => {
  let interopHash: Hex;
  let proof: Awaited<ReturnType<typeof getInteropProof>>;

  it('sends a message and returns the full InteropMessage', async () => {
    const sent = await sendInteropMessage(wallet(devnet.l2s[0].rpcUrl), { data: stringToHex('hello 272') });
    interopHash = sent.interopHash;
    expect(sent.message.sourceChainId).toBe(271n);
    expect(sent.message.sender).toBe(devnet.accounts[4].address);
    expect(sent.message.data).toBe(stringToHex('hello 272'));
    expect(sent.message.messageNum).toBeGreaterThan(0n);
    const status = await getInteropMessageStatus(a, { interopHash });
    expect(status.chainId).toBe(271n);
    expect(status.txHash).toBe(sent.txHash);
  });

  it('waits through every stage until the message verifies on the other chain', async () => {
    const stages: InteropStage[] = [];
    const result = await waitForInteropMessage(a, {
      interopHash,
      destination: b,
      onProgress: ({ stage }) => stages.push(stage),
      timeout: 30_000,
    });
    expect(stages).toEqual(['sent', 'sealed', 'executed', 'imported', 'verified']);
    expect(result.destinationChainId).toBe(272n);
    proof = result.proof;
    expect(proof.chainId).toBe(271n);
    expect(proof.settlementLayer.chainId).toBe(9n);
    expect(await getInteropRoot(b, proof.settlementLayer)).toBe(proof.root);
  });

  it('verifies on both L2s and on the settlement layer, on-chain and off-chain', async () => {
    await waitForInteropMessage(a, { interopHash, destination: a, timeout: 30_000 });
    expect(await verifyInteropMessage(b, { interopHash, proof })).toBe(true);
    expect(await verifyInteropMessage(a, { interopHash, proof })).toBe(true);
    expect(await verifyInteropMessage(sl, { interopHash, proof, address: devnet.contracts.settlement })).toBe(true);
    const off = await verifyInteropMessageOffchain(b, { interopHash, proof });
    expect(off).toMatchObject({ verified: true, computedRoot: proof.root, importedRoot: proof.root });
    expect((await getInteropMessageStatus(a, { interopHash })).status).toBe('imported');
  });

  it('verifies by message as well as by hash', async () => {
    const sent = await sendInteropMessage(wallet(devnet.l2s[1].rpcUrl), { data: '0xc0ffee' });
    const { proof: p } = await waitForInteropMessage(b, {
      interopHash: sent.interopHash,
      destination: a,
      timeout: 30_000,
    });
    expect(await verifyInteropMessage(a, { message: sent.message, proof: p })).toBe(true);
    expect(await verifyInteropMessage(a, { message: { ...sent.message, data: '0xc0ffef' }, proof: p })).toBe(false);
  });

  it('refuses a wrong hash, a wrong index and a tampered proof', async () => {
    expect(await verifyInteropMessage(b, { interopHash: keccak256(interopHash), proof })).toBe(false);
    expect(
      await verifyInteropMessage(b, { interopHash, proof: { ...proof, l2MessageIndex: proof.l2MessageIndex + 1n } }),
    ).toBe(false);
    const words = [...proof.proof];
    words[1] = keccak256(words[1]);
    const tampered = { ...proof, proof: words };
    expect(await verifyInteropMessage(b, { interopHash, proof: tampered })).toBe(false);
    expect((await verifyInteropMessageOffchain(b, { interopHash, proof: tampered })).verified).toBe(false);
    // Malformed (metadata claims more words than there are): the contract reverts → false; off-chain it throws.
    const short = { ...proof, proof: proof.proof.slice(0, 3) };
    expect(await verifyInteropMessage(b, { interopHash, proof: short })).toBe(false);
    await expect(verifyInteropMessageOffchain(b, { interopHash, proof: short })).rejects.toBeInstanceOf(
      InvalidProofError,
    );
  });
});

describe('settlement-layer-only proofs', () => {
  it('equal the node proofs and verify, for many messages across many batches on both chains', async () => {
    const sent: { interopHash: Hex; source: PublicClient; destination: PublicClient; chainId: bigint }[] = [];
    const wa = wallet(devnet.l2s[0].rpcUrl, devnet.accounts[5].privateKey);
    const wb = wallet(devnet.l2s[1].rpcUrl, devnet.accounts[5].privateKey);
    for (let i = 0; i < 12; i++) {
      // Several in flight at once (same batch) and pauses in between (new batches).
      const round = await Promise.all([
        sendInteropMessage(wa, { data: stringToHex(`a${i}`) }),
        i % 3 === 0 ? sendInteropMessage(wb, { data: stringToHex(`b${i}`) }) : undefined,
      ]);
      sent.push({ interopHash: round[0].interopHash, source: a, destination: b, chainId: 271n });
      if (round[1]) sent.push({ interopHash: round[1].interopHash, source: b, destination: a, chainId: 272n });
      if (i % 4 === 3) await new Promise((r) => setTimeout(r, 150));
    }
    const batches = new Set<string>();
    for (const m of sent) {
      const { proof } = await waitForInteropMessage(m.source, {
        interopHash: m.interopHash,
        destination: m.destination,
        timeout: 30_000,
      });
      const rebuilt = await buildInteropProofFromSettlementLayer({
        settlementClient: sl,
        settlement: devnet.contracts.settlement,
        sourceChainId: m.chainId,
        interopHash: m.interopHash,
      });
      const { interopHash: h, txHash: _t, ...rebuiltProof } = rebuilt;
      expect(h).toBe(m.interopHash);
      expect(rebuiltProof).toEqual(proof);
      expect(await verifyInteropMessage(m.destination, { interopHash: m.interopHash, proof: rebuiltProof })).toBe(true);
      batches.add(`${m.chainId}/${proof.l1BatchNumber}`);
    }
    expect(batches.size).toBeGreaterThan(3);
  });

  it('finds a message by its transaction hash too', async () => {
    const sent = await sendInteropMessage(wallet(devnet.l2s[0].rpcUrl, devnet.accounts[6].privateKey), {
      data: '0x01',
    });
    const { proof } = await waitForInteropMessage(a, {
      interopHash: sent.interopHash,
      destination: a,
      timeout: 30_000,
    });
    const byTx = await buildInteropProofFromSettlementLayer({
      settlementClient: sl,
      settlement: devnet.contracts.settlement,
      sourceChainId: 271n,
      txHash: sent.txHash,
    });
    expect(byTx.interopHash).toBe(sent.interopHash);
    expect(byTx.txHash).toBe(sent.txHash);
    expect(byTx.proof).toEqual(proof.proof);
  });

  it('says when the settlement client is not the settlement layer', async () => {
    const err = await buildInteropProofFromSettlementLayer({
      settlementClient: a,
      settlement: devnet.contracts.settlement,
      sourceChainId: 271n,
      interopHash: keccak256('0x'),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(SettlementDataError);
  });
});

describe('errors', () => {
  it('an unknown hash is MessageNotFoundError for status and proof', async () => {
    const unknown = keccak256(stringToHex('never sent'));
    await expect(getInteropMessageStatus(a, { interopHash: unknown })).rejects.toBeInstanceOf(MessageNotFoundError);
    await expect(getInteropProof(a, { interopHash: unknown })).rejects.toBeInstanceOf(MessageNotFoundError);
  });

  it('an endpoint that does not answer is RpcUnreachableError', async () => {
    const dead = createPublicClient({ transport: http(`http://127.0.0.1:${await getFreePort()}`, { retryCount: 0 }) });
    const err = await getInteropMessageStatus(dead, { interopHash: keccak256('0x') }).catch((e) => e);
    expect(err).toBeInstanceOf(RpcUnreachableError);
    expect(err.shortMessage).toMatch(/unreachable/);
  });

  it('a wallet configured for another chain is WrongChainError', async () => {
    const chain272 = defineChain({
      id: 272,
      name: 'b',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [devnet.l2s[1].rpcUrl] } },
    });
    const w = createWalletClient({
      account: privateKeyToAccount(devnet.accounts[4].privateKey),
      chain: chain272,
      transport: http(devnet.l2s[0].rpcUrl),
    });
    const err = await sendInteropMessage(w, { data: '0x' }).catch((e) => e);
    expect(err).toBeInstanceOf(WrongChainError);
    expect(err).toMatchObject({ expected: 272n, actual: 271n });
  });

  it('an account without funds is AccountNotFundedError', async () => {
    const err = await sendInteropMessage(wallet(devnet.l2s[0].rpcUrl, generatePrivateKey()), { data: '0x' }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(AccountNotFundedError);
  });

  it('a malformed hash or a missing account is InvalidInputError, before any request', async () => {
    const dead = createPublicClient({ transport: http(`http://127.0.0.1:${await getFreePort()}`, { retryCount: 0 }) });
    const bad = '0x1234' as Hex;
    await expect(getInteropMessageStatus(dead, { interopHash: bad })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(getInteropProof(dead, { interopHash: bad })).rejects.toBeInstanceOf(InvalidInputError);
    const proof = { chainId: 271n, l1BatchNumber: 1n, l2MessageIndex: 0n, txNumberInBatch: 0, proof: [] };
    await expect(verifyInteropMessage(dead, { interopHash: bad, proof })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      buildInteropProofFromSettlementLayer({
        settlementClient: dead,
        settlement: devnet.contracts.settlement,
        sourceChainId: 271n,
        txHash: bad,
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    const noAccount = createWalletClient({ transport: http(devnet.l2s[0].rpcUrl) });
    const err = await sendInteropMessage(noAccount, { data: '0x' }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.shortMessage).toMatch(/no account/);
  });

  it('every action maps an endpoint that does not answer to RpcUnreachableError', async () => {
    const url = `http://127.0.0.1:${await getFreePort()}`;
    const dead = createPublicClient({ transport: http(url, { retryCount: 0 }) });
    const hash = keccak256('0x');
    await expect(getInteropProof(dead, { interopHash: hash })).rejects.toBeInstanceOf(RpcUnreachableError);
    await expect(getInteropRoot(dead, { chainId: 9n, blockNumber: 1n })).rejects.toBeInstanceOf(RpcUnreachableError);
    await expect(sendInteropMessage(wallet(url), { data: '0x' })).rejects.toBeInstanceOf(RpcUnreachableError);
  });

  it('a transaction on a chain without an InteropCenter is MessageEventMissingError', async () => {
    // The settlement layer has no code at 0x…10008: the call succeeds and emits nothing.
    const err = await sendInteropMessage(wallet(devnet.l1.rpcUrl), { data: '0x01' }).catch((e) => e);
    expect(err).toBeInstanceOf(MessageEventMissingError);
    expect(err.txHash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('a node answer of the wrong shape is InvalidNodeResponseError', async () => {
    // Our node never answers like this; a foreign or broken one might.
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const { id, method } = JSON.parse(body) as { id: number; method: string };
        const result = method === 'interop_getMessageStatus' ? { status: 'teleported', chainId: '0x10f' } : null;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const odd = createPublicClient({ transport: http(`http://127.0.0.1:${(server.address() as AddressInfo).port}`) });
      const err = await getInteropMessageStatus(odd, { interopHash: keccak256('0x') }).catch((e) => e);
      expect(err).toBeInstanceOf(InvalidNodeResponseError);
      expect(err.field).toBe('status');
    } finally {
      server.close();
    }
  });

  it('a wait that runs out of time names the stage it stopped at', async () => {
    const never = keccak256(stringToHex('not sent yet'));
    const err = await waitForInteropMessage(a, { interopHash: never, destination: b, timeout: 300 }).catch((e) => e);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(err.stage).toBeUndefined();
    expect(err.waitingFor).toBe('sent');
    expect(err.shortMessage).toMatch(/not seen/);
  });

  it('a destination holding another root for the block: VerificationFailedError; none: root-not-imported', async () => {
    const sent = await sendInteropMessage(wallet(devnet.l2s[0].rpcUrl), { data: stringToHex('tampered root') });
    const { proof } = await waitForInteropMessage(a, {
      interopHash: sent.interopHash,
      destination: b,
      timeout: 60_000,
    });
    // Straight on 272's anvil (the node's endpoint refuses storage edits of InteropCenter): InteropCenter keeps the
    // root of (chainId, block) at keccak256(chainId ‖ block).
    const anvil = devnet.l2s[1].anvilRpcUrl;
    const slot = keccak256(
      encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], [9n, proof.settlementLayer.blockNumber]),
    );
    const setRoot = (root: Hex) =>
      fetch(anvil, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'anvil_setStorageAt',
          params: [devnet.contracts.interopCenter, slot, root],
        }),
      });
    try {
      await setRoot(keccak256(proof.root));
      expect(await getInteropRoot(b, proof.settlementLayer)).toBe(keccak256(proof.root));
      const err = await waitForInteropMessage(a, {
        interopHash: sent.interopHash,
        destination: b,
        timeout: 30_000,
      }).catch((e) => e);
      expect(err).toBeInstanceOf(VerificationFailedError);
      expect(err.shortMessage).toMatch(sent.interopHash);

      await setRoot(`0x${'00'.repeat(32)}`);
      const off = await verifyInteropMessageOffchain(b, { interopHash: sent.interopHash, proof });
      expect(off).toMatchObject({ verified: false, reason: 'root-not-imported' });
    } finally {
      await setRoot(proof.root);
    }
    expect(await verifyInteropMessage(b, { interopHash: sent.interopHash, proof })).toBe(true);
  });
});
