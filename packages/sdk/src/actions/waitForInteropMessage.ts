import type { Address, Client, Hex } from 'viem';
import type { InvalidInputError } from '../core/index.js';
import {
  ChainHaltedError,
  type ErrorType,
  type InteropStage,
  type InvalidNodeResponseError,
  MessageNotFoundError,
  MessageNotProvableError,
  type RpcUnreachableError,
  VerificationFailedError,
  WaitTimeoutError,
} from './errors.js';
import { getInteropMessageStatus } from './getInteropMessageStatus.js';
import { getInteropProof } from './getInteropProof.js';
import { getInteropRoot } from './getInteropRoot.js';
import { chainIdOf } from './rpc.js';
import type { InteropMessageProof, InteropMessageStatus } from './types.js';
import { verifyInteropMessage } from './verifyInteropMessage.js';

/**
 * The stages {@link waitForInteropMessage} reports, in order.
 *
 * @example
 * const pct = (interopStages.indexOf(stage) + 1) / interopStages.length;
 */
export const interopStages: readonly InteropStage[] = ['sent', 'sealed', 'executed', 'imported', 'verified'];

/** One step forward, as reported to `onProgress`. */
export type InteropProgress = {
  stage: InteropStage;
  interopHash: Hex;
  /** The latest status from the source chain. */
  status: InteropMessageStatus | undefined;
  /** The proof, from `executed` on. */
  proof: InteropMessageProof | undefined;
};

/** Parameters of {@link waitForInteropMessage}. */
export type WaitForInteropMessageParameters = {
  interopHash: Hex;
  /** A client of the chain where the message must verify (may be the source chain itself). */
  destination: Client;
  /**
   * When `destination` is the settlement layer: its `InteropSettlement` address. The settlement layer holds its
   * own roots, so `imported` follows `executed` at once and verification asks that contract.
   */
  settlement?: Address;
  /** Called once per stage, in order (stages passed between two polls are reported too). */
  onProgress?: (progress: InteropProgress) => void;
  /** Milliseconds before giving up with {@link WaitTimeoutError}. Default 60,000. */
  timeout?: number;
  /** Milliseconds between polls. Default 200. */
  pollingInterval?: number;
  /** Stops waiting (rejects with the signal's reason). */
  signal?: AbortSignal;
};

/** Result of {@link waitForInteropMessage}: the proof that verified and the last status seen. */
export type WaitForInteropMessageReturnType = {
  proof: InteropMessageProof;
  status: InteropMessageStatus;
  destinationChainId: bigint;
};

/** Errors {@link waitForInteropMessage} throws (an abort via `signal` rejects with the signal's reason). */
export type WaitForInteropMessageErrorType =
  | InvalidInputError
  | WaitTimeoutError
  | VerificationFailedError
  | ChainHaltedError
  | InvalidNodeResponseError
  | RpcUnreachableError
  | ErrorType;

function stageOf(status: InteropMessageStatus): InteropStage {
  if (status.status === 'sent') return 'sent';
  if (status.status === 'sealed' || status.status === 'committed') return 'sealed';
  return 'executed';
}

/**
 * Waits until a message verifies on a destination chain: it is sent, its batch sealed and executed on the
 * settlement layer, the root imported on the destination, and the destination's InteropCenter accepts the proof.
 * `client` is the source chain.
 *
 * @throws {WaitTimeoutError} after `timeout` ms; `stage` says where the message stopped.
 * @throws {VerificationFailedError} when the destination holds the root yet rejects the proof.
 * @throws {RpcUnreachableError} when an endpoint does not answer.
 *
 * @example
 * const { proof } = await waitForInteropMessage(source, {
 *   interopHash,
 *   destination,
 *   onProgress: ({ stage }) => console.log(stage), // sent, sealed, executed, imported, verified
 * });
 */
export async function waitForInteropMessage(
  client: Client,
  parameters: WaitForInteropMessageParameters,
): Promise<WaitForInteropMessageReturnType> {
  const { interopHash, destination, onProgress, signal } = parameters;
  const timeout = parameters.timeout ?? 60_000;
  const pollingInterval = parameters.pollingInterval ?? 200;
  const deadline = Date.now() + timeout;
  const destinationChainId = await chainIdOf(destination);

  let reached = -1;
  let status: InteropMessageStatus | undefined;
  let proof: InteropMessageProof | undefined;
  const advance = (stage: InteropStage) => {
    const target = interopStages.indexOf(stage);
    while (reached < target) {
      reached++;
      onProgress?.({ stage: interopStages[reached], interopHash, status, proof });
    }
  };

  for (;;) {
    signal?.throwIfAborted();
    try {
      status = await getInteropMessageStatus(client, { interopHash });
      if (status.status === 'halted')
        throw new ChainHaltedError({ interopHash, chainId: status.chainId, reason: status.halted?.reason ?? 'halted' });
      advance(stageOf(status));
    } catch (err) {
      // Not found yet: the transaction may still be pending. Anything else is a real failure.
      if (!(err instanceof MessageNotFoundError)) throw err;
    }
    if (status && stageOf(status) === 'executed') {
      // The node may report "executed" a moment before its proof is ready; anything else is a real failure.
      proof ??= await getInteropProof(client, { interopHash, destinationChainId }).catch((err: unknown) => {
        if (err instanceof MessageNotProvableError) return undefined;
        throw err;
      });
      if (proof) {
        const imported =
          parameters.settlement !== undefined ||
          (await getInteropRoot(destination, proof.settlementLayer)) !== undefined;
        if (imported) {
          advance('imported');
          if (!(await verifyInteropMessage(destination, { interopHash, proof, address: parameters.settlement }))) {
            throw new VerificationFailedError({ interopHash, chainId: destinationChainId });
          }
          advance('verified');
          return { proof, status, destinationChainId };
        }
      }
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const stage = reached < 0 ? undefined : interopStages[reached];
      throw new WaitTimeoutError({ interopHash, stage, waitingFor: interopStages[reached + 1], timeout });
    }
    await sleep(Math.min(pollingInterval, left), signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
