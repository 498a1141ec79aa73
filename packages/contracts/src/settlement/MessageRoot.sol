// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {InteropHashing} from "../common/InteropHashing.sol";
import {FullTree, IncrementalTree, MerkleTrees} from "../common/MerkleTrees.sol";
import {IMessageRoot} from "./IMessageRoot.sol";

/// @title The settlement layer's MessageRoot (docs/protocol.md): chain trees of batch roots under a shared tree.
/// @notice Every update of the shared tree is recorded for the current block (the last one in a block wins)
/// and announced with NewInteropRoot, which root importers watch. Every tree write also emits the written leaf's
/// sibling path (ChainTreeLeafPath, SharedTreeLeafPath): the siblings the write reads anyway, so a reader can
/// rebuild a proof at a block from that block's events alone, at no extra storage cost.
abstract contract MessageRoot is IMessageRoot {
    using MerkleTrees for IncrementalTree;
    using MerkleTrees for FullTree;

    mapping(uint256 chainId => IncrementalTree) internal _chainTrees;
    FullTree internal _sharedTree;

    /// @inheritdoc IMessageRoot
    mapping(uint256 blockNumber => bytes32 root) public historicalRoot;

    /// @dev Block of the last root update and how many updates that block has seen.
    uint128 private _lastRootBlock;
    uint128 private _rootsInBlock;

    /// @inheritdoc IMessageRoot
    function currentMessageRoot() external view returns (bytes32) {
        return _sharedTree.root();
    }

    /// @inheritdoc IMessageRoot
    function chainRoot(uint256 chainId) external view returns (bytes32) {
        return _chainTrees[chainId].root();
    }

    /// @inheritdoc IMessageRoot
    function chainTreeSize(uint256 chainId) external view returns (uint256) {
        return _chainTrees[chainId].size;
    }

    /// @dev Adds the leaf ChainIdLeaf(0, chainId); returns its shared-tree index.
    function _addChainLeaf(uint256 chainId) internal returns (uint256 index) {
        bytes32 leaf = InteropHashing.chainIdLeaf(bytes32(0), chainId);
        (uint256 i, bytes32 root, bytes32[] memory path) = _sharedTree.push(leaf);
        index = i;
        emit AddedChain(chainId, index);
        emit SharedTreeLeafPath(chainId, index, leaf, path);
        _recordRoot(root);
    }

    /// @dev Appends a batch root to a chain tree and updates the chain's shared-tree leaf.
    function _appendBatchRoot(uint256 chainId, uint256 sharedIndex, uint256 batchNumber, bytes32 chainBatchRoot)
        internal
        returns (uint256 chainTreeIndex, bytes32 newChainRoot, bytes32 messageRoot)
    {
        bytes32 batchLeaf = InteropHashing.batchRootLeaf(chainBatchRoot, batchNumber);
        bytes32[] memory path;
        (chainTreeIndex, newChainRoot, path) = _chainTrees[chainId].push(batchLeaf);
        emit AppendedChainBatchRoot(chainId, batchNumber, chainBatchRoot);
        emit ChainTreeLeafPath(chainId, batchNumber, chainTreeIndex, batchLeaf, path);
        bytes32 leaf = InteropHashing.chainIdLeaf(newChainRoot, chainId);
        emit NewChainRoot(chainId, newChainRoot, leaf);
        (messageRoot, path) = _sharedTree.update(sharedIndex, leaf);
        emit SharedTreeLeafPath(chainId, sharedIndex, leaf, path);
        _recordRoot(messageRoot);
    }

    function _recordRoot(bytes32 root) private {
        uint256 logId = _lastRootBlock == block.number ? _rootsInBlock : 0;
        _lastRootBlock = uint128(block.number);
        // logId counts the root updates of one block: far below 2^128.
        // forge-lint: disable-next-line(unsafe-typecast)
        _rootsInBlock = uint128(logId + 1);
        historicalRoot[block.number] = root;
        bytes32[] memory sides = new bytes32[](1);
        sides[0] = root;
        emit NewInteropRoot(block.chainid, block.number, logId, sides);
    }
}
