// On-chain, not only in TypeScript: a real proof served by the node verifies through InteropCenter (on another
// L2) and InteropSettlement, and every single-bit and single-word mutation of it — proof words, the message's
// hash, its batch, index, txNumberInBatch and chain — is refused by both: `false`, or a revert with one of the
// contract's own custom errors (never a passing call, never an unrelated failure).

import { InteropCenter, InteropSettlement } from '@interop/contracts';
import { type NodeHandle, startNode } from '@interop/node';
import { INTEROP_CENTER_ADDRESS } from '@interop/sdk/core';
import {
  BaseError,
  ContractFunctionRevertedError,
  type Hex,
  keccak256,
  numberToHex,
  type PublicClient,
  parseEventLogs,
} from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InteropProof, toInteropProof } from '../helpers/proofs.js';
import { clients, KEYS, rpc, startTestNetwork, stopAll, type TestNetwork, waitFor } from './helpers.js';

let net: TestNetwork;
let node: NodeHandle;
let interopHash: Hex;
let proof: InteropProof;
let l2: PublicClient;
let settlement: PublicClient;

beforeAll(async () => {
  net = await startTestNetwork();
  node = await startNode(net.nodeConfig());
  const c = clients(net.l2s[0].rpcUrl, KEYS.user);
  const tx = await c.wallet.writeContract({
    address: INTEROP_CENTER_ADDRESS,
    abi: InteropCenter.abi,
    functionName: 'sendInteropMessage',
    args: ['0x6d75746174696f6e'],
    chain: null,
  });
  const receipt = await c.public.waitForTransactionReceipt({ hash: tx });
  interopHash = parseEventLogs({ abi: InteropCenter.abi, logs: receipt.logs, eventName: 'InteropMessageSent' })[0].args
    .interopHash;
  const served = await waitFor(
    async () => (await rpc(node.chains[0].rpcUrl, 'interop_getMessageProof', [interopHash])).result,
    'the proof',
    60_000,
  );
  proof = toInteropProof(served);
  l2 = clients(net.l2s[1].rpcUrl, KEYS.user).public;
  settlement = clients(net.settlement.rpcUrl, KEYS.user).public;
  // The root must be on chain 272 before the unmutated proof can pass there.
  await waitFor(() => verifyOnL2(interopHash, proof), 'the proof verifies on 272', 60_000);
}, 90_000);

afterAll(() => stopAll(node, net));

const customErrors = (abi: readonly { type: string; name?: string }[]) =>
  new Set(abi.filter((item) => item.type === 'error').map((item) => item.name));
const CENTER_ERRORS = customErrors(InteropCenter.abi);
const SETTLEMENT_ERRORS = customErrors(InteropSettlement.abi);

function verifyOnL2(hash: Hex, p: InteropProof): Promise<boolean> {
  return l2.readContract({
    address: INTEROP_CENTER_ADDRESS,
    abi: InteropCenter.abi,
    functionName: 'verifyInteropMessage',
    args: [hash, p],
  });
}

function verifyOnSettlement(hash: Hex, p: InteropProof): Promise<boolean> {
  return settlement.readContract({
    address: net.settlementAddress,
    abi: InteropSettlement.abi,
    functionName: 'verifyInteropMessage',
    args: [hash, p],
  });
}

/** 'false', the name of the contract's custom error it reverted with, or 'VERIFIED' / an unexpected failure. */
async function outcome(call: Promise<boolean>, errors: Set<string | undefined>): Promise<string> {
  try {
    return (await call) ? 'VERIFIED' : 'false';
  } catch (err) {
    const reverted = err instanceof BaseError ? err.walk((e) => e instanceof ContractFunctionRevertedError) : null;
    const name = reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
    if (name && errors.has(name)) return name;
    throw err; // an RPC failure or an unknown revert is not a refusal the test can trust
  }
}

const flipBit = (word: Hex, bit: number): Hex => numberToHex(BigInt(word) ^ (1n << BigInt(bit)), { size: 32 }) as Hex;

/** Every mutation: a name, the hash and the proof to try. */
function mutations(): [string, Hex, InteropProof][] {
  const out: [string, Hex, InteropProof][] = [];
  proof.proof.forEach((word, i) => {
    const withWord = (w: Hex) => ({ ...proof, proof: proof.proof.map((x, j) => (j === i ? w : x)) });
    for (const bit of [0, 255, (i * 37 + 11) % 256])
      out.push([`word ${i} bit ${bit}`, interopHash, withWord(flipBit(word, bit))]);
    out.push([`word ${i} replaced`, interopHash, withWord(keccak256(word))]);
  });
  for (const bit of [0, 128, 255]) out.push([`interopHash bit ${bit}`, flipBit(interopHash, bit), proof]);
  out.push(['chainId + 1', interopHash, { ...proof, chainId: proof.chainId + 1n }]);
  out.push(['l1BatchNumber + 1', interopHash, { ...proof, l1BatchNumber: proof.l1BatchNumber + 1n }]);
  out.push(['l1BatchNumber bit 0', interopHash, { ...proof, l1BatchNumber: proof.l1BatchNumber ^ 1n }]);
  out.push(['l2MessageIndex bit 0', interopHash, { ...proof, l2MessageIndex: proof.l2MessageIndex ^ 1n }]);
  out.push(['txNumberInBatch bit 0', interopHash, { ...proof, txNumberInBatch: proof.txNumberInBatch ^ 1 }]);
  out.push(['last word dropped', interopHash, { ...proof, proof: proof.proof.slice(0, -1) }]);
  out.push(['word appended', interopHash, { ...proof, proof: [...proof.proof, keccak256('0x01')] }]);
  return out;
}

describe('proof mutations on-chain', () => {
  it('the unmutated proof verifies on InteropCenter (chain 272) and InteropSettlement', async () => {
    expect(proof.proof.length).toBeGreaterThan(15);
    expect(await verifyOnL2(interopHash, proof)).toBe(true);
    expect(await verifyOnSettlement(interopHash, proof)).toBe(true);
  });

  it('every single-bit and single-word mutation is refused by both contracts', async () => {
    const all = mutations();
    expect(all.length).toBeGreaterThan(4 * 15);
    const results: string[] = [];
    for (let i = 0; i < all.length; i += 16) {
      const chunk = all.slice(i, i + 16);
      const rows = await Promise.all(
        chunk.map(async ([name, hash, p]) => {
          const onL2 = await outcome(verifyOnL2(hash, p), CENTER_ERRORS);
          const onSettlement = await outcome(verifyOnSettlement(hash, p), SETTLEMENT_ERRORS);
          return `${name}: ${onL2} / ${onSettlement}`;
        }),
      );
      results.push(...rows);
    }
    expect(results.filter((r) => r.includes('VERIFIED'))).toEqual([]);
    expect(results).toHaveLength(all.length);
  });
});
