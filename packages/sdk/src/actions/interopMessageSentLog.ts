// Finding a message's InteropMessageSent event in raw eth_getLogs answers: the one filter and match used by the
// SDK (getInteropMessageStatus before the node indexed a message) and by the node (messages not sealed yet).
import { type Address, type Hex, numberToHex, toEventSelector } from 'viem';
import { INTEROP_CENTER_ADDRESS } from '../core/index.js';
import { interopMessageSentEvent } from './abi.js';

/** topic0 of InteropCenter's `InteropMessageSent(bytes32 indexed interopHash, …)`. */
export const interopMessageSentTopic = /* @__PURE__ */ toEventSelector(interopMessageSentEvent);

/** How far back from the head {@link getInteropMessageStatus} looks for a sent event the node did not report. */
export const interopMessageSentLookback = 1_024n;

/** An eth_getLogs filter for the message's sent event in blocks `fromBlock`..`toBlock` (inclusive). */
export type InteropMessageSentFilter = {
  address: Address;
  topics: [Hex, Hex];
  fromBlock: Hex;
  toBlock: Hex;
};

/** The eth_getLogs filter for `interopHash`'s InteropMessageSent event in `fromBlock`..`toBlock`. */
export function interopMessageSentFilter(args: {
  interopHash: Hex;
  fromBlock: bigint | number;
  toBlock: bigint | number;
}): InteropMessageSentFilter {
  return {
    address: INTEROP_CENTER_ADDRESS,
    topics: [interopMessageSentTopic, args.interopHash],
    fromBlock: numberToHex(args.fromBlock),
    toBlock: numberToHex(args.toBlock),
  };
}

/** A raw log as eth_getLogs returns it (only the fields the match reads). */
export type RawLog = { address: Hex; topics: readonly Hex[]; removed?: boolean };

/** The message's sent event among raw logs: the first one, not removed by a reorg, from InteropCenter with its hash. */
export function findInteropMessageSentLog<log extends RawLog>(logs: readonly log[], interopHash: Hex): log | undefined {
  return logs.find(
    (l) =>
      !l.removed &&
      l.address.toLowerCase() === INTEROP_CENTER_ADDRESS.toLowerCase() &&
      l.topics[0]?.toLowerCase() === interopMessageSentTopic &&
      l.topics[1]?.toLowerCase() === interopHash.toLowerCase(),
  );
}
