// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IL1Messenger} from "./IL1Messenger.sol";

/// @title L1Messenger (0x…8008): records an L2->L1 log per message for the sequencer.
/// @notice The sequencer rebuilds each log from the event: {shard 0, service, txNumberInBatch, sender 0x…8008,
/// key = _sender, value = _hash}.
contract L1Messenger is IL1Messenger {
    /// @inheritdoc IL1Messenger
    function sendToL1(bytes calldata _message) external returns (bytes32 hash) {
        hash = keccak256(_message);
        emit L1MessageSent(msg.sender, hash, _message);
    }
}
