// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LOG_SIZE, MAX_LOGS_PER_BATCH} from "../common/InteropConstants.sol";
import {InteropHashing} from "../common/InteropHashing.sol";
import {LogTreeLib} from "../common/LogTreeLib.sol";
import {ChainRegistry} from "./ChainRegistry.sol";

/// @dev Batches are committed and executed strictly in order, starting at 1.
error BatchOutOfOrder(uint256 chainId, uint256 expected, uint256 got);
/// @dev The batch must be committed before it is executed.
error BatchNotCommitted(uint256 chainId, uint256 batchNumber);
/// @dev The packed logs are not a whole number of 88-byte logs.
error InvalidLogsLength(uint256 length);
/// @dev A batch holds at most 16,384 logs.
error TooManyLogs(uint256 count);
/// @dev One transaction hash is needed per log.
error TxHashesLengthMismatch(uint256 logs, uint256 txHashes);
/// @dev The batch's L2 blocks must follow the previous batch's without a gap.
error InvalidBlockRange(uint256 firstBlock, uint256 lastBlock, uint256 expectedFirst);

/// @title Batch commit and execute: the settlement layer recomputes each batch's root from its published logs.
/// @notice Trust model: the operator is trusted to publish the logs its chain really produced (no validity proof
/// here); the contract checks that the stored root is the root of those logs and that batches come in order.
abstract contract BatchSettlement is ChainRegistry {
    /// @notice A batch was committed; its calldata carries the packed logs and one L2 tx hash per log.
    event BatchCommitted(
        uint256 indexed chainId,
        uint256 indexed batchNumber,
        bytes32 chainBatchRoot,
        bytes32 localLogsRoot,
        uint256 firstBlock,
        uint256 lastBlock,
        uint256 logCount
    );
    /// @notice A batch was executed: its root is in the chain tree at chainTreeIndex, under messageRoot.
    event BatchExecuted(
        uint256 indexed chainId,
        uint256 indexed batchNumber,
        bytes32 chainBatchRoot,
        uint256 chainTreeIndex,
        bytes32 chainRoot,
        bytes32 messageRoot
    );

    struct ChainBatches {
        uint64 committed;
        uint64 executed;
        uint128 lastBlock;
    }

    mapping(uint256 chainId => ChainBatches) private _batches;

    /// @notice ChainBatchRoot of a committed batch (zero if not committed).
    mapping(uint256 chainId => mapping(uint256 batchNumber => bytes32 root)) public batchRoot;

    /// @notice Commits a batch (operator only): recomputes its log root and stores its ChainBatchRoot.
    /// @param chainId The chain.
    /// @param batchNumber Must be the last committed batch + 1.
    /// @param firstBlock First L2 block of the batch (the previous batch's last + 1, except for batch 1).
    /// @param lastBlock Last L2 block of the batch.
    /// @param logs The batch's logs, 88 bytes each, concatenated (log i is leaf i).
    /// @param txHashes For each log, the hash of the L2 transaction that emitted it.
    /// @return chainBatchRoot keccak(LocalLogsRoot ‖ ChainIdLeaf(0, chainId)).
    function commitBatch(
        uint256 chainId,
        uint256 batchNumber,
        uint256 firstBlock,
        uint256 lastBlock,
        bytes calldata logs,
        bytes32[] calldata txHashes
    ) external onlyOperator(chainId) returns (bytes32 chainBatchRoot) {
        return _commit(chainId, batchNumber, firstBlock, lastBlock, logs, txHashes.length, bytes32(0));
    }

    /// @notice Commits a batch of a chain that is itself a settlement layer (a Gateway), whose ChainBatchRoot is
    /// keccak(LocalLogsRoot ‖ aggregatedRoot) with aggregatedRoot = its own MessageRoot at the end of the batch
    /// (operator only). The operator is trusted for aggregatedRoot exactly as for the logs (no validity proof).
    /// @param chainId The chain.
    /// @param batchNumber Must be the last committed batch + 1.
    /// @param firstBlock First block of the batch.
    /// @param lastBlock Last block of the batch.
    /// @param logs The batch's packed logs.
    /// @param txHashes For each log, the hash of the transaction that emitted it.
    /// @param aggregatedRoot The chain's MessageRoot at the end of the batch.
    /// @return chainBatchRoot keccak(LocalLogsRoot ‖ aggregatedRoot).
    function commitBatchWithAggregatedRoot(
        uint256 chainId,
        uint256 batchNumber,
        uint256 firstBlock,
        uint256 lastBlock,
        bytes calldata logs,
        bytes32[] calldata txHashes,
        bytes32 aggregatedRoot
    ) external onlyOperator(chainId) returns (bytes32 chainBatchRoot) {
        return _commit(chainId, batchNumber, firstBlock, lastBlock, logs, txHashes.length, aggregatedRoot);
    }

    /// @notice {commitBatchWithAggregatedRoot} then {executeBatch} in one transaction (operator only).
    /// @param chainId The chain.
    /// @param batchNumber Must be the last committed and the last executed batch + 1.
    /// @param firstBlock First block of the batch.
    /// @param lastBlock Last block of the batch.
    /// @param logs The batch's packed logs.
    /// @param txHashes For each log, the hash of the transaction that emitted it.
    /// @param aggregatedRoot The chain's MessageRoot at the end of the batch.
    /// @return chainBatchRoot The batch's ChainBatchRoot.
    function commitAndExecuteBatchWithAggregatedRoot(
        uint256 chainId,
        uint256 batchNumber,
        uint256 firstBlock,
        uint256 lastBlock,
        bytes calldata logs,
        bytes32[] calldata txHashes,
        bytes32 aggregatedRoot
    ) external onlyOperator(chainId) returns (bytes32 chainBatchRoot) {
        chainBatchRoot = _commit(chainId, batchNumber, firstBlock, lastBlock, logs, txHashes.length, aggregatedRoot);
        _execute(chainId, batchNumber);
    }

    /// @notice Executes the next committed batch (operator only): appends it to MessageRoot.
    /// @param chainId The chain.
    /// @param batchNumber Must be the last executed batch + 1.
    function executeBatch(uint256 chainId, uint256 batchNumber) external onlyOperator(chainId) {
        _execute(chainId, batchNumber);
    }

    /// @notice {commitBatch} then {executeBatch} in one transaction (operator only).
    /// @param chainId The chain.
    /// @param batchNumber Must be the last committed and the last executed batch + 1.
    /// @param firstBlock First L2 block of the batch.
    /// @param lastBlock Last L2 block of the batch.
    /// @param logs The batch's packed logs.
    /// @param txHashes For each log, the hash of the L2 transaction that emitted it.
    /// @return chainBatchRoot The batch's ChainBatchRoot.
    function commitAndExecuteBatch(
        uint256 chainId,
        uint256 batchNumber,
        uint256 firstBlock,
        uint256 lastBlock,
        bytes calldata logs,
        bytes32[] calldata txHashes
    ) external onlyOperator(chainId) returns (bytes32 chainBatchRoot) {
        chainBatchRoot = _commit(chainId, batchNumber, firstBlock, lastBlock, logs, txHashes.length, bytes32(0));
        _execute(chainId, batchNumber);
    }

    /// @notice Number of committed batches of a chain (= last committed batch number).
    /// @param chainId The chain.
    /// @return The count.
    function totalBatchesCommitted(uint256 chainId) external view returns (uint256) {
        return _batches[chainId].committed;
    }

    /// @notice Number of executed batches of a chain (= last executed batch number).
    /// @param chainId The chain.
    /// @return The count.
    function totalBatchesExecuted(uint256 chainId) external view returns (uint256) {
        return _batches[chainId].executed;
    }

    /// @notice Last L2 block of the last committed batch.
    /// @param chainId The chain.
    /// @return The block number.
    function lastCommittedBlock(uint256 chainId) external view returns (uint256) {
        return _batches[chainId].lastBlock;
    }

    /// @notice ChainBatchRoot of an executed batch (zero if not executed).
    /// @param chainId The chain.
    /// @param batchNumber The batch.
    /// @return The root.
    function chainBatchRoots(uint256 chainId, uint256 batchNumber) public view returns (bytes32) {
        if (batchNumber > _batches[chainId].executed) return bytes32(0);
        return batchRoot[chainId][batchNumber];
    }

    function _commit(
        uint256 chainId,
        uint256 batchNumber,
        uint256 firstBlock,
        uint256 lastBlock,
        bytes calldata logs,
        uint256 txHashCount,
        bytes32 aggregatedRoot
    ) private returns (bytes32 chainBatchRoot) {
        ChainBatches memory s = _batches[chainId];
        if (batchNumber != uint256(s.committed) + 1) {
            revert BatchOutOfOrder(chainId, uint256(s.committed) + 1, batchNumber);
        }
        uint256 expectedFirst = s.committed == 0 ? firstBlock : uint256(s.lastBlock) + 1;
        if (firstBlock != expectedFirst || lastBlock < firstBlock || lastBlock > type(uint128).max) {
            revert InvalidBlockRange(firstBlock, lastBlock, expectedFirst);
        }
        uint256 count = logs.length / LOG_SIZE;
        if (count * LOG_SIZE != logs.length) revert InvalidLogsLength(logs.length);
        if (count > MAX_LOGS_PER_BATCH) revert TooManyLogs(count);
        if (txHashCount != count) revert TxHashesLengthMismatch(count, txHashCount);
        bytes32 localRoot = LogTreeLib.root(_offset(logs), count);
        // A chain no one settles on has the MessageRoot of a shared tree holding only itself: ChainIdLeaf(0, id).
        chainBatchRoot = aggregatedRoot == bytes32(0)
            ? InteropHashing.leafChainBatchRoot(localRoot, chainId)
            : InteropHashing.hashPair(localRoot, aggregatedRoot);
        batchRoot[chainId][batchNumber] = chainBatchRoot;
        // Both casts fit: batchNumber is the last committed (a uint64) + 1, which only 2^64 - 1 earlier batches could
        // push past uint64; lastBlock was checked against type(uint128).max above.
        // forge-lint: disable-next-line(unsafe-typecast)
        _batches[chainId] = ChainBatches(uint64(batchNumber), s.executed, uint128(lastBlock));
        emit BatchCommitted(chainId, batchNumber, chainBatchRoot, localRoot, firstBlock, lastBlock, count);
    }

    function _execute(uint256 chainId, uint256 batchNumber) private {
        ChainBatches storage s = _batches[chainId];
        uint256 expected = uint256(s.executed) + 1;
        if (batchNumber != expected) revert BatchOutOfOrder(chainId, expected, batchNumber);
        if (batchNumber > s.committed) revert BatchNotCommitted(chainId, batchNumber);
        // batchNumber <= s.committed, a uint64, so the cast fits.
        // forge-lint: disable-next-line(unsafe-typecast)
        s.executed = uint64(batchNumber);
        bytes32 root = batchRoot[chainId][batchNumber];
        (uint256 treeIndex, bytes32 newChainRoot, bytes32 messageRoot) =
            _appendBatchRoot(chainId, chainIndex(chainId), batchNumber, root);
        emit BatchExecuted(chainId, batchNumber, root, treeIndex, newChainRoot, messageRoot);
    }

    function _offset(bytes calldata data) private pure returns (uint256 o) {
        assembly ("memory-safe") {
            o := data.offset
        }
    }
}
