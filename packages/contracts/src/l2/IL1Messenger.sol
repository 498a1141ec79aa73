// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title What InteropCenter needs from L1Messenger.
interface IL1Messenger {
    /// @notice Sends a message to the settlement layer; returns keccak256(_message).
    function sendToL1(bytes calldata _message) external returns (bytes32);
}

/// @title What L2MessageVerification needs from InteropCenter.
interface IInteropRootSource {
    /// @notice Imported root for (chainId, blockOrBatchNumber), zero when unknown.
    function interopRoots(uint256 chainId, uint256 blockOrBatchNumber) external view returns (bytes32);
}
