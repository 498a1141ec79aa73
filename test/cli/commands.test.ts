// The CLI commands against a real devnet, in-process through main(): send, wait, status, proof (node and
// settlement layer), verify on every chain, and the error paths with their exit codes.

import { getFreePort } from '@interop/devnet';
import { keccak256, stringToHex } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';
import { runCli } from './runCli.js';

let devnet: TestDevnet;
let dd: string[];
// Account 0 is the CLI's default sender; this file is the only one sending from it.
beforeAll(async () => {
  devnet = await startTestDevnet();
  dd = ['--data-dir', devnet.dataDir];
});
afterAll(async () => {
  await devnet?.stop();
});

const json = (s: string) =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('interop send / wait / status / proof / verify', () => {
  let hash: string;

  it('send prints the interop hash (human and --json)', async () => {
    const human = await runCli(['send', '--chain', '271', '--text', 'hello from the CLI', ...dd]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      /^0x[0-9a-f]{64}\n {2}sent on chain 271 by 0x[0-9a-fA-F]{40}, message #\d+, tx 0x[0-9a-f]{64}\n$/,
    );
    const r = await runCli(['send', '--chain', '271', '--data', '0xdeadbeef', '--json', ...dd]);
    expect(r.code).toBe(0);
    const [out] = json(r.stdout);
    expect(out.message).toMatchObject({ data: '0xdeadbeef', sourceChainId: 271, sender: devnet.accounts[0].address });
    hash = out.interopHash;
  });

  it('wait follows the message to verified on 272 (one line per stage off a TTY)', async () => {
    const r = await runCli(['wait', hash, '--on', '272', ...dd]);
    expect(r.code).toBe(0);
    const stages = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[0]);
    expect(stages).toEqual(['sent', 'sealed', 'executed', 'imported', 'verified']);
    const sl = await runCli(['wait', hash, '--on', '9', ...dd]);
    expect(sl.code, sl.stderr).toBe(0);
    expect(sl.stdout.trim().split('\n').at(-1)).toBe('verified (chain 9)');
    const j = await runCli(['wait', hash, '--on', '271', '--json', ...dd]);
    expect(j.code).toBe(0);
    expect(json(j.stdout).map((l) => l.stage)).toEqual(['sent', 'sealed', 'executed', 'imported', 'verified']);
  });

  it('status finds the chain by itself', async () => {
    const r = await runCli(['status', hash, '--json', ...dd]);
    expect(r.code).toBe(0);
    const [s] = json(r.stdout);
    expect(s).toMatchObject({ interopHash: hash, status: 'imported', chainId: 271 });
    expect(s.importedOn).toEqual(expect.arrayContaining([271, 272]));
    const human = await runCli(['status', hash, ...dd]);
    expect(human.stdout).toContain(`${hash}: imported`);
  });

  it('proof from the node equals the proof rebuilt from the settlement layer', async () => {
    const node = await runCli(['proof', hash, '--json', ...dd]);
    const slOnly = await runCli(['proof', hash, '--from-settlement-layer', '--json', ...dd]);
    expect(node.code).toBe(0);
    expect(slOnly.code).toBe(0);
    expect(json(slOnly.stdout)).toEqual(json(node.stdout));
    expect(json(node.stdout)[0]).toMatchObject({ interopHash: hash, chainId: 271, settlementLayer: { chainId: 9 } });
    const human = await runCli(['proof', hash, ...dd]);
    expect(human.stdout).toMatch(/proof \(\d+ words\)/);
  });

  it('verify succeeds on 272, on 271 and on the settlement layer', async () => {
    for (const on of ['272', '271', '9']) {
      const r = await runCli(['verify', hash, '--on', on, ...dd]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^verified on chain ${on}`));
    }
    // With the source chain down, the proof rebuilt from the settlement layer still verifies.
    const dead = `http://127.0.0.1:${await getFreePort()}`;
    const down = await runCli(['status', hash, '--chain', '271', ...dd], { INTEROP_RPC_271: dead });
    expect(down.code).toBe(2);
    const slOnly = await runCli(['verify', hash, '--on', '272', '--from-settlement-layer', '--chain', '271', ...dd], {
      INTEROP_RPC_271: dead,
    });
    expect(slOnly.code, slOnly.stderr).toBe(0);
    expect(slOnly.stdout).toMatch(/^verified on chain 272/);
    const off = await runCli(['verify', hash, '--on', '272', '--offchain', '--json', ...dd]);
    expect(off.code).toBe(0);
    expect(json(off.stdout)[0]).toMatchObject({ verified: true, onchain: true, offchain: { verified: true } });
  });
});

describe('error paths', () => {
  const unknown = keccak256(stringToHex('nobody sent this'));

  it('an unknown hash: exit 2 and one line', async () => {
    for (const cmd of [
      ['status', unknown],
      ['proof', unknown],
      ['verify', unknown, '--on', '272'],
    ]) {
      const r = await runCli([...cmd, ...dd]);
      expect(r.code, cmd.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^interop: message 0x[0-9a-f]{64} not found on chains 271, 272\n$/);
    }
    const sl = await runCli(['proof', unknown, '--from-settlement-layer', ...dd]);
    expect(sl.code).toBe(2);
    expect(sl.stderr).toMatch(/in no committed batch/);
  });

  it('a key without funds: exit 2 and one line', async () => {
    const r = await runCli(['send', '--chain', '272', '--text', 'x', '--private-key', generatePrivateKey(), ...dd]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^interop: account 0x[0-9a-fA-F]{40} has not enough funds to send on chain 272\n$/);
  });

  it('an --rpc pointing at another chain: exit 2', async () => {
    const r = await runCli(['send', '--chain', '271', '--text', 'x', '--rpc', devnet.l2s[1].rpcUrl, ...dd]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is chain 272, not chain 271/);
  });

  it('an unknown destination chain: exit 2', async () => {
    const r = await runCli(['verify', unknown, '--on', '999', ...dd]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown chain 999/);
  });

  it('wait that times out: exit 1, naming where it stopped', async () => {
    const r = await runCli(['wait', unknown, '--chain', '271', '--on', '272', '--timeout', '0.3', ...dd]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /timed out after 300 ms: message 0x[0-9a-f]{64} not seen on its chain, waiting to be sent/,
    );
  });
});
