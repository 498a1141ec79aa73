import { parseAbi } from 'viem';

/**
 * The part of the settlement layer's `InteropSettlement` ABI the SDK reads: batch commits (whose calldata carries
 * every log of the batch), the MessageRoot events and the settlement-side verification.
 *
 * @example
 * const root = await readContract(settlementClient, { address: settlement, abi: interopSettlementAbi, functionName: 'historicalRoot', args: [block] });
 */
export const interopSettlementAbi = /* @__PURE__ */ parseAbi([
  'struct InteropProof { uint256 chainId; uint256 l1BatchNumber; uint256 l2MessageIndex; uint16 txNumberInBatch; bytes32[] proof; }',
  'function commitBatch(uint256 chainId, uint256 batchNumber, uint256 firstBlock, uint256 lastBlock, bytes logs, bytes32[] txHashes) returns (bytes32)',
  'function commitAndExecuteBatch(uint256 chainId, uint256 batchNumber, uint256 firstBlock, uint256 lastBlock, bytes logs, bytes32[] txHashes) returns (bytes32)',
  'function verifyInteropMessage(bytes32 interopHash, InteropProof proof) view returns (bool)',
  'function historicalRoot(uint256 blockNumber) view returns (bytes32)',
  'event AddedChain(uint256 indexed chainId, uint256 indexed chainIndex)',
  'event AppendedChainBatchRoot(uint256 indexed chainId, uint256 indexed batchNumber, bytes32 chainBatchRoot)',
  'event NewChainRoot(uint256 indexed chainId, bytes32 chainRoot, bytes32 chainIdLeafHash)',
  'event NewInteropRoot(uint256 indexed chainId, uint256 indexed blockNumber, uint256 indexed logId, bytes32[] sides)',
  'event BatchCommitted(uint256 indexed chainId, uint256 indexed batchNumber, bytes32 chainBatchRoot, bytes32 localLogsRoot, uint256 firstBlock, uint256 lastBlock, uint256 logCount)',
  'event BatchExecuted(uint256 indexed chainId, uint256 indexed batchNumber, bytes32 chainBatchRoot, uint256 chainTreeIndex, bytes32 chainRoot, bytes32 messageRoot)',
]);
