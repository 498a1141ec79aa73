// The L2 system contracts on a real anvil (chain 271), installed the way the devnet installs them:
// send → batch → import root → verify, forged messages, root import rules, the ZKsync known answer, and a
// differential test of the Solidity proof walker against the TypeScript core.

import { InteropCenter, L1Messenger, L2MessageVerification } from '@interop/contracts';
import { installSystemContracts } from '@interop/devnet/deploy';
import {
  buildLogTree,
  decodeInteropMessage,
  encodeInteropMessage,
  encodeProof,
  getChainBatchRoot,
  getInteropHash,
  getLeafChainAggregatedRoot,
  hashL2ToL1Log,
  INTEROP_CENTER_ADDRESS,
  InvalidProofError,
  interopMessageToLog,
  L1_MESSENGER_ADDRESS,
  L2_MESSAGE_VERIFICATION_ADDRESS,
  type L2ToL1Log,
  l2MessageToLog,
  type ProofSegment,
  SYSTEM_CALLER_ADDRESS,
  verifyProof,
} from '@interop/sdk/core';
import { type Address, encodeFunctionData, type Hex, parseEventLogs } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readVector } from '../helpers/vectors.js';
import { PROOF_ERROR_REASONS, revertName, rng, startTestChain, type TestChain } from './helpers.js';

const CHAIN = 271n;
let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain(Number(CHAIN));
  await installSystemContracts({ client: chain.client, impersonateSystemCaller: true });
});
afterAll(async () => {
  await chain?.stop();
});

const center = { address: INTEROP_CENTER_ADDRESS, abi: InteropCenter.abi } as const;
const verifier = { address: L2_MESSAGE_VERIFICATION_ADDRESS, abi: L2MessageVerification.abi } as const;

/** L2MessageVerification's ZKsync-style inclusion checks of a log, an L2 message or a leaf, on the test chain. */
const proveShared = {
  log: (c: bigint, b: bigint, i: bigint, log: L2ToL1Log, proof: readonly Hex[]) =>
    chain.client.readContract({ ...verifier, functionName: 'proveL2LogInclusionShared', args: [c, b, i, log, proof] }),
  message: (
    c: bigint,
    b: bigint,
    i: bigint,
    msg: { txNumberInBatch: number; sender: Address; data: Hex },
    proof: readonly Hex[],
  ) =>
    chain.client.readContract({
      ...verifier,
      functionName: 'proveL2MessageInclusionShared',
      args: [c, b, i, msg, proof],
    }),
  leaf: (c: bigint, b: bigint, i: bigint, leaf: Hex, proof: readonly Hex[]) =>
    chain.client.readContract({
      ...verifier,
      functionName: 'proveL2LeafInclusionShared',
      args: [c, b, i, leaf, proof],
    }),
};

async function send(from: Address, data: Hex) {
  const hash = await chain.client.writeContract({
    ...center,
    functionName: 'sendInteropMessage',
    args: [data],
    account: from,
    chain: null,
  });
  const receipt = await chain.client.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
  return receipt;
}

async function importRoot(chainId: bigint, number: bigint, root: Hex) {
  const hash = await chain.client.writeContract({
    ...center,
    functionName: 'addInteropRoot',
    args: [chainId, number, [root]],
    account: SYSTEM_CALLER_ADDRESS,
    chain: null,
  });
  expect((await chain.client.waitForTransactionReceipt({ hash })).status).toBe('success');
}

/** A batch of `logs` committed as `batch`: its root imported, single-level proofs for any index. */
async function settleLocally(batch: bigint, logs: L2ToL1Log[]) {
  const tree = buildLogTree(logs.map(hashL2ToL1Log));
  const aggregated = getLeafChainAggregatedRoot(CHAIN);
  await importRoot(CHAIN, batch, getChainBatchRoot(tree.root, aggregated));
  return (index: number) => encodeProof([{ path: [...tree.path(index), aggregated], final: true }]);
}

function fillerLogs(r: ReturnType<typeof rng>, n: number): L2ToL1Log[] {
  return Array.from({ length: n }, (_, i) =>
    l2MessageToLog({ txNumberInBatch: i, sender: r.bytes(20), data: r.bytes(r.int(64)) }),
  );
}

