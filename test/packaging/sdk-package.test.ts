// The SDK as a dApp developer gets it: `npm pack` of @interop/sdk installed into an empty project outside the
// repo (so nothing resolves from the workspace's node_modules). The installed tree must be viem and pure-JS
// libraries only (no solc, no anvil, no native build); a plain ESM script there sends a message and verifies
// it on a real devnet; every export path type-checks; and the package bundles for a browser.
//
// The consumer project lives in the OS temp dir, one per checkout, and is reused across runs: npm then only
// swaps the freshly packed tarball (about a second) instead of extracting viem again (10-40 s on this machine).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const fixtures = join(import.meta.dirname, 'consumer');
const consumer = join(tmpdir(), `interop-sdk-consumer-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);

/** Packages that must never reach a dApp: the compiler, the anvil binary, the native SQLite build. */
const FORBIDDEN = [/^solc$/, /^@foundry-rs\//, /^better-sqlite3$/];

type LockEntry = { version?: string; dependencies?: Record<string, string>; hasInstallScript?: boolean };

// npm run by `npm test` exports npm_config_* for the workspace; the consumer must see a plain npm.
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

function npm(args: string[], cwd: string): Promise<{ stdout: string }> {
  return run('npm', args, { cwd, env: npmEnv(), maxBuffer: 16 * 1024 * 1024 });
}

/** Workspace package name → its directory. */
async function workspaceDirs(): Promise<Map<string, string>> {
  const dirs = new Map<string, string>();
  for (const entry of await readdir(join(root, 'packages'))) {
    const dir = join(root, 'packages', entry);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    dirs.set(manifest.name, dir);
  }
  return dirs;
}

/** The SDK and every workspace package it depends on (they would be published together). */
async function packagesToPack(): Promise<string[]> {
  const dirs = await workspaceDirs();
  const names = ['@interop/sdk'];
  for (let i = 0; i < names.length; i++) {
    const manifest = JSON.parse(await readFile(join(dirs.get(names[i])!, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      if (dirs.has(dep) && !names.includes(dep)) names.push(dep);
    }
  }
  return names;
}

/** Packs the SDK (and its workspace dependencies) into the consumer project and installs the tarballs. */
async function packAndInstall(): Promise<void> {
  await mkdir(consumer, { recursive: true });
  const tarballs: Record<string, string> = {};
  for (const name of await packagesToPack()) {
    const { stdout } = await npm(['pack', '-w', name, '--pack-destination', consumer, '--json'], root);
    const [packed] = JSON.parse(stdout) as { filename: string; shasum: string }[];
    // A name per content: npm keeps an installed file: dependency whose spec did not change.
    const tarball = packed.filename.replace(/\.tgz$/, `-${packed.shasum.slice(0, 10)}.tgz`);
    await rename(join(consumer, packed.filename), join(consumer, tarball));
    tarballs[name] = `file:./${tarball}`;
  }
  const manifest = { name: 'sdk-consumer', private: true, type: 'module', dependencies: tarballs };
  await writeFile(join(consumer, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await npm(['install', '--prefer-offline', '--no-audit', '--no-fund'], consumer);
}

/** Every installed package (path in node_modules → lock entry), from npm's own lockfile. */
async function installedTree(): Promise<Map<string, LockEntry>> {
  const lock = JSON.parse(await readFile(join(consumer, 'package-lock.json'), 'utf8'));
  const tree = new Map<string, LockEntry>();
  for (const [path, entry] of Object.entries(lock.packages as Record<string, LockEntry>)) {
    if (path !== '') tree.set(path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), entry);
  }
  return tree;
}

/** Names reachable from `from` through the tree's dependencies. */
function closure(tree: Map<string, LockEntry>, from: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...from];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...Object.keys(tree.get(name)?.dependencies ?? {}));
  }
  return seen;
}

let devnet: TestDevnet;
beforeAll(async () => {
  [devnet] = await Promise.all([startTestDevnet(), packAndInstall()]);
});
afterAll(async () => {
  await devnet?.stop();
});

describe('the packed SDK in an empty project', () => {
  it('installs viem and pure-JS libraries only: no solc, no anvil, no native build', async () => {
    const tree = await installedTree();
    const names = [...tree.keys()];
    expect(names).toContain('@interop/sdk');
    expect(names).toContain('viem');
    expect(names.filter((name) => FORBIDDEN.some((pattern) => pattern.test(name)))).toEqual([]);
    expect(names.filter((name) => tree.get(name)?.hasInstallScript)).toEqual([]);
    // viem is the SDK's only dependency, and everything else installed is viem's own tree: a new dependency has to
    // be justified here.
    expect(Object.keys(tree.get('@interop/sdk')?.dependencies ?? {})).toEqual(['viem']);
    const allowed = closure(tree, ['viem']);
    expect(names.filter((name) => !allowed.has(name) && !name.startsWith('@interop/'))).toEqual([]);
  });

  it('a plain ESM script there sends a message and verifies it on a devnet', async () => {
    await copyFile(join(fixtures, 'send-and-verify.mjs'), join(consumer, 'send-and-verify.mjs'));
    const { stdout } = await run(process.execPath, ['send-and-verify.mjs'], {
      cwd: consumer,
      env: {
        ...npmEnv(),
        SOURCE_RPC: devnet.l2s[0].rpcUrl,
        DESTINATION_RPC: devnet.l2s[1].rpcUrl,
        PRIVATE_KEY: devnet.accounts[3].privateKey,
      },
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(result.resolved).toBe(pathToFileURL(join(consumer, 'node_modules/@interop/sdk/dist/index.js')).href);
    expect(result.interopHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(result.recomputedHash).toBe(result.interopHash);
    expect(result.verified).toBe(true);
    expect(result.otherVerified).toBe(false);
  });

  it('every export path carries its types (tsc, moduleResolution NodeNext)', async () => {
    await copyFile(join(fixtures, 'types.ts'), join(consumer, 'types.ts'));
    const compilerOptions = {
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    };
    await writeFile(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['types.ts'] }));
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    await expect(run(process.execPath, [tsc, '-p', consumer], { cwd: consumer })).resolves.toBeDefined();
  });

  it('bundles for a browser with everything resolved and no Node built-in', async () => {
    await copyFile(join(fixtures, 'browser.mjs'), join(consumer, 'browser.mjs'));
    const result = (await build({
      root: consumer,
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: true, lib: { entry: join(consumer, 'browser.mjs'), formats: ['es'] } },
    })) as Rollup.RollupOutput | Rollup.RollupOutput[];
    const chunks = (Array.isArray(result) ? result[0] : result).output.filter((o) => o.type === 'chunk');
    const code = chunks.map((chunk) => chunk.code).join('\n');
    const imported = chunks.flatMap((chunk) => chunk.imports);
    const ownChunks = new Set(chunks.map((chunk) => chunk.fileName));
    expect(imported.filter((name) => !ownChunks.has(name))).toEqual([]);
    expect(code).not.toContain('__vite-browser-external');
    expect(code).toContain('verifyInteropMessage');
  });
});

// Old tarballs of earlier runs would otherwise pile up in the reused project.
afterAll(async () => {
  const current = new Set(
    Object.values(JSON.parse(await readFile(join(consumer, 'package.json'), 'utf8')).dependencies as string[]).map(
      (spec) => spec.slice('file:./'.length),
    ),
  );
  for (const file of await readdir(consumer)) {
    if (file.endsWith('.tgz') && !current.has(file)) await rm(join(consumer, file));
  }
});
