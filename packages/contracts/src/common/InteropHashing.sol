// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {
    BATCH_LEAF_PADDING,
    CHAIN_ID_LEAF_PADDING,
    LOG_IS_SERVICE_SHIFT,
    LOG_KEY_OFFSET,
    LOG_SENDER_SHIFT,
    LOG_SHARD_ID_SHIFT,
    LOG_SIZE,
    LOG_TX_NUMBER_SHIFT,
    LOG_VALUE_OFFSET
} from "./InteropConstants.sol";
import {L1_MESSENGER_ADDRESS} from "./InteropTypes.sol";

/// @title Leaf and node hashes of the interop trees (docs/protocol.md).
/// @dev All helpers hash in scratch space or above the free memory pointer without moving it.
library InteropHashing {
    /// @dev keccak256(left ‖ right) in scratch space.
    function hashPair(bytes32 left, bytes32 right) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            mstore(0x00, left)
            mstore(0x20, right)
            h := keccak256(0x00, 0x40)
        }
    }

    /// @dev Leaf hash of an L2->L1 log: keccak256 of its LOG_SIZE-byte packing.
    function logLeaf(
        uint256 shardId,
        bool isService,
        uint256 txNumberInBatch,
        address sender,
        bytes32 key,
        bytes32 value
    ) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            // bytes 0..23: shard(1) service(1) txNumber(2) sender(20); key and value follow (overwriting the tail).
            mstore(
                p,
                or(
                    or(
                        shl(LOG_SHARD_ID_SHIFT, and(shardId, 0xff)),
                        shl(LOG_IS_SERVICE_SHIFT, iszero(iszero(isService)))
                    ),
                    or(
                        shl(LOG_TX_NUMBER_SHIFT, and(txNumberInBatch, 0xffff)),
                        shl(LOG_SENDER_SHIFT, and(sender, 0xffffffffffffffffffffffffffffffffffffffff))
                    )
                )
            )
            mstore(add(p, LOG_KEY_OFFSET), key)
            mstore(add(p, LOG_VALUE_OFFSET), value)
            h := keccak256(p, LOG_SIZE)
        }
    }

    /// @dev Leaf of a message sent through L1Messenger by `sender` (key = sender, value = keccak(data)).
    function messengerLogLeaf(uint256 txNumberInBatch, address sender, bytes32 dataHash)
        internal
        pure
        returns (bytes32)
    {
        return logLeaf(0, true, txNumberInBatch, L1_MESSENGER_ADDRESS, bytes32(uint256(uint160(sender))), dataHash);
    }

    /// @dev keccak256(BATCH_LEAF_PADDING ‖ chainBatchRoot ‖ batchNumber)
    function batchRootLeaf(bytes32 chainBatchRoot, uint256 batchNumber) internal pure returns (bytes32) {
        return paddedLeaf(BATCH_LEAF_PADDING, chainBatchRoot, batchNumber);
    }

    /// @dev keccak256(CHAIN_ID_LEAF_PADDING ‖ chainRoot ‖ chainId)
    function chainIdLeaf(bytes32 chainRoot, uint256 chainId) internal pure returns (bytes32) {
        return paddedLeaf(CHAIN_ID_LEAF_PADDING, chainRoot, chainId);
    }

    /// @dev keccak256(padding ‖ root ‖ id) above the free memory pointer: a leaf of a chain's or the shared tree.
    function paddedLeaf(bytes32 padding, bytes32 root, uint256 id) private pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, padding)
            mstore(add(p, 0x20), root)
            mstore(add(p, 0x40), id)
            h := keccak256(p, 0x60)
        }
    }

    /// @dev ChainBatchRoot of a chain no one settles on: keccak(localLogsRoot ‖ ChainIdLeaf(0, chainId)).
    function leafChainBatchRoot(bytes32 localLogsRoot, uint256 chainId) internal pure returns (bytes32) {
        return hashPair(localLogsRoot, chainIdLeaf(bytes32(0), chainId));
    }
}
