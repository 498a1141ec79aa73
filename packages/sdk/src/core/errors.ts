// Typed errors of the core. Every malformed input gets a class and, for proofs, a reason code, so
// callers (CLI, RPC, SDK) can report precisely without parsing messages.

/** Base class of every error the project throws on purpose. */
export class InteropError extends Error {
  override name = 'InteropError';
  /** One line saying what is wrong. */
  readonly shortMessage: string;
  /** Optional extra context (values involved); not needed to understand the error. */
  readonly details?: string;

  constructor(shortMessage: string, options: { details?: string; cause?: unknown } = {}) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, {
      cause: options.cause,
    });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/** Why a proof was refused. */
export type InvalidProofReason =
  | 'empty'
  | 'unknown-version'
  | 'length-past-end'
  | 'words-left-over'
  | 'mask-out-of-range'
  | 'default-leaf'
  | 'final-with-batch-proof'
  | 'path-too-long'
  | 'malformed-word'
  | 'invalid-final-flag'
  | 'missing-metadata'
  | 'not-final';

const proofMessages: Record<InvalidProofReason, string> = {
  empty: 'Proof is empty.',
  'unknown-version': 'Proof metadata has an unknown version.',
  'length-past-end': 'Proof lengths run past the end of the proof.',
  'words-left-over': 'Proof has words left over after its final node.',
  'mask-out-of-range': 'Proof mask is out of range for its path length.',
  'default-leaf': 'Leaf is the default (empty) log leaf.',
  'final-with-batch-proof': 'Proof marks a final node but has a non-zero batch proof length.',
  'path-too-long': 'Proof path is longer than 255 words.',
  'malformed-word': 'Proof word is not 32 bytes of hex.',
  'invalid-final-flag': 'Proof metadata final-node flag is neither 0 nor 1.',
  'missing-metadata': 'Proof segment after the first has no metadata word.',
  'not-final': 'Proof segments must end with exactly one final segment.',
};

/** A proof that cannot be verified because it is malformed (never a wrong answer instead). */
export class InvalidProofError extends InteropError {
  override name = 'InvalidProofError';
  readonly reason: InvalidProofReason;

  constructor(reason: InvalidProofReason, options: { details?: string } = {}) {
    super(proofMessages[reason], options);
    this.reason = reason;
  }
}

/** More logs than a batch's log tree can hold. */
export class TooManyLogsError extends InteropError {
  override name = 'TooManyLogsError';
  readonly count: number;

  constructor(count: number, max: number) {
    super(`Too many logs for one batch: ${count} (at most ${max}).`);
    this.count = count;
  }
}

/** A value of the wrong shape: bad hex, wrong length, number out of range. */
export class InvalidInputError extends InteropError {
  override name = 'InvalidInputError';
}

/** A leaf index or tree size outside the tree. */
export class IndexOutOfBoundsError extends InteropError {
  override name = 'IndexOutOfBoundsError';
}
