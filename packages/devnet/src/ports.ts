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