describe('InteropCenter send and verify', () => {
  it('sends, numbers from 1, logs through L1Messenger and verifies with a single-level proof', async () => {
    const [alice] = chain.accounts;
    const data: Hex = '0xdeadbeef';
    const receipt = await send(alice, data);
    const [sent] = parseEventLogs({ abi: InteropCenter.abi, logs: receipt.logs, eventName: 'InteropMessageSent' });
    const [l1] = parseEventLogs({ abi: L1Messenger.abi, logs: receipt.logs, eventName: 'L1MessageSent' });
    const message = { data, sender: alice, sourceChainId: CHAIN, messageNum: 1n };
    const interopHash = getInteropHash(message);
    expect(sent.args).toMatchObject({ interopHash, messageNum: 1n, data });
    expect(sent.args.sender.toLowerCase()).toBe(alice.toLowerCase());
    expect(l1.args._sender.toLowerCase()).toBe(INTEROP_CENTER_ADDRESS);
    expect(l1.args._hash).toBe(interopHash);
    expect(decodeInteropMessage(l1.args._message).messageNum).toBe(1n);
    expect(await chain.client.readContract({ ...center, functionName: 'messageNum' })).toBe(1n);

    const r = rng(1);
    const logs = fillerLogs(r, 5);
    const index = 3;
    const tx = 7;
    logs[index] = interopMessageToLog({ interopHash, txNumberInBatch: tx });
    const proofAt = await settleLocally(11n, logs);
    const proof = {
      chainId: CHAIN,
      l1BatchNumber: 11n,
      l2MessageIndex: BigInt(index),
      txNumberInBatch: tx,
      proof: proofAt(index),
    };
    const verify = (h: Hex, p: typeof proof) =>
      chain.client.readContract({ ...center, functionName: 'verifyInteropMessage', args: [h, p] });
    expect(await verify(interopHash, proof)).toBe(true);
    // Through ZKsync's interface the same log is a message of the InteropCenter.
    const msg = { txNumberInBatch: tx, sender: INTEROP_CENTER_ADDRESS, data: encodeInteropMessage(message) };
    expect(await proveShared.message(CHAIN, 11n, BigInt(index), msg, proof.proof)).toBe(true);

    expect(await verify(r.word(), proof)).toBe(false);
    expect(await verify(interopHash, { ...proof, l2MessageIndex: 2n })).toBe(false);
    expect(await verify(interopHash, { ...proof, txNumberInBatch: tx + 1 })).toBe(false);
    expect(await verify(interopHash, { ...proof, l1BatchNumber: 12n })).toBe(false);
    const tampered = [...proof.proof];
    tampered[5] = r.word();
    expect(await verify(interopHash, { ...proof, proof: tampered })).toBe(false);
    expect(await revertName(verify(interopHash, { ...proof, proof: proof.proof.slice(0, -1) }))).toBe(
      'ProofLengthPastEnd',
    );

    // verifyInteropMessage decodes its struct by hand: out-of-range fields and lengths are refused like the ABI decoder.
    const calldata = encodeFunctionData({
      abi: InteropCenter.abi,
      functionName: 'verifyInteropMessage',
      args: [interopHash, proof],
    });
    const word = (i: number) => 2 + 8 + 64 * i; // hex offset of ABI word i after the selector
    const patch = (i: number, value: bigint) =>
      `${calldata.slice(0, word(i))}${value.toString(16).padStart(64, '0')}${calldata.slice(word(i) + 64)}` as Hex;
    const rawCall = (data: Hex) =>
      chain.client.call({ to: INTEROP_CENTER_ADDRESS, data }).then(
        () => 'ok',
        () => 'reverted',
      );
    expect(await rawCall(calldata)).toBe('ok');
    expect(await rawCall(patch(5, 0x10000n))).toBe('reverted'); // txNumberInBatch past uint16
    expect(await rawCall(patch(7, 17n))).toBe('reverted'); // proof length past the end of calldata
    expect(await rawCall(patch(6, 1n << 40n))).toBe('reverted'); // array offset out of range
  });

  it('interop hashes match the core for random senders and payloads', async () => {
    const r = rng(2);
    const before = await chain.client.readContract({ ...center, functionName: 'messageNum' });
    for (let i = 0; i < 8; i++) {
      const from = chain.accounts[r.int(chain.accounts.length)];
      const data = r.bytes(r.int(300));
      const receipt = await send(from, data);
      const [sent] = parseEventLogs({ abi: InteropCenter.abi, logs: receipt.logs, eventName: 'InteropMessageSent' });
      const messageNum = before + BigInt(i) + 1n;
      expect(sent.args.interopHash).toBe(getInteropHash({ data, sender: from, sourceChainId: CHAIN, messageNum }));
      expect(sent.args.messageNum).toBe(messageNum);
    }
  });

  it('a message forged through L1Messenger never verifies as an interop message, but its raw log does', async () => {
    const [, mallory, victim] = chain.accounts;
    const forged = { data: '0x1234' as Hex, sender: victim, sourceChainId: CHAIN, messageNum: 999n };
    const encoded = encodeInteropMessage(forged);
    const hash = await chain.client.writeContract({
      address: L1_MESSENGER_ADDRESS,
      abi: L1Messenger.abi,
      functionName: 'sendToL1',
      args: [encoded],
      account: mallory,
      chain: null,
    });
    await chain.client.waitForTransactionReceipt({ hash });
    const interopHash = getInteropHash(forged);
    const log = l2MessageToLog({ txNumberInBatch: 0, sender: mallory, data: encoded });
    expect(log.value).toBe(interopHash);
    const proofAt = await settleLocally(21n, [log]);
    const proof = proofAt(0);
    const asInterop = { chainId: CHAIN, l1BatchNumber: 21n, l2MessageIndex: 0n, txNumberInBatch: 0, proof };
    expect(
      await chain.client.readContract({
        ...center,
        functionName: 'verifyInteropMessage',
        args: [interopHash, asInterop],
      }),
    ).toBe(false);
    expect(await proveShared.log(CHAIN, 21n, 0n, log, proof)).toBe(true);
    const msg = { txNumberInBatch: 0, sender: mallory, data: encoded };
    expect(await proveShared.message(CHAIN, 21n, 0n, msg, proof)).toBe(true);
  });
});

