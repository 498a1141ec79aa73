// Shared setup of the contract tests: one anvil per test file, a viem client with test, public and wallet
// actions, and helpers to read custom-error names from reverts.

import { type AnvilInstance, startAnvil } from '@interop/devnet';
import {
  type Address,
  BaseError,
  type Client,
  ContractFunctionRevertedError,
  createTestClient,
  type Hex,
  type HttpTransport,
  http,
  type PublicActions,
  publicActions,
  type TestActions,
  type TestRpcSchema,
  type WalletActions,
  walletActions,
} from 'viem';

/** A viem client with anvil's test actions, public actions and wallet actions (unlocked accounts). */
export type ChainClient = Client<
  HttpTransport,
  undefined,
  undefined,
  TestRpcSchema<'anvil'>,
  TestActions & PublicActions<HttpTransport, undefined> & WalletActions<undefined, undefined>
>;

/** One anvil and a client on it. */
export type TestChain = { anvil: AnvilInstance; client: ChainClient; accounts: Address[]; stop(): Promise<void> };

/** Starts anvil for `chainId` on a free port and a client on it. */
export async function startTestChain(chainId: number, args: string[] = []): Promise<TestChain> {
  const anvil: AnvilInstance = await startAnvil({ chainId, args });
  const client: ChainClient = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl), pollingInterval: 25 })
    .extend(publicActions)
    .extend(walletActions);
  const accounts: Address[] = await client.getAddresses();
  return { anvil, client, accounts, stop: () => anvil.stop() };
}

/** The custom error a call reverted with, or 'no-revert'. */
export async function revertName(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no-revert';
  } catch (err) {
    if (err instanceof BaseError) {
      const revert = err.walk((e) => e instanceof ContractFunctionRevertedError);
      if (revert instanceof ContractFunctionRevertedError)
        return revert.data?.errorName ?? revert.signature ?? 'unknown-revert';
    }
    throw err;
  }
}

/** Deterministic PRNG (mulberry32) so a failing random case can be replayed from its seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number): Hex =>
    `0x${Array.from({ length: n }, () => int(256).toString(16).padStart(2, '0')).join('')}` as Hex;
  return { next, int, bytes, word: () => bytes(32) };
}

/** Solidity proof errors → core InvalidProofError reasons. */
export const PROOF_ERROR_REASONS: Record<string, string> = {
  ProofEmpty: 'empty',
  UnsupportedProofVersion: 'unknown-version',
  ProofLengthPastEnd: 'length-past-end',
  ProofWordsLeftOver: 'words-left-over',
  ProofMaskOutOfRange: 'mask-out-of-range',
  DefaultLeafNotAllowed: 'default-leaf',
  FinalNodeWithBatchProof: 'final-with-batch-proof',
  ProofPathTooLong: 'path-too-long',
  InvalidFinalFlag: 'invalid-final-flag',
  MissingProofMetadata: 'missing-metadata',
};
