// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IL1Messenger} from "./IL1Messenger.sol";

/// @title L1Messenger (0x…8008): records an L2->L1 log per message for the sequencer.
/// @notice The sequencer rebuilds each log from the event: {shard 0, service, txNumberInBatch, sender 0x…8008,
/// key = _sender, value = _hash}.
contract L1Messenger is IL1Messenger {
    /// @notice Most messages one L2 block may carry. A block at this limit fits one batch whose commit stays
    /// under 15 M gas and 1 MB of calldata (~3,350 gas and 120 bytes per log), so every block the chain accepts
    /// can be settled; a transaction that would go past it reverts instead of stalling the sequencer.
    uint256 public constant MAX_MESSAGES_PER_BLOCK = 4096;

    // The current block's number (high 128 bits) and how many messages it carries so far (low 128 bits).
    uint256 private _blockMessages;

    /// @inheritdoc IL1Messenger
    function sendToL1(bytes calldata _message) external returns (bytes32 hash) {
        uint256 packed = _blockMessages;
        uint256 count;
        // Branch-free, so the gas does not depend on whether the block already has messages: anvil estimates gas
        // in the latest block's context, and a cheaper "same block" path would make those estimates fall short.
        assembly ("memory-safe") {
            count := add(mul(and(packed, 0xffffffffffffffffffffffffffffffff), eq(shr(128, packed), number())), 1)
        }
        if (count > MAX_MESSAGES_PER_BLOCK) revert TooManyL1MessagesInBlock(block.number, MAX_MESSAGES_PER_BLOCK);
        _blockMessages = (block.number << 128) | count;
        hash = keccak256(_message);
        emit L1MessageSent(msg.sender, hash, _message);
    }
}
