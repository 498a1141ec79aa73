// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {InteropHashing} from "./InteropHashing.sol";
import {IInteropProofErrors, InteropProofLib} from "./InteropProofLib.sol";
import {L2Log, L2Message} from "./InteropTypes.sol";

/// @title ZKsync-compatible inclusion checks (IMessageVerification's `...Shared` functions).
/// @notice A proof is valid when it reaches a non-zero root stored for the chain and block/batch it ends at.
/// Malformed proofs revert with the errors of {InteropProofLib}; a well-formed proof that misses returns false.
abstract contract MessageVerifier is IInteropProofErrors {
    /// @notice Proves that `_message` was sent through L1Messenger on `_chainId`.
    /// @param _chainId Source chain.
    /// @param _blockOrBatchNumber Source batch holding the message's log.
    /// @param _index Position of the log in the batch's log tree.
    /// @param _message The sending transaction's number in its batch, the sender and the message.
    /// @param _proof Proof words (format v1 or a legacy plain path).
    /// @return True when the proof reaches a stored root.
    function proveL2MessageInclusionShared(
        uint256 _chainId,
        uint256 _blockOrBatchNumber,
        uint256 _index,
        L2Message calldata _message,
        bytes32[] calldata _proof
    ) external view returns (bool) {
        bytes32 leaf = InteropHashing.messengerLogLeaf(
            _message.txNumberInBatch, _message.sender, keccak256(_message.data)
        );
        return _verifyLeaf(_chainId, _blockOrBatchNumber, _index, leaf, _proof);
    }

    /// @notice Proves that the L2->L1 log `_log` is in batch `_blockOrBatchNumber` of `_chainId`.
    /// @param _chainId Source chain.
    /// @param _blockOrBatchNumber Source batch.
    /// @param _index Position of the log in the batch's log tree.
    /// @param _log The log.
    /// @param _proof Proof words.
    /// @return True when the proof reaches a stored root.
    function proveL2LogInclusionShared(
        uint256 _chainId,
        uint256 _blockOrBatchNumber,
        uint256 _index,
        L2Log calldata _log,
        bytes32[] calldata _proof
    ) external view returns (bool) {
        bytes32 leaf = InteropHashing.logLeaf(
            _log.l2ShardId, _log.isService, _log.txNumberInBatch, _log.sender, _log.key, _log.value
        );
        return _verifyLeaf(_chainId, _blockOrBatchNumber, _index, leaf, _proof);
    }

    /// @notice Proves that `_leaf` sits at `_leafProofMask` under the proof's root.
    /// @dev Unlike ZKsync's, the default log leaf is refused (it proves nothing).
    /// @param _chainId Source chain.
    /// @param _blockOrBatchNumber Source batch.
    /// @param _leafProofMask Position bits of the leaf.
    /// @param _leaf The leaf hash.
    /// @param _proof Proof words.
    /// @return True when the proof reaches a stored root.
    function proveL2LeafInclusionShared(
        uint256 _chainId,
        uint256 _blockOrBatchNumber,
        uint256 _leafProofMask,
        bytes32 _leaf,
        bytes32[] calldata _proof
    ) external view returns (bool) {
        return _verifyLeaf(_chainId, _blockOrBatchNumber, _leafProofMask, _leaf, _proof);
    }

    /// @notice Walks a proof without looking up any root: where it ends and what root it computes.
    /// @param chainId Source chain.
    /// @param batchNumber Source batch.
    /// @param leafProofMask Position bits of the leaf.
    /// @param leaf The leaf hash.
    /// @param proof Proof words.
    /// @return finalChainId Chain of the root the proof ends at.
    /// @return finalBlockOrBatchNumber Its block (settlement layer) or batch (single level).
    /// @return root The computed root.
    function computeProofRoot(
        uint256 chainId,
        uint256 batchNumber,
        uint256 leafProofMask,
        bytes32 leaf,
        bytes32[] calldata proof
    ) external pure returns (uint256 finalChainId, uint256 finalBlockOrBatchNumber, bytes32 root) {
        return InteropProofLib.computeRoot(chainId, batchNumber, leafProofMask, leaf, proof);
    }

    function _verifyLeaf(uint256 chainId, uint256 batchNumber, uint256 mask, bytes32 leaf, bytes32[] calldata proof)
        internal
        view
        returns (bool)
    {
        (uint256 c, uint256 n, bytes32 root) = InteropProofLib.computeRoot(chainId, batchNumber, mask, leaf, proof);
        bytes32 stored = _storedRoot(c, n);
        return stored != bytes32(0) && stored == root;
    }

    /// @dev The trusted root for (chainId, blockOrBatchNumber), zero when unknown.
    function _storedRoot(uint256 chainId, uint256 blockOrBatchNumber) internal view virtual returns (bytes32);
}
