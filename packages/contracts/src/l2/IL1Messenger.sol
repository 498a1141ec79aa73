// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title L1Messenger (0x…8008 on every L2): sends messages to the settlement layer as L2->L1 logs.
interface IL1Messenger {
    /// @notice A message was sent to the settlement layer.
    event L1MessageSent(address indexed _sender, bytes32 indexed _hash, bytes _message);

    /// @notice The block already carries the most messages one block may (see L1Messenger.MAX_MESSAGES_PER_BLOCK).
    error TooManyL1MessagesInBlock(uint256 blockNumber, uint256 limit);

    /// @notice Sends `_message` to the settlement layer as an L2->L1 log keyed by the caller.
    /// @dev Reverts with {TooManyL1MessagesInBlock} past the per-block limit.
    /// @param _message Arbitrary bytes.
    /// @return hash keccak256(_message), the log's value.
    function sendToL1(bytes calldata _message) external returns (bytes32 hash);
}
