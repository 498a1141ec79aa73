// Where the built explorer lives (written by `npm run build`), for the servers in @interop/devnet.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the explorer's built files (index.html and assets/). */
export const explorerDistDir = fileURLToPath(new URL('./dist', import.meta.url));

/** True once `npm run build` has written the bundle. */
export function isExplorerBuilt() {
  return existsSync(fileURLToPath(new URL('./dist/index.html', import.meta.url)));
}
