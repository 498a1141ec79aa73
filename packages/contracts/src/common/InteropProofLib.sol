// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IInteropProofErrors} from "./IInteropProofErrors.sol";
import {
    BATCH_LEAF_PADDING,
    CHAIN_ID_LEAF_PADDING,
    DEFAULT_LOG_LEAF,
    MAX_LEGACY_PATH_LENGTH,
    PROOF_FORMAT_VERSION
} from "./InteropConstants.sol";

/// @title Proof format v1 and legacy plain paths (docs/protocol.md), read straight from calldata.
/// @notice Walks a proof from a leaf to the root it commits to and returns that root with the chain and
/// block/batch number it must be stored under. Malformed proofs revert; nothing is guessed. Checks run in the
/// same order as the TypeScript core's verifyProof, so both refuse a malformed proof for the same reason.
/// @dev One assembly block: the proof is never copied, hashing uses scratch space (0x00-0x40) and the 96 bytes
/// above the free memory pointer (not moved). Errors are raised by selector (the constants below, those of
/// {IInteropProofErrors}); tests decode every one of them.
library InteropProofLib {
    // A metadata word: version (byte 0), path length (1), batch path length (2), final flag (3), then zeros.
    uint256 private constant META_VERSION_SHIFT = 248;
    uint256 private constant META_PATH_LENGTH_SHIFT = 240;
    uint256 private constant META_BATCH_PATH_LENGTH_SHIFT = 232;
    uint256 private constant META_FINAL_FLAG_SHIFT = 224;

    uint256 private constant PROOF_EMPTY = 0x49366e20; // ProofEmpty()
    uint256 private constant UNSUPPORTED_PROOF_VERSION = 0x6207fb7c; // UnsupportedProofVersion(uint256)
    uint256 private constant PROOF_LENGTH_PAST_END = 0x25bb655b; // ProofLengthPastEnd()
    uint256 private constant PROOF_WORDS_LEFT_OVER = 0xef324686; // ProofWordsLeftOver()
    uint256 private constant PROOF_MASK_OUT_OF_RANGE = 0x84e3386b; // ProofMaskOutOfRange()
    uint256 private constant DEFAULT_LEAF_NOT_ALLOWED = 0xfb518a21; // DefaultLeafNotAllowed()
    uint256 private constant FINAL_NODE_WITH_BATCH_PROOF = 0x43f991d1; // FinalNodeWithBatchProof()
    uint256 private constant PROOF_PATH_TOO_LONG = 0x68e344de; // ProofPathTooLong()
    uint256 private constant INVALID_FINAL_FLAG = 0xe63366a3; // InvalidFinalFlag(uint256)
    uint256 private constant MISSING_PROOF_METADATA = 0xe5ff44ed; // MissingProofMetadata()

    /// @param chainId Source chain of the leaf.
    /// @param batchNumber Source batch of the leaf.
    /// @param mask Leaf position bits (the log's index in its batch).
    /// @param leaf Leaf hash; the default log leaf is refused.
    /// @param proof Proof words (calldata, never copied).
    /// @return finalChainId Chain whose root the proof ends at (the settlement layer for a recursive proof).
    /// @return finalNumber Batch (single level) or settlement block (recursive) of that root.
    /// @return root The computed root.
    function computeRoot(uint256 chainId, uint256 batchNumber, uint256 mask, bytes32 leaf, bytes32[] calldata proof)
        internal
        pure
        returns (uint256 finalChainId, uint256 finalNumber, bytes32 root)
    {
        assembly ("memory-safe") {
            function fail(selector) {
                mstore(0x00, shl(224, selector))
                revert(0x00, 0x04)
            }
            function failWith(selector, value) {
                mstore(0x00, shl(224, selector))
                mstore(0x04, value)
                revert(0x00, 0x24)
            }
            // x hashed up n calldata words at p; bit i of m set = the node is the right child at level i.
            function walk(x, m, p, n) -> r {
                r := x
                if n {
                    let end := add(p, shl(5, n))
                    for {} 1 {} {
                        let s := and(shl(5, m), 0x20)
                        mstore(s, r)
                        mstore(xor(s, 0x20), calldataload(p))
                        r := keccak256(0x00, 0x40)
                        m := shr(1, m)
                        p := add(p, 0x20)
                        if eq(p, end) { break }
                    }
                }
            }
            let len := proof.length
            if iszero(len) { fail(PROOF_EMPTY) }
            if eq(leaf, DEFAULT_LOG_LEAF) { fail(DEFAULT_LEAF_NOT_ALLOWED) }
            let base := proof.offset
            let ptr := 0
            for {} 1 {} {
                let meta := calldataload(add(base, shl(5, ptr)))
                let pathStart := add(ptr, 1)
                let pathLen := 0
                let batchLen := 0
                let isFinal := 1
                switch shl(32, meta)
                case 0 {
                    let version := shr(META_VERSION_SHIFT, meta)
                    if iszero(eq(version, PROOF_FORMAT_VERSION)) {
                        failWith(UNSUPPORTED_PROOF_VERSION, version)
                    }
                    isFinal := and(shr(META_FINAL_FLAG_SHIFT, meta), 0xff)
                    if gt(isFinal, 1) { failWith(INVALID_FINAL_FLAG, isFinal) }
                    pathLen := and(shr(META_PATH_LENGTH_SHIFT, meta), 0xff)
                    batchLen := and(shr(META_BATCH_PATH_LENGTH_SHIFT, meta), 0xff)
                    if and(isFinal, gt(batchLen, 0)) { fail(FINAL_NODE_WITH_BATCH_PROOF) }
                }
                default {
                    // Legacy: the whole proof is one plain path. Only proof[0] may start one: a nested plain
                    // path would let the final metadata word be dropped without changing the result.
                    if ptr { fail(MISSING_PROOF_METADATA) }
                    pathStart := 0
                    pathLen := len
                    if gt(len, MAX_LEGACY_PATH_LENGTH) { fail(PROOF_PATH_TOO_LONG) }
                }
                let end := add(pathStart, pathLen)
                switch isFinal
                case 0 {
                    // A non-final level also holds: batch mask, batch path, (block << 128 | mask), settlement chain id.
                    if gt(add(end, add(batchLen, 3)), len) { fail(PROOF_LENGTH_PAST_END) }
                }
                default {
                    if iszero(eq(end, len)) {
                        if gt(end, len) { fail(PROOF_LENGTH_PAST_END) }
                        fail(PROOF_WORDS_LEFT_OVER)
                    }
                }
                if shr(pathLen, mask) { fail(PROOF_MASK_OUT_OF_RANGE) }
                root := walk(leaf, mask, add(base, shl(5, pathStart)), pathLen)
                if isFinal {
                    finalChainId := chainId
                    finalNumber := batchNumber
                    break
                }
                ptr := add(pathStart, pathLen)
                let batchMask := calldataload(add(base, shl(5, ptr)))
                if shr(batchLen, batchMask) { fail(PROOF_MASK_OUT_OF_RANGE) }
                let fmp := mload(0x40)
                // BatchRootLeaf(root, batchNumber) up the chain tree, then ChainIdLeaf(chainRoot, chainId).
                mstore(fmp, BATCH_LEAF_PADDING)
                mstore(add(fmp, 0x20), root)
                mstore(add(fmp, 0x40), batchNumber)
                let chainRoot := walk(keccak256(fmp, 0x60), batchMask, add(base, shl(5, add(ptr, 1))), batchLen)
                ptr := add(ptr, add(batchLen, 1))
                mstore(fmp, CHAIN_ID_LEAF_PADDING)
                mstore(add(fmp, 0x20), chainRoot)
                mstore(add(fmp, 0x40), chainId)
                leaf := keccak256(fmp, 0x60)
                let packed := calldataload(add(base, shl(5, ptr)))
                batchNumber := shr(128, packed)
                mask := and(packed, 0xffffffffffffffffffffffffffffffff)
                chainId := calldataload(add(base, shl(5, add(ptr, 1))))
                ptr := add(ptr, 2)
                // The next level starts with its own header word.
                if iszero(lt(ptr, len)) { fail(PROOF_LENGTH_PAST_END) }
            }
        }
    }
}
