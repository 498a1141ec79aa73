// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {InteropHashing} from "./InteropHashing.sol";

/// @dev The proof array is empty.
error ProofEmpty();
/// @dev A metadata word names a version other than 1.
error UnsupportedProofVersion(uint256 version);
/// @dev The lengths announced by the metadata run past the end of the array.
error ProofLengthPastEnd();
/// @dev Words remain after the final node.
error ProofWordsLeftOver();
/// @dev A mask has bits at or above the length of its path.
error ProofMaskOutOfRange();
/// @dev The leaf is the default (empty) log leaf.
error DefaultLeafNotAllowed();
/// @dev A final-node metadata word carries a non-zero batch proof length.
error FinalNodeWithBatchProof();
/// @dev A legacy plain path is longer than 255 words.
error ProofPathTooLong();
/// @dev The final-node flag of a metadata word is neither 0 nor 1.
error InvalidFinalFlag(uint256 flag);
/// @dev A level after the first does not start with a metadata word.
error MissingProofMetadata();

/// @title Proof format v1 and legacy plain paths (DESIGN.md §4), read straight from calldata.
/// @notice Walks a proof from a leaf to the root it commits to and returns that root with the chain and
/// block/batch number it must be stored under. Malformed proofs revert; nothing is guessed.
library InteropProofLib {
    uint256 private constant PROOF_VERSION = 1;

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
        uint256 len = proof.length;
        if (len == 0) revert ProofEmpty();
        if (leaf == InteropHashing.DEFAULT_LOG_LEAF) revert DefaultLeafNotAllowed();
        uint256 base;
        assembly ("memory-safe") {
            base := proof.offset
        }
        uint256 ptr;
        unchecked {
            for (;;) {
                // Header checks first, in the same order as the TypeScript core, so both refuse for the same reason.
                uint256 meta = _word(base, ptr);
                uint256 pathStart = ptr + 1;
                uint256 pathLen;
                uint256 batchLen;
                bool isFinal;
                if (meta << 32 != 0) {
                    // Legacy: the whole proof is one plain path. Only proof[0] may start one: a nested plain path
                    // would let the final metadata word be dropped without changing the result.
                    if (ptr != 0) revert MissingProofMetadata();
                    pathStart = ptr;
                    pathLen = len - ptr;
                    isFinal = true;
                } else {
                    if (meta >> 248 != PROOF_VERSION) revert UnsupportedProofVersion(meta >> 248);
                    uint256 flag = (meta >> 224) & 0xff;
                    if (flag > 1) revert InvalidFinalFlag(flag);
                    pathLen = (meta >> 240) & 0xff;
                    batchLen = (meta >> 232) & 0xff;
                    isFinal = flag == 1;
                }
                if (isFinal && batchLen != 0) revert FinalNodeWithBatchProof();
                if (pathLen > 255) revert ProofPathTooLong();
                // A non-final level also holds: batch mask, batch path, (block << 128 | mask), settlement chain id.
                uint256 end = pathStart + pathLen + (isFinal ? 0 : batchLen + 3);
                if (end > len) revert ProofLengthPastEnd();
                if (isFinal && end != len) revert ProofWordsLeftOver();
                if (mask >> pathLen != 0) revert ProofMaskOutOfRange();
                root = _path(leaf, mask, base + (pathStart << 5), pathLen);
                if (isFinal) return (chainId, batchNumber, root);

                ptr = pathStart + pathLen;
                uint256 batchMask = _word(base, ptr);
                if (batchMask >> batchLen != 0) revert ProofMaskOutOfRange();
                bytes32 chainRoot =
                    _path(InteropHashing.batchRootLeaf(root, batchNumber), batchMask, base + ((ptr + 1) << 5), batchLen);
                ptr += 1 + batchLen;
                leaf = InteropHashing.chainIdLeaf(chainRoot, chainId);
                uint256 packed = _word(base, ptr);
                batchNumber = packed >> 128;
                mask = packed & type(uint128).max;
                chainId = _word(base, ptr + 1);
                ptr += 2;
                // The next level starts with its own header word.
                if (ptr >= len) revert ProofLengthPastEnd();
            }
        }
    }

    function _word(uint256 base, uint256 i) private pure returns (uint256 w) {
        assembly ("memory-safe") {
            w := calldataload(add(base, shl(5, i)))
        }
    }

    /// @dev Hashes `x` up `n` calldata words at `p`; bit i of `m` set means the node is the right child at level i.
    function _path(bytes32 x, uint256 m, uint256 p, uint256 n) private pure returns (bytes32) {
        assembly ("memory-safe") {
            for { let end := add(p, shl(5, n)) } lt(p, end) { p := add(p, 0x20) } {
                let s := shl(5, and(m, 1))
                mstore(s, x)
                mstore(xor(s, 0x20), calldataload(p))
                x := keccak256(0x00, 0x40)
                m := shr(1, m)
            }
        }
        return x;
    }
}
