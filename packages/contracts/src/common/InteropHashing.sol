// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Leaf and node hashes of the interop trees (DESIGN.md §2-§3).
/// @dev All helpers hash in scratch space or above the free memory pointer without moving it.
library InteropHashing {
    /// @dev keccak256(88 zero bytes): the value of an unused log tree leaf.
    bytes32 internal constant DEFAULT_LOG_LEAF = 0x72abee45b59e344af8a6e520241c4744aff26ed411f4c4b00f8af09adada43ba;
    /// @dev keccak256(96 zero bytes): empty value of the chain tree and of the shared tree.
    bytes32 internal constant EMPTY_MERKLE_LEAF = 0x46700b4d40ac5c35af2c22dda2787a91eb567b06c924a8fb8ae9a05b20c08c21;
    /// @dev keccak256("zkSync:BatchLeaf")
    bytes32 internal constant BATCH_LEAF_PADDING = 0xd82fec4a37cbdc47f1e5cc4ad64deacf34a48e6f7c61fa5b68fd58e543259cf4;
    /// @dev keccak256("zkSync:ChainIdLeaf")
    bytes32 internal constant CHAIN_ID_LEAF_PADDING = 0x39bc69363bb9e26cf14240de4e22569e95cf175cfbcf1ade1a47a253b4bf7f61;

    /// @dev keccak256(left ‖ right) in scratch space.
    function hashPair(bytes32 left, bytes32 right) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            mstore(0x00, left)
            mstore(0x20, right)
            h := keccak256(0x00, 0x40)
        }
    }

    /// @dev Leaf hash of an L2->L1 log: keccak256 of its 88-byte packing.
    function logLeaf(uint256 shardId, bool isService, uint256 txNumberInBatch, address sender, bytes32 key, bytes32 value)
        internal
        pure
        returns (bytes32 h)
    {
        assembly ("memory-safe") {
            let p := mload(0x40)
            // bytes 0..23: shard(1) service(1) txNumber(2) sender(20); key and value follow (overwriting the tail).
            mstore(
                p,
                or(
                    or(shl(248, and(shardId, 0xff)), shl(240, iszero(iszero(isService)))),
                    or(shl(224, and(txNumberInBatch, 0xffff)), shl(64, and(sender, 0xffffffffffffffffffffffffffffffffffffffff)))
                )
            )
            mstore(add(p, 24), key)
            mstore(add(p, 56), value)
            h := keccak256(p, 88)
        }
    }

    /// @dev Leaf of a message sent through L1Messenger by `sender` (key = sender, value = keccak(data)).
    function messengerLogLeaf(uint256 txNumberInBatch, address sender, bytes32 dataHash) internal pure returns (bytes32) {
        return logLeaf(0, true, txNumberInBatch, 0x0000000000000000000000000000000000008008, bytes32(uint256(uint160(sender))), dataHash);
    }

    /// @dev keccak256(BATCH_LEAF_PADDING ‖ chainBatchRoot ‖ batchNumber)
    function batchRootLeaf(bytes32 chainBatchRoot, uint256 batchNumber) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, BATCH_LEAF_PADDING)
            mstore(add(p, 0x20), chainBatchRoot)
            mstore(add(p, 0x40), batchNumber)
            h := keccak256(p, 0x60)
        }
    }

    /// @dev keccak256(CHAIN_ID_LEAF_PADDING ‖ chainRoot ‖ chainId)
    function chainIdLeaf(bytes32 chainRoot, uint256 chainId) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, CHAIN_ID_LEAF_PADDING)
            mstore(add(p, 0x20), chainRoot)
            mstore(add(p, 0x40), chainId)
            h := keccak256(p, 0x60)
        }
    }

    /// @dev ChainBatchRoot of a chain no one settles on: keccak(localLogsRoot ‖ ChainIdLeaf(0, chainId)).
    function leafChainBatchRoot(bytes32 localLogsRoot, uint256 chainId) internal pure returns (bytes32) {
        return hashPair(localLogsRoot, chainIdLeaf(bytes32(0), chainId));
    }
}
