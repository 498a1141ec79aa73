import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { PortInUseError } from './errors.js';

/** Resolves to true when nothing listens on 127.0.0.1:`port` (checked by binding it briefly). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Throws {@link PortInUseError} naming the first taken port. Run before starting anything,
 * so a clash never leaves half a devnet behind.
 */
export async function assertPortsFree(ports: readonly number[]): Promise<void> {
  const free = await Promise.all(ports.map((p) => isPortFree(p)));
  const taken = ports.find((_, i) => !free[i]);
  if (taken !== undefined) throw new PortInUseError(taken);
}

/** The first port the OS hands out for bind(0) and outgoing connections (Linux's ip_local_port_range). */
function ephemeralPortsStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

/**
 * `count` consecutive free ports below the OS's ephemeral range, at a random place. A port from bind(0) lies in
 * that range, where an outgoing connection or another process's bind(0) can take it between the check and the
 * bind (or while a process restarts on it); the OS never hands out ports below it.
 */
export async function findFreePorts(count: number): Promise<number[]> {
  const low = 20_000;
  const high = Math.max(low + 1_000, ephemeralPortsStart()) - count;
  for (;;) {
    const first = low + Math.floor(Math.random() * (high - low));
    const ports = Array.from({ length: count }, (_, i) => first + i);
    if ((await Promise.all(ports.map((p) => isPortFree(p)))).every(Boolean)) return ports;
  }
}
