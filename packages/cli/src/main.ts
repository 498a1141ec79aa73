// The `interop` command: a router over one file per command (src/cli/commands/*).
// Exit codes: 0 success, 1 a check that ran and failed, 2 bad input or an error.
import { readFileSync } from 'node:fs';
import { commands } from './commands/index.js';
import { CliError } from './errors.js';

/** The version in packages/cli/package.json (one level above both src/ and dist/). */
function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

function usage(): string {
  const lines = ['usage: interop <command> [options]', '', 'commands:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(16)} ${c.summary}`);
  lines.push('', 'Run `interop <command> --help` for the options of one command.');
  return lines.join('\n');
}

/** Runs the CLI with the given arguments and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${usage()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    process.stdout.write(`interop ${cliVersion()}\n`);
    return 0;
  }
  // Longest match first, so "proof verify" wins over "proof".
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  const command = sorted.find((c) => {
    const words = c.name.split(' ');
    return words.every((w, i) => argv[i] === w);
  });
  if (!command) {
    process.stderr.write(`interop: unknown command "${argv[0]}" (run \`interop --help\`)\n`);
    return 2;
  }
  const rest = argv.slice(command.name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (err) {
    const message = err instanceof CliError ? err.message : err instanceof Error ? err.message : String(err);
    process.stderr.write(`interop: ${message.split('\n')[0]}\n`);
    return err instanceof CliError ? err.exitCode : 2;
  }
}
