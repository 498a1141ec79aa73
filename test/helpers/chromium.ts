// A real headless Chromium for the explorer's browser tests: Debian's `chromium` package, installed here when it
// is missing (apt-get, as root or through sudo), driven by puppeteer-core.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((p) => existsSync(p));
}

/** The path of Chromium, installing Debian's package first if there is none. */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const root = process.getuid?.() === 0;
  const run = (args: string[]) =>
    execFileSync(root ? args[0] : 'sudo', root ? args.slice(1) : args, {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 600_000,
    });
  if (!root && spawnSync('sudo', ['-n', 'true']).status !== 0)
    throw new Error('chromium is missing and cannot be installed (not root, no sudo): apt-get install -y chromium');
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  const installed = findChromium();
  if (!installed) throw new Error('apt-get install chromium ran, but no chromium binary was found');
  return installed;
}

/** Launches headless Chromium (no sandbox: tests may run as root in a container). */
export async function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}
