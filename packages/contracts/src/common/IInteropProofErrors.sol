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
