import { InteropError } from '../core/index.js';

/**
 * Any other error an action may pass on (a viem error from the transport or the contract call), in the shape of
 * viem's own `ErrorType`: each action's `…ErrorType` union ends with it.
 */
export type ErrorType<name extends string = 'Error'> = Error & { name: name };

/**
 * The endpoint did not answer at all (connection refused, DNS failure, timeout).
 *
 * @example
 * if (err instanceof RpcUnreachableError) console.error(`is ${err.url} running?`);
 */
export class RpcUnreachableError extends InteropError {
  override name = 'RpcUnreachableError';
  /** The URL that did not answer, when the transport has one. */
  readonly url: string | undefined;
  constructor({ url, cause }: { url?: string; cause?: unknown }) {
    super(`RPC endpoint ${url ?? '(unknown url)'} is unreachable`, {
      details:
        cause instanceof Error ? ((cause as { shortMessage?: string }).shortMessage ?? cause.message) : undefined,
      cause,
    });
    this.url = url;
  }
}

/**
 * The chain does not know a message with this hash (never sent there, or not yet seen by its node).
 *
 * @example
 * await getInteropMessageStatus(client, { interopHash }).catch((e) => { if (e instanceof MessageNotFoundError) return undefined; throw e; });
 */
export class MessageNotFoundError extends InteropError {
  override name = 'MessageNotFoundError';
  readonly interopHash: string;
  constructor({ interopHash, chainId }: { interopHash: string; chainId?: bigint }) {
    super(`message ${interopHash} not found${chainId === undefined ? '' : ` on chain ${chainId}`}`, {
      details: 'the chain has no InteropMessageSent event with this hash; check the hash and the chain',
    });
    this.interopHash = interopHash;
  }
}

/**
 * Why a known message cannot be proven (yet). A proof whose root a destination has not imported yet is not an
 * error of proving: verifyInteropMessageOffchain reports it as `reason: 'root-not-imported'`.
 */
export type NotProvableReason = 'not-sealed' | 'not-executed';

const reasonText: Record<NotProvableReason, string> = {
  'not-sealed': 'its batch is not sealed yet',
  'not-executed': 'its batch is not executed on the settlement layer yet',
};

/**
 * The message exists but cannot be proven yet; `why` says which step is missing.
 *
 * @example
 * try { await getInteropProof(client, { interopHash }); } catch (e) { if (e instanceof MessageNotProvableError && e.why === 'not-sealed') retryLater(); }
 */
export class MessageNotProvableError extends InteropError {
  override name = 'MessageNotProvableError';
  readonly interopHash: string;
  readonly why: NotProvableReason;
  constructor({ interopHash, why, details }: { interopHash: string; why: NotProvableReason; details?: string }) {
    super(`message ${interopHash} is not provable yet: ${reasonText[why]}`, { details });
    this.interopHash = interopHash;
    this.why = why;
  }
}

/**
 * The client talks to a different chain than the one the call needs.
 *
 * @example
 * if (err instanceof WrongChainError) console.error(`endpoint is chain ${err.actual}, expected ${err.expected}`);
 */
