// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {InteropMessage, InteropProof, InteropRoot, L1_MESSENGER_ADDRESS} from "../common/InteropTypes.sol";
import {IInteropProofErrors, InteropProofLib} from "../common/InteropProofLib.sol";
import {IL1Messenger} from "./IL1Messenger.sol";

/// @dev Only the chain's system caller may import roots.
error NotSystemCaller(address caller);
/// @dev A zero root can never be imported.
error ZeroInteropRoot();
/// @dev `sides` must hold exactly the root.
error InvalidSidesLength(uint256 length);
/// @dev A different root is already stored for this (chain, block or batch).
error InteropRootAlreadySet(uint256 chainId, uint256 blockOrBatchNumber, bytes32 existingRoot);

/// @title InteropCenter (0x…10008): sends interop messages and verifies them against imported roots.
/// @notice Installed with anvil_setCode: its only state (the counter and roots) starts at zero, and the
/// system caller is an immutable baked into the runtime code.
contract InteropCenter is IInteropProofErrors {
    /// @notice A message was sent; its log (key 0x…10008, value interopHash) is in the same transaction.
    event InteropMessageSent(bytes32 indexed interopHash, address indexed sender, uint256 indexed messageNum, bytes data);
    /// @notice A root was imported for (chainId, blockNumber).
    event InteropRootAdded(uint256 indexed chainId, uint256 indexed blockNumber, bytes32[] sides);

    /// @notice The only address allowed to import roots.
    address public immutable SYSTEM_CALLER;

    /// @notice Number of messages sent so far; the last message's messageNum.
    uint256 public messageNum;


    /// @param systemCaller The only address allowed to import roots (baked into the runtime code).
    constructor(address systemCaller) {
        SYSTEM_CALLER = systemCaller;
    }

    /// @notice Sends `data` as an interop message from the caller.
    /// @param data Payload.
    /// @return interopHash keccak256(abi.encode(InteropMessage(data, msg.sender, block.chainid, messageNum))).
    function sendInteropMessage(bytes calldata data) external returns (bytes32 interopHash) {
        uint256 num = ++messageNum;
        bytes memory encoded = abi.encode(InteropMessage(data, msg.sender, block.chainid, num));
        interopHash = keccak256(encoded);
        IL1Messenger(L1_MESSENGER_ADDRESS).sendToL1(encoded);
        emit InteropMessageSent(interopHash, msg.sender, num, data);
    }

    /// @notice Whether the message with `interopHash` was sent through the InteropCenter of `proof.chainId`.
    /// @dev The log is rebuilt with key = this contract, so a message forged through L1Messenger never verifies.
    /// @param interopHash The message's hash.
    /// @param proof Position of the message and the proof words.
    /// @return True when the proof reaches an imported root.
    function verifyInteropMessage(bytes32 interopHash, InteropProof calldata proof) external view returns (bool) {
        // The struct's fields are read here rather than through Solidity's accessors, which re-validate the
        // array on every access; the same checks are made once: uint16 range, offsets and length inside calldata.
        uint256 chainId;
        uint256 batchNumber;
        uint256 index;
        bytes32 leaf;
        bytes32[] calldata words;
        assembly ("memory-safe") {
            chainId := calldataload(proof)
            batchNumber := calldataload(add(proof, 0x20))
            index := calldataload(add(proof, 0x40))
            let txNumber := calldataload(add(proof, 0x60))
            let rel := calldataload(add(proof, 0x80))
            let arr := add(proof, rel)
            let len := calldataload(arr)
            if or(or(gt(txNumber, 0xffff), gt(rel, 0xffffffff)), gt(len, 0xffffffff)) { revert(0, 0) }
            words.offset := add(arr, 0x20)
            words.length := len
            if gt(add(words.offset, shl(5, len)), calldatasize()) { revert(0, 0) }
            // Log {shard 0, service, txNumber, sender 0x…8008, key = this contract, value = interopHash}, 88 bytes.
            let p := mload(0x40)
            mstore(p, or(shl(240, 1), or(shl(224, txNumber), shl(64, 0x8008))))
            mstore(add(p, 24), address())
            mstore(add(p, 56), interopHash)
            leaf := keccak256(p, 88)
        }
        (uint256 c, uint256 n, bytes32 root) = InteropProofLib.computeRoot(chainId, batchNumber, index, leaf, words);
        bytes32 stored = _loadRoot(c, n);
        return stored != bytes32(0) && stored == root;
    }

    /// @notice Imported root for (chainId, blockOrBatchNumber): the settlement layer's root of a block (or a
    /// source chain's batch root); zero when none was imported.
    /// @param chainId Chain the root belongs to.
    /// @param blockOrBatchNumber Its block (or batch) number.
    /// @return The root.
    function interopRoots(uint256 chainId, uint256 blockOrBatchNumber) external view returns (bytes32) {
        return _loadRoot(chainId, blockOrBatchNumber);
    }

    /// @notice Imports a root (system caller only). The same root again is a no-op; a different one reverts.
    /// @param chainId Chain the root belongs to (the settlement layer for shared roots).
    /// @param blockOrBatchNumber Its block (or batch) number.
    /// @param sides Exactly one word: the root.
    function addInteropRoot(uint256 chainId, uint256 blockOrBatchNumber, bytes32[] calldata sides) external {
        if (msg.sender != SYSTEM_CALLER) revert NotSystemCaller(msg.sender);
        _addRoot(chainId, blockOrBatchNumber, sides);
    }

    /// @notice Imports several roots in one call (system caller only), with the rules of {addInteropRoot}.
    /// @param roots The roots to import.
    function addInteropRootsInBatch(InteropRoot[] calldata roots) external {
        if (msg.sender != SYSTEM_CALLER) revert NotSystemCaller(msg.sender);
        for (uint256 i; i < roots.length; ++i) {
            _addRoot(roots[i].chainId, roots[i].blockOrBatchNumber, roots[i].sides);
        }
    }

    // Roots live at slot keccak256(chainId ‖ number): one hash per lookup instead of a nested mapping's two
    // (the only other state is messageNum at slot 0).
    function _loadRoot(uint256 chainId, uint256 blockOrBatch) private view returns (bytes32 root) {
        assembly ("memory-safe") {
            mstore(0x00, chainId)
            mstore(0x20, blockOrBatch)
            root := sload(keccak256(0x00, 0x40))
        }
    }

    function _addRoot(uint256 chainId, uint256 blockOrBatch, bytes32[] calldata sides) private {
        if (sides.length != 1) revert InvalidSidesLength(sides.length);
        bytes32 root = sides[0];
        if (root == bytes32(0)) revert ZeroInteropRoot();
        bytes32 existing = _loadRoot(chainId, blockOrBatch);
        if (existing == root) return;
        if (existing != bytes32(0)) revert InteropRootAlreadySet(chainId, blockOrBatch, existing);
        assembly ("memory-safe") {
            mstore(0x00, chainId)
            mstore(0x20, blockOrBatch)
            sstore(keccak256(0x00, 0x40), root)
        }
        emit InteropRootAdded(chainId, blockOrBatch, sides);
    }
}
