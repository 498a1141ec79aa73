import { parseAbi, parseAbiItem } from 'viem';

/**
 * The part of the InteropCenter ABI (`0x…10008` on every L2) that the SDK uses.
 * Written by hand rather than imported from the compiled artifacts so the SDK works without a contracts build
 * and stays small in a bundle.
 *
 * @example
 * const n = await readContract(client, { address: INTEROP_CENTER_ADDRESS, abi: interopCenterAbi, functionName: 'interopRoots', args: [9n, 42n] });
 */
export const interopCenterAbi = /* @__PURE__ */ parseAbi([
  'struct InteropProof { uint256 chainId; uint256 l1BatchNumber; uint256 l2MessageIndex; uint16 txNumberInBatch; bytes32[] proof; }',
  'function sendInteropMessage(bytes data) returns (bytes32 interopHash)',
  'function verifyInteropMessage(bytes32 interopHash, InteropProof proof) view returns (bool)',
  'function interopRoots(uint256 chainId, uint256 blockOrBatchNumber) view returns (bytes32)',
  'event InteropMessageSent(bytes32 indexed interopHash, address indexed sender, uint256 indexed messageNum, bytes data)',
  'event InteropRootAdded(uint256 indexed chainId, uint256 indexed blockNumber, bytes32[] sides)',
]);

/**
 * `InteropMessageSent` on its own, for log filters.
 *
 * @example
 * const logs = await getLogs(client, { address: INTEROP_CENTER_ADDRESS, event: interopMessageSentEvent, args: { sender } });
 */
export const interopMessageSentEvent = /* @__PURE__ */ parseAbiItem(
  'event InteropMessageSent(bytes32 indexed interopHash, address indexed sender, uint256 indexed messageNum, bytes data)',
);
