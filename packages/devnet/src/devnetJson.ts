import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DevnetInfo, DevnetJson } from './types.js';

/** File name of the devnet description inside the data dir. */
export const DEVNET_JSON_FILE = 'devnet.json';

/** The devnet.json view of a running devnet (public endpoints only). */
export function toDevnetJson(info: DevnetInfo): DevnetJson {
  return {
    l1: { chainId: Number(info.l1.chainId), rpcUrl: info.l1.rpcUrl },
    ...(info.gateway ? { gateway: { chainId: Number(info.gateway.chainId), rpcUrl: info.gateway.rpcUrl } } : {}),
    l2: info.l2s.map((c) => ({ chainId: Number(c.chainId), rpcUrl: c.rpcUrl, settlesOn: Number(c.settlesOn) })),
    accounts: info.accounts.map(({ address, privateKey }) => ({ address, privateKey })),
    contracts: { ...info.contracts },
    ...(info.explorer ? { explorer: { url: info.explorer.url } } : {}),
  };
}

/**
 * Writes `<dataDir>/devnet.json` and resolves to its path. Written to a temporary file and renamed,
 * so a reader polling for the file never sees half of it.
 */
export async function writeDevnetJson(info: DevnetInfo): Promise<string> {
  await mkdir(info.dataDir, { recursive: true });
  const path = join(info.dataDir, DEVNET_JSON_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(toDevnetJson(info), null, 2)}\n`);
  await rename(tmp, path);
  return path;
}
