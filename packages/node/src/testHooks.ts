// Test-only crash points. With INTEROP_TEST_CRASH_AT=<point> in the environment, the node's process kills itself
// with SIGKILL (no cleanup, like a crash) the first time it reaches <point>, so tests can check that a restart is
// consistent after a crash at exactly that moment. Never set it outside tests.

/** The places a test can crash the node at. */
export type CrashPoint =
  /** A batch's commit transaction was sent to the settlement layer; its receipt was not awaited. */
  | 'after-commit-send'
  /** A batch was built and checked; nothing of it was written to the store. */
  | 'after-seal-before-store'
  /** A ZKsync (0x71) transaction was mined (eth_sendTransaction answered); its ZKsync hash is not recorded. */
  | 'zk-after-send-before-alias';

/** Kills the process at `point` if INTEROP_TEST_CRASH_AT names it (test-only; a no-op otherwise). */
export function crashPoint(point: CrashPoint): void {
  if (process.env.INTEROP_TEST_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
