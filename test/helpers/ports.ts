// Ports for processes a test starts, stops and starts again on the same port (a node after a SIGKILL, a persisted
// devnet). A port from bind(0) is in the OS's ephemeral range, where any outgoing connection (the node keeps its
// upstream connections alive) or another process's bind(0) can take it between the check and the bind, or during
// a restart: "port already in use". Ports below that range are never handed out by the OS.

import { findFreePorts, isPortFree } from '@interop/devnet';

/** True when nothing listens on 127.0.0.1:`port`. */
export const portFree = (port: number): Promise<boolean> => isPortFree(port);

/** `count` consecutive free ports below the OS's ephemeral range, at a random place (parallel test files). */
export const stablePorts = findFreePorts;

/** One free port below the OS's ephemeral range. */
export async function stablePort(): Promise<number> {
  return (await stablePorts(1))[0];
}