describe('InteropCenter root import', () => {
  const add = (from: Address, chainId: bigint, n: bigint, sides: Hex[]) =>
    chain.client.simulateContract({
      ...center,
      functionName: 'addInteropRoot',
      args: [chainId, n, sides],
      account: from,
    });

  it('only the system caller imports; zero refused; never overwritten; same root again is a no-op', async () => {
    const r = rng(3);
    const root = r.word();
    expect(await revertName(add(chain.accounts[0], 9n, 100n, [root]))).toBe('NotSystemCaller');
    expect(await revertName(add(SYSTEM_CALLER_ADDRESS, 9n, 100n, [`0x${'00'.repeat(32)}`]))).toBe('ZeroInteropRoot');
    expect(await revertName(add(SYSTEM_CALLER_ADDRESS, 9n, 100n, []))).toBe('InvalidSidesLength');
    expect(await revertName(add(SYSTEM_CALLER_ADDRESS, 9n, 100n, [root, root]))).toBe('InvalidSidesLength');
    await importRoot(9n, 100n, root);
    expect(await chain.client.readContract({ ...center, functionName: 'interopRoots', args: [9n, 100n] })).toBe(root);
    expect(await revertName(add(SYSTEM_CALLER_ADDRESS, 9n, 100n, [r.word()]))).toBe('InteropRootAlreadySet');
    expect(await revertName(add(SYSTEM_CALLER_ADDRESS, 9n, 100n, [root]))).toBe('no-revert');
    const batch = chain.client.simulateContract({
      ...center,
      functionName: 'addInteropRootsInBatch',
      args: [
        [
          { chainId: 9n, blockOrBatchNumber: 101n, sides: [r.word()] },
          { chainId: 9n, blockOrBatchNumber: 100n, sides: [r.word()] },
        ],
      ],
      account: SYSTEM_CALLER_ADDRESS,
    });
    expect(await revertName(batch)).toBe('InteropRootAlreadySet');
    expect(await chain.client.readContract({ ...center, functionName: 'SYSTEM_CALLER' })).toBe(SYSTEM_CALLER_ADDRESS);
  });

  it('emits InteropRootAdded once per new root', async () => {
    const root = rng(4).word();
    const hash = await chain.client.writeContract({
      ...center,
      functionName: 'addInteropRootsInBatch',
      args: [
        [
          { chainId: 9n, blockOrBatchNumber: 200n, sides: [root] },
          { chainId: 9n, blockOrBatchNumber: 200n, sides: [root] },
        ],
      ],
      account: SYSTEM_CALLER_ADDRESS,
      chain: null,
    });
    const receipt = await chain.client.waitForTransactionReceipt({ hash });
    const events = parseEventLogs({ abi: InteropCenter.abi, logs: receipt.logs, eventName: 'InteropRootAdded' });
    expect(events.map((e) => e.args)).toEqual([{ chainId: 9n, blockNumber: 200n, sides: [root] }]);
  });
});

