import { InteropError } from '@interop/sdk/core';

/** Base class of the devnet's errors: a short message plus optional details. */
export class DevnetError extends InteropError {
  override name = 'DevnetError';
}

/** A port the devnet must listen on is already taken. */
export class PortInUseError extends DevnetError {
  override name = 'PortInUseError';
  constructor(readonly port: number) {
    super(`port ${port} is already in use (127.0.0.1:${port}); stop what listens there or pick another port`);
  }
}

/** The devnet was stopped (by a signal) before it was ready. */
export class DevnetAbortedError extends DevnetError {
  override name = 'DevnetAbortedError';
  constructor() {
    super('devnet start aborted');
  }
}

/** Another devnet (a live process) is using the data dir. */
export class DataDirInUseError extends DevnetError {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the data dir ${dataDir} is in use by another devnet${Number.isNaN(pid) ? '' : ` (pid ${pid})`}; stop it or pick another --data-dir`,
    );
  }
}

/** A persisted devnet cannot be resumed from its data dir; the message says what to do instead. */
export class DevnetStateError extends DevnetError {
  override name = 'DevnetStateError';
  constructor(
    readonly dataDir: string,
    reason: string,
    instead = `delete ${dataDir} or start without --persist (which starts fresh)`,
  ) {
    super(`cannot resume the devnet in ${dataDir}: ${reason}; ${instead}`);
  }
}