export class WrongChainError extends InteropError {
  override name = 'WrongChainError';
  readonly expected: bigint;
  readonly actual: bigint;
  constructor({ expected, actual, details }: { expected: bigint; actual: bigint; details?: string }) {
    super(`expected chain ${expected} but the endpoint is chain ${actual}`, { details });
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * The sending account cannot pay for the transaction.
 *
 * @example
 * if (err instanceof AccountNotFundedError) console.error(`fund ${err.address} first`);
 */
export class AccountNotFundedError extends InteropError {
  override name = 'AccountNotFundedError';
  readonly address: string;
  constructor({ address, chainId, cause }: { address: string; chainId?: bigint; cause?: unknown }) {
    super(`account ${address} has not enough funds to send${chainId === undefined ? '' : ` on chain ${chainId}`}`, {
      cause,
    });
    this.address = address;
  }
}

/**
 * The source chain's node stopped sealing it: the chain's history changed under a batch already committed on the
 * settlement layer, so the message will not be proven. `reason` is the node's explanation.
 *
 * @example
 * if (err instanceof ChainHaltedError) console.error(`chain ${err.chainId} halted: ${err.reason}`);
 */
export class ChainHaltedError extends InteropError {
  override name = 'ChainHaltedError';
  readonly chainId: bigint;
  readonly reason: string;
  constructor({ interopHash, chainId, reason }: { interopHash: string; chainId: bigint; reason: string }) {
    super(`message ${interopHash} will not be proven: chain ${chainId} is halted`, { details: reason });
    this.chainId = chainId;
    this.reason = reason;
  }
}

/** The stages a message goes through, in order. `verified` is per destination chain. */
export type InteropStage = 'sent' | 'sealed' | 'executed' | 'imported' | 'verified';

/**
 * {@link waitForInteropMessage} ran out of time; `stage` is the last stage reached (undefined: not even sent).
 *
 * @example
 * if (err instanceof WaitTimeoutError) console.error(`stuck after ${err.stage ?? 'nothing'}, waiting to be ${err.waitingFor}`);
 */
export class WaitTimeoutError extends InteropError {
  override name = 'WaitTimeoutError';
  readonly stage: InteropStage | undefined;
  readonly waitingFor: InteropStage;
  constructor({
    interopHash,
    stage,
    waitingFor,
    timeout,
  }: {
    interopHash: string;
    stage: InteropStage | undefined;
    waitingFor: InteropStage;
    timeout: number;
  }) {
    super(
      `timed out after ${timeout} ms: message ${interopHash} ${stage ? `stopped at "${stage}"` : 'not seen on its chain'}, waiting to be ${waitingFor}`,
      { details: `last stage reached: ${stage ?? 'none (not seen on the source chain)'}` },
    );
    this.stage = stage;
    this.waitingFor = waitingFor;
  }
}

/**
 * The settlement layer's data does not hold what was asked (batch not committed, event missing, ...).
 *
 * @example
 * if (err instanceof SettlementDataError) console.error(err.shortMessage);
 */
export class SettlementDataError extends InteropError {
  override name = 'SettlementDataError';
  constructor(shortMessage: string, details?: string) {
    super(shortMessage, { details });
  }
}

/**
 * The destination holds the root the proof ends in, yet rejects the proof: the proof is wrong for this message.
 *
 * @example
 * if (err instanceof VerificationFailedError) console.error('the proof does not match this message');
 */
export class VerificationFailedError extends InteropError {
  override name = 'VerificationFailedError';
  constructor({ interopHash, chainId }: { interopHash: string; chainId: bigint }) {
    super(`message ${interopHash} does not verify on chain ${chainId}`, {
      details: 'the root is imported but InteropCenter.verifyInteropMessage returned false',
    });
  }
}

/**
 * The node answered, but not in the shape its method defines (a field missing or of the wrong type).
 *
 * @example
 * if (err instanceof InvalidNodeResponseError) console.error(`node sent a bad ${err.field}`);
 */
export class InvalidNodeResponseError extends InteropError {
  override name = 'InvalidNodeResponseError';
  /** The field of the answer that is wrong. */
  readonly field: string;
  constructor({ method, field, value }: { method?: string; field: string; value: unknown }) {
    super(`node answer${method ? ` to ${method}` : ''}: field ${field} is malformed`, {
      details: `got ${safeJson(value)}`,
    });
    this.field = field;
  }
}

/**
 * The transaction was mined but reverted.
 *
 * @example
 * if (err instanceof TransactionRevertedError) console.error(`reverted: ${err.txHash}`);
 */
export class TransactionRevertedError extends InteropError {
  override name = 'TransactionRevertedError';
  readonly txHash: string;
  constructor({ txHash }: { txHash: string }) {
    super(`transaction ${txHash} reverted`);
    this.txHash = txHash;
  }
}

/**
 * The transaction succeeded but the InteropCenter emitted no InteropMessageSent event in it (for instance the
 * chain has no InteropCenter at the standard address).
 *
 * @example
 * if (err instanceof MessageEventMissingError) console.error(`no message in ${err.txHash}`);
 */
export class MessageEventMissingError extends InteropError {
  override name = 'MessageEventMissingError';
  readonly txHash: string;
  constructor({ txHash }: { txHash: string }) {
    super(`transaction ${txHash} emitted no InteropMessageSent event`, {
      details: 'is the InteropCenter deployed at 0x…10008 on this chain?',
    });
    this.txHash = txHash;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
