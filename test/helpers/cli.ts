import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');
/** The built `interop` executable (test/helpers/globalSetup.ts builds it before the suite). */
export const CLI_BIN = join(ROOT, 'packages', 'cli', 'bin', 'interop.js');
