// Bad input and unreachable endpoints: one line on stderr, a non-zero exit, never a stack trace.
// No devnet needed: these fail before (or instead of) reaching a chain.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort } from '@interop/devnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './runCli.js';

const hash = `0x${'ab'.repeat(32)}`;
let dir: string;
let deadUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'interop-cli-'));
  deadUrl = `http://127.0.0.1:${await getFreePort()}`;
  writeFileSync(
    join(dir, 'devnet.json'),
    JSON.stringify({
      l1: { chainId: 9, rpcUrl: deadUrl },
      l2: [{ chainId: 271, rpcUrl: deadUrl }],
      accounts: [
        {
          address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
          privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
        },
      ],
      contracts: { settlement: '0x5FbDB2315678afecb367f032d93F642f64180aa3' },
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectOneLine(stderr: string, pattern: RegExp) {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('CLI input errors', () => {
  it('send refuses non-hex data', async () => {
    const r = await runCli(['send', '--chain', '271', '--data', '0xzz', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /--data must be 0x-prefixed hex/);
  });

  it('send refuses odd-length hex and a missing payload', async () => {
    expect((await runCli(['send', '--chain', '271', '--data', '0x123', '--data-dir', dir])).code).toBe(2);
    const r = await runCli(['send', '--chain', '271', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /missing payload/);
  });

  it('send names an unknown chain', async () => {
    const r = await runCli(['send', '--chain', '999', '--text', 'hi', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /unknown chain 999.*known chains: 271/);
  });

  it('verify refuses --offchain on the settlement layer instead of skipping the check', async () => {
    const r = await runCli(['verify', hash, '--on', '9', '--offchain', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /--offchain checks against a root an L2 imported; chain 9 is the settlement layer/);
  });

  it('send reports an unreachable endpoint', async () => {
    const r = await runCli(['send', '--chain', '271', '--text', 'hi', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, new RegExp(`${deadUrl.replace(/[.]/g, '\\.')} is unreachable`));
  });

  it('send refuses a malformed private key', async () => {
    const r = await runCli(['send', '--chain', '271', '--text', 'hi', '--private-key', '0x1234', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /private key/);
  });

  it('status refuses a malformed hash and an unknown flag', async () => {
    const r = await runCli(['status', '0x1234', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /32-byte hex/);
    const u = await runCli(['status', hash, '--bogus', '--data-dir', dir]);
    expect(u.code).toBe(2);
    expectOneLine(u.stderr, /bogus/);
  });

  it('status, proof, verify and wait report an unreachable endpoint', async () => {
    for (const argv of [
      ['status', hash],
      ['proof', hash],
      ['proof', hash, '--from-settlement-layer'],
      ['verify', hash, '--on', '271'],
      ['wait', hash, '--on', '271', '--timeout', '1'],
    ]) {
      const r = await runCli([...argv, '--data-dir', dir]);
      expect(r.code, argv.join(' ')).toBe(2);
      expectOneLine(r.stderr, /unreachable/);
    }
  });

  it('verify and wait need --on', async () => {
    for (const cmd of ['verify', 'wait']) {
      const r = await runCli([cmd, hash, '--data-dir', dir]);
      expect(r.code).toBe(2);
      expectOneLine(r.stderr, /missing --on/);
    }
  });

  it('a missing devnet.json is named', async () => {
    const r = await runCli(['status', hash, '--data-dir', join(dir, 'nope')]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /no devnet description at .*nope/);
  });

  it('watch reports an unreachable endpoint', async () => {
    const r = await runCli(['watch', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /unreachable/);
  });

  it('endpoints come from INTEROP_RPC_<id> when set', async () => {
    const other = `http://127.0.0.1:${await getFreePort()}`;
    const r = await runCli(['status', hash, '--chain', '271', '--data-dir', dir], { INTEROP_RPC_271: other });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(other);
  });
});
