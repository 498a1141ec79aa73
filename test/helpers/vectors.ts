// Known answers from the project's shared folder, kept in the repo (test/vectors) so a fresh clone tests them
// without anything beside it. vectors.test.ts checks the copies still equal ../shared/vectors when present.
import { readFileSync } from 'node:fs';

/** Parses test/vectors/<name>. */
export function readVector<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8')) as T;
}
