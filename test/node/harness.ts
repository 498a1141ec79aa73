// Runs the real `interop node` command in a child process (so a test can SIGKILL it) without a full build:
// the command's import graph is transpiled file by file (no type check) into node_modules/.cache, where
// Node resolves the project's dependencies as usual.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Transpiles `entries` and every relative import they reach into `outDir` (same layout as the repo). */
export function transpileGraph(entries: string[], outDir: string): void {
  const seen = new Set<string>();
  const stack = entries.map((e) => resolve(ROOT, e));
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const out = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    });
    const target = join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.outputText);
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const ref = resolve(dirname(file), m[1]).replace(/\.js$/, '.ts');
      if (existsSync(ref)) stack.push(ref);
    }
  }
}

/** A child process running `interop node --config <file>`. */
export type NodeProcess = { child: ChildProcess; output(): string; exited: Promise<number | null> };

let built: string | undefined;

/** Builds the harness once per test file; returns the path of its entry script. */
export function buildNodeHarness(): string {
  if (built) return built;
  const outDir = join(ROOT, 'node_modules', '.cache', `interop-node-harness-${process.pid}`);
  rmSync(outDir, { recursive: true, force: true });
  transpileGraph(['src/cli/commands/node.ts'], outDir);
  const entry = join(outDir, 'run-node.mjs');
  writeFileSync(
    entry,
    `import { nodeCommand } from './src/cli/commands/node.js';\n` +
      `nodeCommand.run(process.argv.slice(2)).then((code) => process.exit(code), (err) => { process.stderr.write(String(err?.message ?? err) + '\\n'); process.exit(2); });\n`,
  );
  built = entry;
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  return entry;
}

/** Starts the node as a child process and resolves once it printed "ready". */
export async function spawnNode(configPath: string): Promise<NodeProcess> {
  const entry = buildNodeHarness();
  const child = spawn(process.execPath, [entry, '--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  exited.then(() => process.removeListener('exit', kill));
  const deadline = Date.now() + 20_000;
  while (!/^ready$/m.test(output)) {
    if (child.exitCode !== null) throw new Error(`node exited early (${child.exitCode}): ${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`node did not print ready: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { child, output: () => output, exited };
}
