// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title The settlement layer's MessageRoot: chain trees of batch roots under one shared tree (docs/protocol.md).
/// @notice Root importers watch NewInteropRoot and import each block's root on every chain.
interface IMessageRoot {
    /// @notice A chain got its leaf in the shared tree (index 0 is the settlement layer itself).
    event AddedChain(uint256 indexed chainId, uint256 indexed chainIndex);
    /// @notice A batch root was appended to a chain tree.
    event AppendedChainBatchRoot(uint256 indexed chainId, uint256 indexed batchNumber, bytes32 chainBatchRoot);
    /// @notice A chain tree has a new root and its shared-tree leaf was updated.
    event NewChainRoot(uint256 indexed chainId, bytes32 chainRoot, bytes32 chainIdLeafHash);
    /// @notice The shared tree has a new root. logId counts updates within the block (0 for the first);
    /// sides = [root]. The highest logId of a block carries that block's root.
    event NewInteropRoot(uint256 indexed chainId, uint256 indexed blockNumber, uint256 indexed logId, bytes32[] sides);
    /// @notice A leaf was appended to a chain tree: its index, value and sibling path against the new chain root
    /// (left siblings, and empty subtrees on the right). With the appends that follow it in the same block, a
    /// reader has the leaf's path at the end of the block without the chain's earlier history (docs/protocol.md).
    event ChainTreeLeafPath(
        uint256 indexed chainId, uint256 indexed batchNumber, uint256 index, bytes32 leaf, bytes32[] path
    );
    /// @notice A shared-tree leaf was set (a chain was added, or its chain root changed): its index, value and
    /// sibling path against the new MessageRoot. A block's events of this kind give every path at its end.
    event SharedTreeLeafPath(uint256 indexed chainId, uint256 indexed index, bytes32 leaf, bytes32[] path);

    /// @notice The current shared-tree root (the settlement layer's MessageRoot).
    /// @return The root.
    function currentMessageRoot() external view returns (bytes32);

    /// @notice Root of a chain's tree of batch roots (zero before its first executed batch).
    /// @param chainId The chain.
    /// @return The root.
    function chainRoot(uint256 chainId) external view returns (bytes32);

    /// @notice Number of batch roots in a chain's tree.
    /// @param chainId The chain.
    /// @return The size.
    function chainTreeSize(uint256 chainId) external view returns (uint256);

    /// @notice Last shared-tree root set in a block; zero when the tree did not change in it.
    /// @param blockNumber The settlement-layer block.
    /// @return root The root.
    function historicalRoot(uint256 blockNumber) external view returns (bytes32 root);
}
