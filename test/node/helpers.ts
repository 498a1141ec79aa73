// A small network for the node's tests: a settlement anvil, L2 anvils with the system contracts, the settlement
// contract registering every L2 with its operator. The node itself is started by each test (in process or as a
// child process), so crash tests can kill it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteropCenter } from '@interop/contracts';
import { type AnvilInstance, startAnvil } from '@interop/devnet';
import { deploySettlementContracts, installSystemContracts } from '@interop/devnet/deploy';
import type { NodeConfig } from '@interop/node';
import { INTEROP_CENTER_ADDRESS } from '@interop/sdk/core';
import {
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  type PublicClient,
  parseEventLogs,
  type Transport,
  type WalletClient,
} from 'viem';
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { chainConfig, eip712WalletActions } from 'viem/zksync';
import { afterAll } from 'vitest';
import { type RpcAnswer, rpcAnswer } from '../helpers/rpc.js';

/** anvil's default keys: 0 deploys, 1-2 send messages, 8-9 operate the L2s. */
export const KEYS = {
  deployer: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  user: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  user2: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  operators: [
    '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97',
    '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6',
  ],
} as const satisfies Record<string, Hex | readonly Hex[]>;

export type TestNetwork = {
  settlement: AnvilInstance;
  l2s: AnvilInstance[];
  settlementAddress: Address;
  deployBlockNumber: bigint;
  dataDir: string;
  /** A node config for this network (ports 0 = free). */
  nodeConfig(overrides?: Partial<NodeConfig>): NodeConfig;
  stop(): Promise<void>;
};

// Free ports are picked before anvil binds them, so a test file running in parallel may take the same one:
// one retry on a fresh port makes that race harmless.
async function startAnvilRetry(params: Parameters<typeof startAnvil>[0]): Promise<AnvilInstance> {
  try {
    return await startAnvil(params);
  } catch {
    return startAnvil(params);
  }
}

/** Deploys the settlement contract on `rpcUrl`, registering each L2 with its operator key (KEYS.operators[i]). */
export function deployTestSettlement(rpcUrl: string, l2s: readonly { chainId: number }[]) {
  return deploySettlementContracts({
    rpcUrl,
    account: privateKeyToAccount(KEYS.deployer),
    chains: l2s.map((l2, i) => ({
      chainId: BigInt(l2.chainId),
      operator: privateKeyToAccount(KEYS.operators[i]).address,
    })),
  });
}

