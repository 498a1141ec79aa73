// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {
    LOG_IS_SERVICE_SHIFT,
    LOG_KEY_OFFSET,
    LOG_SENDER_SHIFT,
    LOG_SIZE,
    LOG_TX_NUMBER_SHIFT,
    LOG_VALUE_OFFSET
} from "../common/InteropConstants.sol";
import {InteropProofLib} from "../common/InteropProofLib.sol";
import {InteropMessage, InteropProof, InteropRoot, L1_MESSENGER_ADDRESS} from "../common/InteropTypes.sol";
import {IInteropCenter} from "./IInteropCenter.sol";
import {IL1Messenger} from "./IL1Messenger.sol";

/// @title InteropCenter (0x…10008): sends interop messages and verifies them against imported roots.
/// @notice Installed with anvil_setCode: its only state (the counter and roots) starts at zero, and the
/// system caller is an immutable baked into the runtime code.
contract InteropCenter is IInteropCenter {
    /// @inheritdoc IInteropCenter
    address public immutable SYSTEM_CALLER;

    /// @inheritdoc IInteropCenter
    uint256 public messageNum;

    /// @param systemCaller The only address allowed to import roots (baked into the runtime code).
    constructor(address systemCaller) {
        SYSTEM_CALLER = systemCaller;
    }

    /// @inheritdoc IInteropCenter
    function sendInteropMessage(bytes calldata data) external returns (bytes32 interopHash) {
        uint256 num = ++messageNum;
        bytes memory encoded = abi.encode(InteropMessage(data, msg.sender, block.chainid, num));
        interopHash = keccak256(encoded);
        IL1Messenger(L1_MESSENGER_ADDRESS).sendToL1(encoded);
        emit InteropMessageSent(interopHash, msg.sender, num, data);
    }

    /// @inheritdoc IInteropCenter
    /// @dev The log is rebuilt with key = this contract, so a message forged through L1Messenger never verifies.
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
            // Log {shard 0, service, txNumber, sender L1Messenger, key = this contract, value = interopHash}.
            let p := mload(0x40)
            mstore(
                p,
                or(
                    shl(LOG_IS_SERVICE_SHIFT, 1),
                    or(shl(LOG_TX_NUMBER_SHIFT, txNumber), shl(LOG_SENDER_SHIFT, L1_MESSENGER_ADDRESS))
                )
            )
            mstore(add(p, LOG_KEY_OFFSET), address())
            mstore(add(p, LOG_VALUE_OFFSET), interopHash)
            leaf := keccak256(p, LOG_SIZE)
        }
        (uint256 c, uint256 n, bytes32 root) = InteropProofLib.computeRoot(chainId, batchNumber, index, leaf, words);
        bytes32 stored = _loadRoot(c, n);
        return stored != bytes32(0) && stored == root;
    }

    /// @inheritdoc IInteropCenter
    /// @dev The settlement layer's root of a block, or a source chain's batch root.
    function interopRoots(uint256 chainId, uint256 blockOrBatchNumber) external view returns (bytes32) {
        return _loadRoot(chainId, blockOrBatchNumber);
    }

    /// @inheritdoc IInteropCenter
    function addInteropRoot(uint256 chainId, uint256 blockOrBatchNumber, bytes32[] calldata sides) external {
        if (msg.sender != SYSTEM_CALLER) revert NotSystemCaller(msg.sender);
        _addRoot(chainId, blockOrBatchNumber, sides);
    }

    /// @inheritdoc IInteropCenter
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
