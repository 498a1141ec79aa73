// How the devnet benchmarks send messages: one per transaction (InteropCenter.sendInteropMessage from an unlocked
// anvil account, with nonces counted here) or many per transaction through a small burst contract; and waiting
// until a message verifies on another chain.
import { createRequire } from 'node:module';
import { InteropCenter } from '@interop/contracts';
import { getInteropProof, verifyInteropMessage } from '@interop/sdk';
import { type Address, createClient, encodeFunctionData, type Hex, http } from 'viem';
import { rpc, sleep } from './devnet-common.js';

// Explicit nonces: anvil picks the same nonce for concurrent sends (or one JSON-RPC batch) from one
// account and refuses the second as an underpriced replacement.
const nonces = new Map<string, Promise<number>>();
const issued = new Map<string, number>();

/** Next nonce of `from` on the chain at `url` (first call asks the chain, later ones count locally). */
export async function nextNonce(url: string, from: Address): Promise<number> {
  const key = `${url} ${from.toLowerCase()}`;
  if (!nonces.has(key)) nonces.set(key, rpc<Hex>(url, 'eth_getTransactionCount', [from, 'pending']).then(Number));
  const base = await nonces.get(key)!;
  const n = issued.get(key) ?? 0;
  issued.set(key, n + 1);
  return base + n;
}

/** eth_sendTransaction params for InteropCenter.sendInteropMessage from an unlocked anvil account. */
export function sendMessageTx(from: Address, center: Address, data: Hex, nonce?: number) {
  return {
    from,
    to: center,
    ...(nonce === undefined ? {} : { nonce: `0x${nonce.toString(16)}` }),
    // A fixed gas limit skips one eth_estimateGas per message.
    gas: '0x30000',
    data: encodeFunctionData({ abi: InteropCenter.abi, functionName: 'sendInteropMessage', args: [data] }),
  };
}

const BURST_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;
interface IInteropCenter { function sendInteropMessage(bytes calldata data) external returns (bytes32); }
/// Sends n messages in one transaction (benchmark only).
contract MessageBurst {
    function burst(uint256 first, uint256 n) external {
        for (uint256 i = first; i < first + n; ++i) {
            IInteropCenter(0x0000000000000000000000000000000000010008).sendInteropMessage(abi.encode(i));
        }
    }
}`;

const burstAbi = [
  {
    type: 'function',
    name: 'burst',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'first', type: 'uint256' },
      { name: 'n', type: 'uint256' },
    ],
    outputs: [],
  },
] as const;

/** Compiles the MessageBurst contract (sends n messages in one transaction) with the solc npm package. */
export function compileBurst(): Hex {
  const solc = createRequire(import.meta.url)('solc') as { compile(input: string): string };
  const input = {
    language: 'Solidity',
    sources: { 'MessageBurst.sol': { content: BURST_SOURCE } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      outputSelection: { '*': { '*': ['evm.bytecode.object'] } },
    },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  return `0x${out.contracts['MessageBurst.sol'].MessageBurst.evm.bytecode.object}`;
}

/** Deploys the burst contract from `from` on the chain at `url`; resolves to its address. */
export async function deployBurst(url: string, from: Address, bytecode: Hex): Promise<Address> {
  const hash = await rpc<Hex>(url, 'eth_sendTransaction', [
    { from, data: bytecode, nonce: `0x${(await nextNonce(url, from)).toString(16)}` },
  ]);
  for (;;) {
    const receipt = await rpc<{ contractAddress: Address; status: Hex } | null>(url, 'eth_getTransactionReceipt', [
      hash,
    ]);
    if (receipt) {
      if (receipt.status !== '0x1') throw new Error('MessageBurst deployment failed');
      return receipt.contractAddress;
    }
    await sleep(10);
  }
}

/** The eth_sendTransaction call that sends messages first..first+n-1 through a burst contract. */
export function burstCall(from: Address, burst: Address, first: number, n: number, nonce: number): [string, unknown[]] {
  const data = encodeFunctionData({ abi: burstAbi, functionName: 'burst', args: [BigInt(first), BigInt(n)] });
  // ~30k gas per message (hashing, the log, the event) plus the loop.
  const gas = `0x${(60_000 + n * 60_000).toString(16)}`;
  return ['eth_sendTransaction', [{ from, to: burst, data, gas, nonce: `0x${nonce.toString(16)}` }]];
}

/**
 * Waits until the message's proof (once served by `source`) verifies on `other`, i.e. its root is imported there;
 * polls every `pollMs`, gives up after `timeoutMs`.
 */
export async function waitVerifiable(
  source: string,
  other: string,
  interopHash: Hex,
  { timeoutMs, pollMs }: { timeoutMs: number; pollMs: number },
): Promise<void> {
  const sourceClient = createClient({ transport: http(source) });
  const otherClient = createClient({ transport: http(other) });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const proof = await getInteropProof(sourceClient, { interopHash }).catch(() => null);
    if (proof && (await verifyInteropMessage(otherClient, { interopHash, proof }))) return;
    if (Date.now() > deadline) {
      const status = await sourceClient
        .request({ method: 'interop_getMessageStatus' as never, params: [interopHash] as never })
        .catch((err: Error) => err.message);
      throw new Error(
        `${interopHash} not verifiable on ${other} after ${timeoutMs / 1000} s; its status on ${source}: ${JSON.stringify(status)}`,
      );
    }
    await sleep(pollMs);
  }
}