/** Starts the anvils and deploys the contracts. `settlementArgs` are extra anvil args for the settlement layer. */
export async function startTestNetwork(
  options: { l2Count?: number; settlementArgs?: string[] } = {},
): Promise<TestNetwork> {
  const l2Count = options.l2Count ?? 2;
  const started: AnvilInstance[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'interop-node-test-'));
  try {
    const settlement = await startAnvilRetry({
      chainId: 9,
      args: ['--gas-limit', '1000000000', ...(options.settlementArgs ?? [])],
    });
    started.push(settlement);
    const l2s = await Promise.all(Array.from({ length: l2Count }, (_, i) => startAnvilRetry({ chainId: 271 + i })));
    started.push(...l2s);
    await Promise.all(l2s.map((l2) => installSystemContracts({ rpcUrl: l2.rpcUrl })));
    const deployed = await deployTestSettlement(settlement.rpcUrl, l2s);
    return {
      settlement,
      l2s,
      settlementAddress: deployed.settlement,
      deployBlockNumber: deployed.deployBlockNumber,
      dataDir,
      nodeConfig: (overrides = {}) => ({
        settlement: {
          chainId: 9,
          rpcUrl: settlement.rpcUrl,
          contracts: { settlement: deployed.settlement, deployBlockNumber: deployed.deployBlockNumber },
        },
        chains: l2s.map((l2, i) => ({
          chainId: l2.chainId,
          rpcUrl: l2.rpcUrl,
          port: 0,
          operatorPrivateKey: KEYS.operators[i],
          systemCaller: 'impersonate' as const,
        })),
        dataDir,
        batchMs: 100,
        // The tests drive the chains through the node's endpoints with anvil's methods, as on the devnet.
        passThroughMethods: '*',
        ...overrides,
      }),
      async stop() {
        await Promise.all(started.map((a) => a.stop()));
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await Promise.all(started.map((a) => a.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Raw JSON-RPC call; returns the whole response object. */
export function rpc(url: string, method: string, params: unknown[] = []): Promise<RpcAnswer<any>> {
  return rpcAnswer<any>(url, method, params);
}

/** Polls `fn` until it returns something other than null/undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(
  fn: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 45_000, // generous (load stretches it), and still inside vitest's 60 s test timeout
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== null && value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Viem clients on an endpoint for a key. */
export function clients(
  url: string,
  key: Hex,
): { account: PrivateKeyAccount; public: PublicClient; wallet: WalletClient<Transport, undefined, PrivateKeyAccount> } {
  const account = privateKeyToAccount(key);
  return {
    account,
    public: createPublicClient({ transport: http(url), pollingInterval: 50 }),
    wallet: createWalletClient({ account, transport: http(url), pollingInterval: 50 }),
  };
}

/**
 * Sends an interop message with a plain transaction to `l2Url` (an anvil, so the node may be down, or a node
 * endpoint) and returns the transaction and the message's interop hash.
 */
export async function sendMessage(
  l2Url: string,
  data: Hex,
  key: Hex = KEYS.user,
): Promise<{ txHash: Hex; interopHash: Hex }> {
  const c = clients(l2Url, key);
  const txHash = await c.wallet.writeContract({
    address: INTEROP_CENTER_ADDRESS,
    abi: InteropCenter.abi,
    functionName: 'sendInteropMessage',
    args: [data],
    chain: null,
  });
  const receipt = await c.public.waitForTransactionReceipt({ hash: txHash });
  const [event] = parseEventLogs({
    abi: InteropCenter.abi,
    logs: receipt.logs,
    eventName: 'InteropMessageSent',
  }).filter((e) => e.address.toLowerCase() === INTEROP_CENTER_ADDRESS.toLowerCase());
  if (!event) throw new Error(`no InteropMessageSent in ${txHash}`);
  return { txHash, interopHash: event.args.interopHash };
}

/**
 * Sends `data` through InteropCenter as a ZKsync EIP-712 (0x71) transaction, with viem's own ZKsync extension, to
 * the node's endpoint of chain 271 at `url`; returns the transaction's ZKsync hash.
 */
export async function sendEip712Message(url: string, privateKey: Hex, data: Hex): Promise<Hex> {
  const chain = defineChain({
    ...chainConfig,
    id: 271,
    name: 'test L2',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  });
  const wallet = createWalletClient({ chain, account: privateKeyToAccount(privateKey), transport: http() });
  return wallet.extend(eip712WalletActions()).writeContract({
    address: INTEROP_CENTER_ADDRESS,
    abi: InteropCenter.abi,
    functionName: 'sendInteropMessage',
    args: [data],
    gasPerPubdata: 50_000n, // makes viem send its EIP-712 (0x71) transaction
  });
}

/**
 * A list of cleanups run after the calling file's tests, newest first; one that fails does not stop the rest.
 * Call at the top level of a test file.
 */
export function cleanupAfterAll(): (() => Promise<unknown>)[] {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });
  return cleanups;
}

/** Stops what a test file started, in the order given; what was never started (undefined) is skipped. */
export async function stopAll(...running: ({ stop(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const r of running) await r?.stop();
}

/** Waits until the node knows `txHash`'s receipt with its batch (`l1BatchNumber` set: the block is sealed). */
export function waitForSealedReceipt(url: string, txHash: Hex, what: string) {
  return waitFor(async () => {
    const r = (await rpc(url, 'eth_getTransactionReceipt', [txHash])).result;
    return r?.l1BatchNumber ? r : null;
  }, what);
}

/**
 * Waits until `client`'s chain holds the root a proof ends in: the one of settlement layer `chainId` at
 * `blockNumber` (the importer brought it there).
 */
export function waitForImportedRoot(
  client: PublicClient,
  proof: { root: Hex; settlementLayer: { chainId: Hex | bigint; blockNumber: Hex | bigint } },
  timeoutMs?: number,
) {
  const layer = BigInt(proof.settlementLayer.chainId);
  const block = BigInt(proof.settlementLayer.blockNumber);
  return waitFor(
    async () =>
      (await client.readContract({
        address: INTEROP_CENTER_ADDRESS,
        abi: InteropCenter.abi,
        functionName: 'interopRoots',
        args: [layer, block],
      })) === proof.root,
    `root of block ${block} of ${layer}`,
    timeoutMs,
  );
}
