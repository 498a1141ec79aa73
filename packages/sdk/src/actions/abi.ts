// The contracts' ABIs, generated from the Solidity by packages/contracts/scripts/compile.mjs (never copied by hand),
// and the ABI items the SDK, the node and the CLI use. Each item is picked at module level and marked pure, so a
// bundler drops the ones an app does not import.
import { getAbiItem } from 'viem';
import { interopCenterAbi, l1MessengerAbi } from '../generated/abis.js';

export {
  /**
   * ABI of InteropCenter (`0x…10008` on every L2): send, verify, imported roots.
   *
   * @example
   * const root = await readContract(client, { address: INTEROP_CENTER_ADDRESS, abi: interopCenterAbi, functionName: 'interopRoots', args: [9n, 42n] });
   */
  interopCenterAbi,
  /**
   * ABI of the settlement layer's InteropSettlement: chain registry, batch commit/execute (whose calldata carries
   * every log of a batch), the MessageRoot events and the settlement-side verification.
   *
   * @example
   * const root = await readContract(settlementClient, { address: settlement, abi: interopSettlementAbi, functionName: 'historicalRoot', args: [block] });
   */
  interopSettlementAbi,
  /** ABI of L1Messenger (`0x…8008`), whose `L1MessageSent` event carries each L2->L1 message. */
  l1MessengerAbi,
  /** ABI of L2MessageVerification (`0x…10009`): ZKsync's `prove…InclusionShared` checks over the imported roots. */
  l2MessageVerificationAbi,
} from '../generated/abis.js';

/**
 * `InteropMessageSent` on its own, for log filters.
 *
 * @example
 * const logs = await getLogs(client, { address: INTEROP_CENTER_ADDRESS, event: interopMessageSentEvent, args: { sender } });
 */
export const interopMessageSentEvent = /* @__PURE__ */ getAbiItem({
  abi: interopCenterAbi,
  name: 'InteropMessageSent',
});

/** L1Messenger's `L1MessageSent`, one per L2->L1 message (the sequencer rebuilds each log from it). */
export const l1MessageSentEvent = /* @__PURE__ */ getAbiItem({ abi: l1MessengerAbi, name: 'L1MessageSent' });
