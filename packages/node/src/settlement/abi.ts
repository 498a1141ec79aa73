// The parts of the settlement contract and InteropCenter the node calls or follows (per the contracts'
// published ABI). Kept here, human-readable, so the node does not depend on the compiled artifacts.
import { parseAbi } from 'viem';

export const settlementAbi = parseAbi([
  'event AddedChain(uint256 indexed chainId, uint256 indexed chainIndex)',
  'event AppendedChainBatchRoot(uint256 indexed chainId, uint256 indexed batchNumber, bytes32 chainBatchRoot)',
  'event NewChainRoot(uint256 indexed chainId, bytes32 chainRoot, bytes32 chainIdLeafHash)',
  'event NewInteropRoot(uint256 indexed chainId, uint256 indexed blockNumber, uint256 indexed logId, bytes32[] sides)',
  'event BatchCommitted(uint256 indexed chainId, uint256 indexed batchNumber, bytes32 chainBatchRoot, bytes32 localLogsRoot, uint256 firstBlock, uint256 lastBlock, uint256 logCount)',
  'event BatchExecuted(uint256 indexed chainId, uint256 indexed batchNumber, bytes32 chainBatchRoot, uint256 chainTreeIndex, bytes32 chainRoot, bytes32 messageRoot)',
  'function commitBatch(uint256 chainId, uint256 batchNumber, uint256 firstBlock, uint256 lastBlock, bytes logs, bytes32[] txHashes) returns (bytes32)',
  'function executeBatch(uint256 chainId, uint256 batchNumber)',
  'function commitAndExecuteBatch(uint256 chainId, uint256 batchNumber, uint256 firstBlock, uint256 lastBlock, bytes logs, bytes32[] txHashes) returns (bytes32)',
  'function totalBatchesCommitted(uint256 chainId) view returns (uint256)',
  'function totalBatchesExecuted(uint256 chainId) view returns (uint256)',
  'function historicalRoot(uint256 blockNumber) view returns (bytes32)',
]);

export const interopCenterAbi = parseAbi([
  'struct InteropRoot { uint256 chainId; uint256 blockOrBatchNumber; bytes32[] sides; }',
  'function interopRoots(uint256 chainId, uint256 blockOrBatchNumber) view returns (bytes32)',
  'function addInteropRoot(uint256 chainId, uint256 blockOrBatchNumber, bytes32[] sides)',
  'function addInteropRootsInBatch(InteropRoot[] roots)',
]);