describe('ZKsync known answer', () => {
  const vector = readVector('zksync-v29-single-level.json');

  it('the real v29 single-level proof verifies through 0x…10009 and InteropCenter', async () => {
    const log = vector.log as L2ToL1Log;
    const c = BigInt(vector.sourceChainId);
    const b = BigInt(vector.batchNumber);
    const i = BigInt(vector.l2MessageIndex);
    const proof = vector.proof as Hex[];
    const walk = await chain.client.readContract({
      ...verifier,
      functionName: 'computeProofRoot',
      args: [c, b, i, hashL2ToL1Log(log), proof],
    });
    expect(walk).toEqual([
      BigInt(vector.expected.settlementLayer.chainId),
      BigInt(vector.expected.settlementLayer.blockNumber),
      vector.expected.root,
    ]);
    expect(await proveShared.log(c, b, i, log, proof)).toBe(false);
    await importRoot(c, b, vector.expected.root);
    expect(await proveShared.log(c, b, i, log, proof)).toBe(true);
    expect(await proveShared.leaf(c, b, i, hashL2ToL1Log(log), proof)).toBe(true);
    // The log was sent by 0x…10008 with key 0x…10008: an InteropCenter message whose interopHash is its value.
    const p = { chainId: c, l1BatchNumber: b, l2MessageIndex: i, txNumberInBatch: log.txNumberInBatch, proof };
    expect(
      await chain.client.readContract({ ...center, functionName: 'verifyInteropMessage', args: [log.value, p] }),
    ).toBe(true);
  });
});

