// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {InteropHashing} from "../common/InteropHashing.sol";
import {INTEROP_CENTER_ADDRESS, InteropProof, L1_MESSENGER_ADDRESS} from "../common/InteropTypes.sol";
import {MessageVerifier} from "../common/MessageVerifier.sol";
import {BatchSettlement} from "./BatchSettlement.sol";
import {ChainRegistry, ZeroOperator} from "./ChainRegistry.sol";

/// @dev Constructor arrays differ in length.
error ChainListMismatch(uint256 chainIds, uint256 operators);

/// @title The settlement layer contract: chain registry, MessageRoot, batch settlement and verification.
/// @notice Messages of the settling chains verify here against the roots this contract holds: a proof ending
/// at this chain is checked against historicalRoot(block); one ending at a source batch against that batch's
/// executed ChainBatchRoot.
contract InteropSettlement is BatchSettlement, MessageVerifier {
    /// @param owner_ May register chains and change operators.
    /// @param chainIds Chains registered at once, in order (shared-tree index 1, 2, …).
    /// @param operators Their operators.
    constructor(address owner_, uint256[] memory chainIds, address[] memory operators) ChainRegistry(owner_) {
        if (chainIds.length != operators.length) revert ChainListMismatch(chainIds.length, operators.length);
        for (uint256 i; i < chainIds.length; ++i) {
            if (operators[i] == address(0)) revert ZeroOperator();
            _register(chainIds[i], operators[i]);
        }
    }

    /// @notice Whether a message sent through the InteropCenter (0x…10008) of `proof.chainId` is proven here.
    /// @param interopHash The message's hash.
    /// @param proof Position of the message and the proof words.
    /// @return True when the proof reaches a root this contract holds.
    function verifyInteropMessage(bytes32 interopHash, InteropProof calldata proof) external view returns (bool) {
        bytes32 leaf = InteropHashing.logLeaf(
            0,
            true,
            proof.txNumberInBatch,
            L1_MESSENGER_ADDRESS,
            bytes32(uint256(uint160(INTEROP_CENTER_ADDRESS))),
            interopHash
        );
        return _verifyLeaf(proof.chainId, proof.l1BatchNumber, proof.l2MessageIndex, leaf, proof.proof);
    }

    function _storedRoot(uint256 chainId, uint256 number) internal view override returns (bytes32) {
        if (chainId == block.chainid) return historicalRoot[number];
        return chainBatchRoots(chainId, number);
    }
}
