// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IInteropProofErrors} from "../common/IInteropProofErrors.sol";
import {InteropProof, InteropRoot} from "../common/InteropTypes.sol";

/// @title InteropCenter (0x…10008 on every L2): sends interop messages and verifies them against imported roots.
/// @notice What an app calls: `sendInteropMessage` on the source chain, `verifyInteropMessage` on the destination.
/// The message layer has no replay protection: an app that acts on a message keeps its own record of the ones it
/// consumed (see examples/contracts/CrossChainCounter.sol).
interface IInteropCenter is IInteropProofErrors {
    /// @notice A message was sent; its log (key 0x…10008, value interopHash) is in the same transaction.
    event InteropMessageSent(
        bytes32 indexed interopHash, address indexed sender, uint256 indexed messageNum, bytes data
    );
    /// @notice A root was imported for (chainId, blockNumber).
    event InteropRootAdded(uint256 indexed chainId, uint256 indexed blockNumber, bytes32[] sides);

    /// @dev Only the chain's system caller may import roots.
    error NotSystemCaller(address caller);
    /// @dev A zero root can never be imported.
    error ZeroInteropRoot();
    /// @dev `sides` must hold exactly the root.
    error InvalidSidesLength(uint256 length);
    /// @dev A different root is already stored for this (chain, block or batch).
    error InteropRootAlreadySet(uint256 chainId, uint256 blockOrBatchNumber, bytes32 existingRoot);

    /// @notice Sends `data` as an interop message from the caller.
    /// @param data Payload.
    /// @return interopHash keccak256(abi.encode(InteropMessage(data, msg.sender, block.chainid, messageNum))).
    function sendInteropMessage(bytes calldata data) external returns (bytes32 interopHash);

    /// @notice Whether the message with `interopHash` was sent through the InteropCenter of `proof.chainId`.
    /// @param interopHash The message's hash.
    /// @param proof Position of the message and the proof words.
    /// @return True when the proof reaches an imported root.
    function verifyInteropMessage(bytes32 interopHash, InteropProof calldata proof) external view returns (bool);

    /// @notice Imported root for (chainId, blockOrBatchNumber), zero when none was imported.
    /// @param chainId Chain the root belongs to.
    /// @param blockOrBatchNumber Its block (or batch) number.
    /// @return The root.
    function interopRoots(uint256 chainId, uint256 blockOrBatchNumber) external view returns (bytes32);

    /// @notice Imports a root (system caller only). The same root again is a no-op; a different one reverts.
    /// @param chainId Chain the root belongs to (the settlement layer for shared roots).
    /// @param blockOrBatchNumber Its block (or batch) number.
    /// @param sides Exactly one word: the root.
    function addInteropRoot(uint256 chainId, uint256 blockOrBatchNumber, bytes32[] calldata sides) external;

    /// @notice Imports several roots in one call (system caller only), with the rules of {addInteropRoot}.
    /// @param roots The roots to import.
    function addInteropRootsInBatch(InteropRoot[] calldata roots) external;

    /// @notice Number of messages sent so far; the last message's messageNum.
    /// @return The count.
    function messageNum() external view returns (uint256);

    /// @notice The only address allowed to import roots.
    /// @return The system caller.
    function SYSTEM_CALLER() external view returns (address);
}