describe('proof walker: Solidity vs TypeScript core', () => {
  type Outcome = { ok: [bigint, bigint, Hex] } | { reason: string };

  function randomProof(r: ReturnType<typeof rng>) {
    const levels = 1 + r.int(3);
    const lens = Array.from({ length: levels }, () => r.int(17));
    const mask = (len: number) => BigInt(r.int(2 ** Math.min(len, 30)));
    const segments: ProofSegment[] = [];
    for (let l = 0; l < levels; l++) {
      const path = Array.from({ length: lens[l] }, () => r.word());
      if (l === levels - 1) {
        segments.push({ path, final: true });
      } else {
        const batchLen = r.int(9);
        segments.push({
          path,
          final: false,
          batchLeafIndex: mask(batchLen),
          batchPath: Array.from({ length: batchLen }, () => r.word()),
          settlementBlockNumber: BigInt(r.int(1e9)),
          chainIdLeafIndex: mask(lens[l + 1]),
          settlementChainId: BigInt(1 + r.int(1e6)),
        });
      }
    }
    return { leafIndex: mask(lens[0]), proof: encodeProof(segments) };
  }

  function mutate(r: ReturnType<typeof rng>, proof: Hex[]): Hex[] {
    const out = [...proof];
    const at = r.int(out.length);
    switch (r.int(6)) {
      case 0: {
        const b = 2 + 2 * r.int(32);
        out[at] = `${out[at].slice(0, b)}${r.int(256).toString(16).padStart(2, '0')}${out[at].slice(b + 2)}` as Hex;
        break;
      }
      case 1:
        out[at] = r.word();
        break;
      case 2:
        out.pop();
        break;
      case 3:
        out.push(r.word());
        break;
      case 4: {
        // A metadata byte (version, lengths, flag) of the first word set to a small value.
        const b = 2 + 2 * r.int(4);
        out[0] = `${out[0].slice(0, b)}${r.int(4).toString(16).padStart(2, '0')}${out[0].slice(b + 2)}` as Hex;
        break;
      }
      default:
        out.splice(at, 1);
    }
    return out;
  }

  function coreOutcome(chainId: bigint, batch: bigint, leafIndex: bigint, leaf: Hex, proof: Hex[]): Outcome {
    try {
      const v = verifyProof({ chainId, batchNumber: batch, leafIndex, leaf, proof });
      return { ok: [v.settlementLayer.chainId, v.settlementLayer.blockNumber, v.root] };
    } catch (err) {
      if (err instanceof InvalidProofError) return { reason: err.reason };
      throw err;
    }
  }

  async function solidityOutcome(
    chainId: bigint,
    batch: bigint,
    leafIndex: bigint,
    leaf: Hex,
    proof: Hex[],
  ): Promise<Outcome> {
    try {
      const [c, n, root] = await chain.client.readContract({
        ...verifier,
        functionName: 'computeProofRoot',
        args: [chainId, batch, leafIndex, leaf, proof],
      });
      return { ok: [c, n, root] };
    } catch (err) {
      const name = await revertName(Promise.reject(err));
      return { reason: PROOF_ERROR_REASONS[name] ?? name };
    }
  }

  it('agree on random valid proofs and on every mutation of them (same root or same refusal reason)', async () => {
    const r = rng(5);
    const cases: { chainId: bigint; batch: bigint; leafIndex: bigint; leaf: Hex; proof: Hex[] }[] = [];
    for (let i = 0; i < 60; i++) {
      const { leafIndex, proof } = randomProof(r);
      const base = { chainId: BigInt(1 + r.int(1e6)), batch: BigInt(r.int(1e6)), leafIndex, leaf: r.word() };
      cases.push({ ...base, proof });
      for (let m = 0; m < 4; m++) cases.push({ ...base, proof: mutate(r, proof) });
    }
    cases.push({ chainId: 1n, batch: 1n, leafIndex: 0n, leaf: r.word(), proof: [] });
    cases.push({
      chainId: 1n,
      batch: 1n,
      leafIndex: 0n,
      leaf: '0x72abee45b59e344af8a6e520241c4744aff26ed411f4c4b00f8af09adada43ba',
      proof: [r.word()],
    });
    cases.push({ chainId: 1n, batch: 1n, leafIndex: 4n, leaf: r.word(), proof: [r.word(), r.word()] });
    const outcomes = await Promise.all(
      cases.map((c) => solidityOutcome(c.chainId, c.batch, c.leafIndex, c.leaf, c.proof)),
    );
    const reasons = new Set<string>();
    let valid = 0;
    cases.forEach((c, i) => {
      const expected = coreOutcome(c.chainId, c.batch, c.leafIndex, c.leaf, c.proof);
      expect(outcomes[i], `case ${i}`).toEqual(expected);
      if ('reason' in expected) reasons.add(expected.reason);
      else valid++;
    });
    // The generator must reach both sides and most refusal reasons, or the comparison proves little.
    expect(valid).toBeGreaterThan(60);
    expect(reasons.size).toBeGreaterThanOrEqual(6);
  });

  it('a random multi-level proof verifies through 0x…10009 once its final root is imported', async () => {
    const r = rng(6);
    const { leafIndex, proof } = randomProof(r);
    const leaf = r.word();
    const v = verifyProof({ chainId: CHAIN, batchNumber: 5n, leafIndex, leaf, proof });
    const args = [CHAIN, 5n, leafIndex, leaf, proof] as const;
    expect(await chain.client.readContract({ ...verifier, functionName: 'proveL2LeafInclusionShared', args })).toBe(
      false,
    );
    await importRoot(v.settlementLayer.chainId, v.settlementLayer.blockNumber, v.root);
    expect(await chain.client.readContract({ ...verifier, functionName: 'proveL2LeafInclusionShared', args })).toBe(
      true,
    );
  });
});
