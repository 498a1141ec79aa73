// The example app's Foundry tests (examples/contracts/test/CrossChainCounter.t.sol), run by `npm test`: forge from
// the @foundry-rs/forge npm package with the solc npm package behind packages/contracts/scripts/solc-cli.cjs
// (--offline: no compiler download). They verify real proofs made by the TypeScript core, committed as
// examples/contracts/test/fixtures/cross-chain-counter.json; this file checks that fixture is what the core makes
// today (INTEROP_WRITE_FIXTURES=1 rewrites it) and that the InteropCenter the Foundry tests deploy is the devnet's.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InteropCenter } from '@interop/contracts';
import { describe, expect, it } from 'vitest';
import { buildCounterFixture } from './crossChainCounterFixture.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const project = join(repo, 'examples', 'contracts');
const fixtureFile = join(project, 'test', 'fixtures', 'cross-chain-counter.json');
const solcCli = join(repo, 'packages', 'contracts', 'scripts', 'solc-cli.cjs');
/** Runs the forge binary of @foundry-rs/forge and exits with its code. */
const forge = join(repo, 'packages', 'contracts', 'scripts', 'forge.mjs');

function runForge(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [forge, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runtime code without its trailing CBOR metadata (whose hash differs between two builds of the same code). */
function withoutMetadata(code: string): string {
  const length = Number.parseInt(code.slice(-4), 16);
  return code.slice(0, code.length - (length + 2) * 2).toLowerCase();
}

describe('CrossChainCounter Foundry tests (forge test, examples/contracts)', () => {
  it('the committed fixture is what the TypeScript core builds', () => {
    const built = `${JSON.stringify(buildCounterFixture(), null, 2)}\n`;
    if (process.env.INTEROP_WRITE_FIXTURES === '1') writeFileSync(fixtureFile, built);
    expect(readFileSync(fixtureFile, 'utf8')).toBe(built);
  });

  it('every Foundry test passes, against the InteropCenter the devnet installs', { timeout: 180_000 }, async () => {
    const run = await runForge(['test', '--root', project, '--offline', '--use', solcCli, '--json']);
    expect(run.code, run.stderr || run.stdout).toBe(0);
    const suites = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as Record<
      string,
      { test_results: Record<string, { status: string; reason: string | null }> }
    >;
    const results = suites['test/CrossChainCounter.t.sol:CrossChainCounterTest'].test_results;
    expect(Object.keys(results).sort()).toEqual([
      'test_ActsOnAProvenMessageFromTheTrustedSender()',
      'test_RefusesAMessageBeforeItsRootIsImported()',
      'test_RefusesAMutatedMessage()',
      'test_RefusesAProofClaimingAnotherChain()',
      'test_RefusesAReplay()',
      'test_RefusesAnotherSenderWhoseMessageIsProven()',
      'test_RefusesEveryMutatedProofWord()',
    ]);
    for (const [name, result] of Object.entries(results))
      expect(result.status, `${name}: ${result.reason}`).toBe('Success');

    const artifact = JSON.parse(readFileSync(join(project, 'out', 'InteropCenter.sol', 'InteropCenter.json'), 'utf8'));
    expect(withoutMetadata(artifact.deployedBytecode.object)).toBe(withoutMetadata(InteropCenter.deployedBytecode));
  });
});
