// Every workspace package is publishable as it stands: what its package.json points at is in the tarball, every
// package its shipped JavaScript imports is a declared runtime dependency (nothing borrowed from the workspace's
// node_modules), nothing declared goes unused, and each depends only on the layers below it.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

/** Bottom to top: a package may depend only on packages before it. */
const LAYERS = [
  '@interop/contracts',
  '@interop/sdk',
  '@interop/node',
  // The explorer's built web app (it bundles the SDK at build time; the devnet serves it).
  '@interop/explorer',
  '@interop/devnet',
  '@interop/cli',
];

/** Dependencies used without an import statement, and why. */
const USED_WITHOUT_IMPORT: Record<string, string[]> = {
  // The anvil binary is found by path in the platform package that @foundry-rs/anvil installs.
  '@interop/devnet': ['@foundry-rs/anvil'],
};

type Manifest = {
  name: string;
  version: string;
  private?: boolean;
  type?: string;
  license?: string;
  description?: string;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: Record<string, Record<string, string>>;
  files?: string[];
  dependencies?: Record<string, string>;
};
type Packed = { name: string; files: { path: string }[] };

const packages = new Map<string, { dir: string; manifest: Manifest; files: Set<string> }>();

beforeAll(async () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--workspaces'], { cwd: root, env });
  for (const packed of JSON.parse(stdout) as Packed[]) {
    const dir = join(root, 'packages', packed.name.replace('@interop/', ''));
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
    packages.set(packed.name, { dir, manifest, files: new Set(packed.files.map((f) => f.path)) });
  }
});

/** Every file a manifest points at: main, types, bin and every condition of every export. */
function pointers(manifest: Manifest): string[] {
  const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})];
  for (const conditions of Object.values(manifest.exports ?? {})) targets.push(...Object.values(conditions));
  return targets.filter((t): t is string => t !== undefined).map((t) => t.replace(/^\.\//, ''));
}

/** Package names imported by top-level import/export statements and dynamic imports of one JavaScript file. */
function importedPackages(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/^(?:import|export)\s[^;=(]*?[\s}]from\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/^import\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]);
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s.split('/')[0]))
    .map((s) =>
      s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

async function shippedImports(pkg: { dir: string; files: Set<string> }): Promise<Set<string>> {
  const imported = new Set<string>();
  for (const file of pkg.files) {
    if (!/\.(m?js)$/.test(file)) continue;
    for (const name of importedPackages(await readFile(join(pkg.dir, file), 'utf8'))) imported.add(name);
  }
  return imported;
}

describe.each(LAYERS)('%s', (name) => {
  it('ships every file its package.json points at', () => {
    const pkg = packages.get(name)!;
    expect(pkg, `${name} is not a workspace package`).toBeDefined();
    expect(pointers(pkg.manifest).filter((target) => !pkg.files.has(target))).toEqual([]);
    // Tests resolve to sources through the project's own condition; a plain "source" could match a consumer's.
    for (const [path, conditions] of Object.entries(pkg.manifest.exports ?? {})) {
      const keys = Object.keys(conditions).filter((key) => key !== '@interop/source');
      const expected = conditions.default?.endsWith('.js') ? ['types', 'default'] : ['default'];
      expect(keys, `${name} exports ${path}`).toEqual(expected);
    }
    expect(pkg.manifest).toMatchObject({ type: 'module', license: 'MIT', version: expect.any(String) });
    expect(pkg.manifest.private).not.toBe(true);
    expect(pkg.manifest.description).toBeTruthy();
  });

  it('declares exactly the packages its shipped JavaScript imports', async () => {
    const pkg = packages.get(name)!;
    const declared = Object.keys(pkg.manifest.dependencies ?? {});
    const imported = await shippedImports(pkg);
    expect([...imported].filter((dep) => !declared.includes(dep))).toEqual([]);
    const unused = declared.filter((dep) => !imported.has(dep) && !USED_WITHOUT_IMPORT[name]?.includes(dep));
    expect(unused).toEqual([]);
  });

  it('depends only on the layers below it, at their exact versions', () => {
    const deps = packages.get(name)!.manifest.dependencies ?? {};
    for (const [dep, range] of Object.entries(deps).filter(([dep]) => dep.startsWith('@interop/'))) {
      expect(LAYERS.indexOf(dep), `${name} → ${dep}`).toBeGreaterThanOrEqual(0);
      expect(LAYERS.indexOf(dep), `${name} → ${dep}`).toBeLessThan(LAYERS.indexOf(name));
      expect(range).toBe(packages.get(dep)!.manifest.version);
    }
  });
});

it('the CLI package installs the `interop` command, and the SDK is marked side-effect free for bundlers', async () => {
  const cli = packages.get('@interop/cli')!;
  expect(Object.keys(cli.manifest.bin ?? {})).toEqual(['interop']);
  const bin = await readFile(join(cli.dir, cli.manifest.bin!.interop), 'utf8');
  expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true);
  expect(packages.get('@interop/sdk')!.manifest).toMatchObject({ sideEffects: false });
  // The root checkout gets the command through the workspace link: `npm install` then `npx interop devnet`.
  const linked = await readFile(join(root, 'node_modules', '.bin', 'interop'), 'utf8');
  expect(linked).toBe(bin);
});
