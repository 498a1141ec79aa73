// A real devnet for tests: anvils and node endpoints on free ports, state in a temp dir.
// Share one per test file (2 cores): start it in beforeAll, stop it in afterAll.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Devnet, type DevnetTopology, startDevnet } from '@interop/devnet';
import { sendInteropMessage } from '@interop/sdk';
import { createPublicClient, createWalletClient, type Hex, http, type PublicClient, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

/** Options of {@link startTestDevnet}. */
export type StartTestDevnetOptions = {
  /** Number of L2s (chain ids 271, 272, …). Default 2. */
  l2Count?: number;
  /** Batch interval in ms. Default 100 (quicker tests than the CLI's 250). */
  batchMs?: number;
  /** Print the node's log lines to stderr (debugging). */
  verbose?: boolean;
  /** Serve the explorer too (on a free port): `devnet.explorer.url`. */
  explorer?: boolean;
  /** Seconds between the L2s' blocks (interval mining); default: a block per transaction. */
  blockTime?: number;
  /** Who settles on whom (e.g. `defaultTopology(ids, 9n, true)` for a Gateway network); overrides `l2Count`. */
  topology?: DevnetTopology;
};

/**
 * A running test devnet: `l1.rpcUrl` / `l2s[i].rpcUrl` are the node's endpoints (zks_ and interop_
 * methods), `anvilRpcUrl` the raw anvils; `accounts` are anvil's default keys; `contracts` the
 * system contracts (same on every L2) and `settlement`. `stop()` stops the node and every anvil
 * and removes the temp dir.
 */
export type TestDevnet = Devnet;

/** Starts a devnet on free ports with a temporary data dir. */
export async function startTestDevnet(options: StartTestDevnetOptions = {}): Promise<TestDevnet> {
  const l2Count = options.topology?.chains.length ?? options.l2Count ?? 2;
  const dataDir = await mkdtemp(join(tmpdir(), 'interop-devnet-'));
  let devnet: Devnet;
  try {
    devnet = await startDevnet({
      l2Count,
      topology: options.topology,
      gatewayPort: 0,
      batchMs: options.batchMs ?? 100,
      blockTime: options.blockTime,
      l1Port: 0,
      l2Ports: Array.from({ length: l2Count }, () => 0),
      dataDir,
      nodeLog: options.verbose ? (line) => process.stderr.write(`[node] ${line}\n`) : undefined,
      explorerPort: options.explorer ? 0 : undefined,
    });
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const stop = devnet.stop;
  let stopped: Promise<void> | undefined;
  return {
    ...devnet,
    stop: () =>
      (stopped ??= (async () => {
        await stop();
        await rm(dataDir, { recursive: true, force: true });
      })()),
  };
}

/** A public client per chain of the devnet (L1, the Gateway if any, every L2) by chain id, polling every 50 ms. */
export function devnetClients(devnet: TestDevnet): (chainId: bigint) => PublicClient {
  const byId = new Map(
    [devnet.l1, ...(devnet.gateway ? [devnet.gateway] : []), ...devnet.l2s].map((c) => [
      c.chainId,
      createPublicClient({ transport: http(c.rpcUrl), pollingInterval: 50 }),
    ]),
  );
  return (chainId) => {
    const client = byId.get(chainId);
    if (!client) throw new Error(`chain ${chainId} is not in the devnet`);
    return client;
  };
}

/** The node's endpoint for an L2 or the Gateway of the devnet. */
export function rpcUrlOf(devnet: TestDevnet, chainId: bigint): string {
  const chain = [...(devnet.gateway ? [devnet.gateway] : []), ...devnet.l2s].find((c) => c.chainId === chainId);
  if (!chain) throw new Error(`chain ${chainId} is not an L2 or the Gateway of the devnet`);
  return chain.rpcUrl;
}

/** Sends `text` as an interop message on `chainId` (an L2 or the Gateway) from `devnet.accounts[account]`. */
export async function sendTextMessage(
  devnet: TestDevnet,
  chainId: bigint,
  text: string,
  account: number,
): Promise<Hex> {
  const wallet = createWalletClient({
    account: privateKeyToAccount(devnet.accounts[account].privateKey),
    transport: http(rpcUrlOf(devnet, chainId)),
  });
  return (await sendInteropMessage(wallet, { data: toHex(text) })).interopHash;
}
