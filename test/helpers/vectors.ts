// Known answers (real ZKsync data, see docs/protocol.md §10), kept in the repo (test/vectors) so a clone tests them
// with nothing beside it. Where the project's shared folder sits beside the checkout, vectors.test.ts also checks
// that the copies still hold the same answers; no test needs it.
import { readFileSync } from 'node:fs';

/** Parses test/vectors/<name>. */
export function readVector<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8')) as T;
}
