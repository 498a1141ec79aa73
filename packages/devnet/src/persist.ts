// What a devnet keeps in its data dir: `network.json` (what was deployed, so a restart can skip deployment),
// `chains/<chainId>.json` (each anvil's --state file: loaded at start, written when anvil stops), and the node's
// store `node.sqlite`. Without --persist every start removes them all.

import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Address } from 'viem';
import type { DevnetKeys } from './accounts.js';
import { DEVNET_JSON_FILE } from './devnetJson.js';
import { DevnetStateError } from './errors.js';

/** File name of the persisted network description inside the data dir. */
export const NETWORK_FILE = 'network.json';
/** Folder of the anvils' state files inside the data dir. */
export const CHAINS_DIR = 'chains';

/** The content of `network.json`: enough to start the same network again without deploying anything. */
export type PersistedNetwork = {
  version: 2;
  /** The network's own keys, drawn at random when it was created: a resumed network keeps its senders. */
  keys: DevnetKeys;
  settlementChainId: number;
  l2ChainIds: number[];
  /** Every chain whose anvil state is kept in `chains/` (settlement layer, L2s and any tier between). */
  stateChainIds: number[];
  settlement: Address;
  deployBlockNumber: string;
  contracts: { l1Messenger: Address; interopCenter: Address; l2MessageVerification: Address };
};

/** Path of a chain's anvil state file. */
export function chainStatePath(dataDir: string, chainId: bigint | number): string {
  return join(dataDir, CHAINS_DIR, `${chainId}.json`);
}

/** Removes every file a devnet writes in `dataDir` (and nothing else): the next start is fresh. */
export async function clearDataDir(dataDir: string): Promise<void> {
  await Promise.all(
    [
      'node.sqlite',
      'node.sqlite-wal',
      'node.sqlite-shm',
      'node.sqlite-journal',
      DEVNET_JSON_FILE,
      NETWORK_FILE,
      CHAINS_DIR,
      'snapshots',
    ].map((f) => rm(join(dataDir, f), { recursive: true, force: true })),
  );
  await mkdir(join(dataDir, CHAINS_DIR), { recursive: true });
}

/** Writes `network.json` (via a temporary file, so a crash never leaves half of it). */
export async function writePersistedNetwork(dataDir: string, network: PersistedNetwork): Promise<void> {
  const path = join(dataDir, NETWORK_FILE);
  // It holds the network's keys: readable by its owner only.
  await writeFile(`${path}.tmp`, `${JSON.stringify(network, null, 2)}\n`, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}

/**
 * The network persisted in `dataDir`, or undefined when there is none. Throws {@link DevnetStateError} (one line
 * saying what to do) when it cannot be resumed with `l2ChainIds`: another number of L2s, or a missing file.
 */
export async function readPersistedNetwork(
  dataDir: string,
  l2ChainIds: bigint[],
): Promise<PersistedNetwork | undefined> {
  const path = join(dataDir, NETWORK_FILE);
  if (!existsSync(path)) return undefined;
  let network: PersistedNetwork;
  try {
    network = JSON.parse(await readFile(path, 'utf8')) as PersistedNetwork;
  } catch {
    throw new DevnetStateError(dataDir, `${NETWORK_FILE} is unreadable`);
  }
  if ((network.version as number) === 1)
    throw new DevnetStateError(
      dataDir,
      `${NETWORK_FILE} was written by an older devnet whose own keys were public`,
      'start once without --persist to create a new network',
    );
  if (network.version !== 2) throw new DevnetStateError(dataDir, `${NETWORK_FILE} has an unknown version`);
  const wanted = l2ChainIds.map(Number);
  if (network.l2ChainIds.join() !== wanted.join())
    throw new DevnetStateError(
      dataDir,
      `it holds a devnet with L2s ${network.l2ChainIds.join(', ')}, not ${wanted.join(', ')}`,
      `start with --l2 ${network.l2ChainIds.length}`,
    );
  for (const chainId of network.stateChainIds)
    if (!existsSync(chainStatePath(dataDir, chainId)))
      throw new DevnetStateError(dataDir, `the state of chain ${chainId} is missing`);
  if (!existsSync(join(dataDir, 'node.sqlite'))) throw new DevnetStateError(dataDir, "the node's store is missing");
  return network;
}
