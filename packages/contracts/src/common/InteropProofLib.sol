// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Errors of {InteropProofLib}. Contracts that verify proofs inherit this so the errors are in their ABI
/// (the library raises them from assembly by selector).
interface IInteropProofErrors {
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
}

/// @title Proof format v1 and legacy plain paths (DESIGN.md §4), read straight from calldata.
/// @notice Walks a proof from a leaf to the root it commits to and returns that root with the chain and
/// block/batch number it must be stored under. Malformed proofs revert; nothing is guessed. Checks run in the
/// same order as the TypeScript core's verifyProof, so both refuse a malformed proof for the same reason.
/// @dev One assembly block: the proof is never copied, hashing uses scratch space (0x00-0x40) and the 96 bytes
/// above the free memory pointer (not moved). Error selectors are literals; tests decode every one of them.
library InteropProofLib {
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
            if iszero(len) { fail(0x49366e20) } // ProofEmpty()
            if eq(leaf, 0x72abee45b59e344af8a6e520241c4744aff26ed411f4c4b00f8af09adada43ba) {
                fail(0xfb518a21) // DefaultLeafNotAllowed()
            }
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
                    let version := shr(248, meta)
                    if iszero(eq(version, 1)) { failWith(0x6207fb7c, version) } // UnsupportedProofVersion(uint256)
                    isFinal := and(shr(224, meta), 0xff)
                    if gt(isFinal, 1) { failWith(0xe63366a3, isFinal) } // InvalidFinalFlag(uint256)
                    pathLen := and(shr(240, meta), 0xff)
                    batchLen := and(shr(232, meta), 0xff)
                    if and(isFinal, gt(batchLen, 0)) { fail(0x43f991d1) } // FinalNodeWithBatchProof()
                }
                default {
                    // Legacy: the whole proof is one plain path. Only proof[0] may start one: a nested plain
                    // path would let the final metadata word be dropped without changing the result.
                    if ptr { fail(0xe5ff44ed) } // MissingProofMetadata()
                    pathStart := 0
                    pathLen := len
                    if gt(len, 255) { fail(0x68e344de) } // ProofPathTooLong()
                }
                let end := add(pathStart, pathLen)
                switch isFinal
                case 0 {
                    // A non-final level also holds: batch mask, batch path, (block << 128 | mask), settlement chain id.
                    if gt(add(end, add(batchLen, 3)), len) { fail(0x25bb655b) } // ProofLengthPastEnd()
                }
                default {
                    if iszero(eq(end, len)) {
                        if gt(end, len) { fail(0x25bb655b) } // ProofLengthPastEnd()
                        fail(0xef324686) // ProofWordsLeftOver()
                    }
                }
                if shr(pathLen, mask) { fail(0x84e3386b) } // ProofMaskOutOfRange()
                root := walk(leaf, mask, add(base, shl(5, pathStart)), pathLen)
                if isFinal {
                    finalChainId := chainId
                    finalNumber := batchNumber
                    break
                }
                ptr := add(pathStart, pathLen)
                let batchMask := calldataload(add(base, shl(5, ptr)))
                if shr(batchLen, batchMask) { fail(0x84e3386b) } // ProofMaskOutOfRange()
                let fmp := mload(0x40)
                // BatchRootLeaf(root, batchNumber) up the chain tree, then ChainIdLeaf(chainRoot, chainId).
                mstore(fmp, 0xd82fec4a37cbdc47f1e5cc4ad64deacf34a48e6f7c61fa5b68fd58e543259cf4)
                mstore(add(fmp, 0x20), root)
                mstore(add(fmp, 0x40), batchNumber)
                let chainRoot := walk(keccak256(fmp, 0x60), batchMask, add(base, shl(5, add(ptr, 1))), batchLen)
                ptr := add(ptr, add(batchLen, 1))
                mstore(fmp, 0x39bc69363bb9e26cf14240de4e22569e95cf175cfbcf1ade1a47a253b4bf7f61)
                mstore(add(fmp, 0x20), chainRoot)
                mstore(add(fmp, 0x40), chainId)
                leaf := keccak256(fmp, 0x60)
                let packed := calldataload(add(base, shl(5, ptr)))
                batchNumber := shr(128, packed)
                mask := and(packed, 0xffffffffffffffffffffffffffffffff)
                chainId := calldataload(add(base, shl(5, add(ptr, 1))))
                ptr := add(ptr, 2)
                // The next level starts with its own header word.
                if iszero(lt(ptr, len)) { fail(0x25bb655b) } // ProofLengthPastEnd()
            }
        }
    }
}
