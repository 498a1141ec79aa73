// Ports for processes a test starts, stops and starts again on the same port (a node after a SIGKILL, a persisted
// devnet). A port from bind(0) is in the OS's ephemeral range, where any outgoing connection (the node keeps its
// upstream connections alive) or another process's bind(0) can take it between the check and the bind, or during
// a restart: "port already in use". Ports below that range are never handed out by the OS.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** True when nothing listens on 127.0.0.1:`port`. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** The first port the OS hands out for bind(0) and outgoing connections (Linux's ip_local_port_range). */
function ephemeralPortsStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

/** `count` consecutive free ports below the OS's ephemeral range, at a random place (parallel test files). */
export async function stablePorts(count: number): Promise<number[]> {
  const low = 20_000;
  const high = Math.max(low + 1_000, ephemeralPortsStart()) - count;
  for (;;) {
    const first = low + Math.floor(Math.random() * (high - low));
    const ports = Array.from({ length: count }, (_, i) => first + i);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return ports;
  }
}

/** One free port below the OS's ephemeral range. */
export async function stablePort(): Promise<number> {
  return (await stablePorts(1))[0];
}
