// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {InteropHashing} from "../common/InteropHashing.sol";
import {FullTree, IncrementalTree, MerkleTrees} from "../common/MerkleTrees.sol";

/// @title The settlement layer's MessageRoot (DESIGN.md §3): chain trees of batch roots under a shared tree.
/// @notice Every update of the shared tree is recorded for the current block (the last one in a block wins)
/// and announced with NewInteropRoot, which root importers watch.
abstract contract MessageRoot {
    using MerkleTrees for IncrementalTree;
    using MerkleTrees for FullTree;

    /// @notice A chain got its leaf in the shared tree (index 0 is the settlement layer itself).
    event AddedChain(uint256 indexed chainId, uint256 indexed chainIndex);
    /// @notice A batch root was appended to a chain tree.
    event AppendedChainBatchRoot(uint256 indexed chainId, uint256 indexed batchNumber, bytes32 chainBatchRoot);
    /// @notice A chain tree has a new root and its shared-tree leaf was updated.
    event NewChainRoot(uint256 indexed chainId, bytes32 chainRoot, bytes32 chainIdLeafHash);
    /// @notice The shared tree has a new root. logId counts updates within the block (0 for the first);
    /// sides = [root]. The highest logId of a block carries that block's root.
    event NewInteropRoot(uint256 indexed chainId, uint256 indexed blockNumber, uint256 indexed logId, bytes32[] sides);

    mapping(uint256 chainId => IncrementalTree) internal _chainTrees;
    FullTree internal _sharedTree;

    /// @notice Last shared-tree root set in a block; zero when the tree did not change in it.
    mapping(uint256 blockNumber => bytes32 root) public historicalRoot;

    /// @dev Block of the last root update and how many updates that block has seen.
    uint128 private _lastRootBlock;
    uint128 private _rootsInBlock;

    /// @notice The current shared-tree root (the settlement layer's MessageRoot).
    /// @return The root.
    function currentMessageRoot() external view returns (bytes32) {
        return _sharedTree.root();
    }

    /// @notice Root of a chain's tree of batch roots (zero before its first executed batch).
    /// @param chainId The chain.
    /// @return The root.
    function chainRoot(uint256 chainId) external view returns (bytes32) {
        return _chainTrees[chainId].root();
    }

    /// @notice Number of batch roots in a chain's tree.
    /// @param chainId The chain.
    /// @return The size.
    function chainTreeSize(uint256 chainId) external view returns (uint256) {
        return _chainTrees[chainId].size;
    }

    /// @dev Adds the leaf ChainIdLeaf(0, chainId); returns its shared-tree index.
    function _addChainLeaf(uint256 chainId) internal returns (uint256 index) {
        bytes32 root;
        (index, root) = _sharedTree.push(InteropHashing.chainIdLeaf(bytes32(0), chainId));
        emit AddedChain(chainId, index);
        _recordRoot(root);
    }

    /// @dev Appends a batch root to a chain tree and updates the chain's shared-tree leaf.
    function _appendBatchRoot(uint256 chainId, uint256 sharedIndex, uint256 batchNumber, bytes32 chainBatchRoot)
        internal
        returns (uint256 chainTreeIndex, bytes32 newChainRoot, bytes32 messageRoot)
    {
        (chainTreeIndex, newChainRoot) =
            _chainTrees[chainId].push(InteropHashing.batchRootLeaf(chainBatchRoot, batchNumber));
        emit AppendedChainBatchRoot(chainId, batchNumber, chainBatchRoot);
        bytes32 leaf = InteropHashing.chainIdLeaf(newChainRoot, chainId);
        emit NewChainRoot(chainId, newChainRoot, leaf);
        messageRoot = _sharedTree.update(sharedIndex, leaf);
        _recordRoot(messageRoot);
    }

    function _recordRoot(bytes32 root) private {
        uint256 logId = _lastRootBlock == block.number ? _rootsInBlock : 0;
        _lastRootBlock = uint128(block.number);
        _rootsInBlock = uint128(logId + 1);
        historicalRoot[block.number] = root;
        bytes32[] memory sides = new bytes32[](1);
        sides[0] = root;
        emit NewInteropRoot(block.chainid, block.number, logId, sides);
    }
}
