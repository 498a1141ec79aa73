// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @dev The payload sent through InteropCenter; `interopHash = keccak256(abi.encode(message))`.
struct InteropMessage {
    bytes data;
    address sender;
    uint256 sourceChainId;
    uint256 messageNum;
}

/// @dev Where a message sits and the proof words that lead from its log to an imported root.
struct InteropProof {
    uint256 chainId;
    uint256 l1BatchNumber;
    uint256 l2MessageIndex;
    uint16 txNumberInBatch;
    bytes32[] proof;
}

/// @dev One root to import; `sides` holds exactly one word, the root (proof-based interop).
struct InteropRoot {
    uint256 chainId;
    uint256 blockOrBatchNumber;
    bytes32[] sides;
}

/// @dev ZKsync's L2Message: a message sent through L1Messenger by `sender`.
struct L2Message {
    uint16 txNumberInBatch;
    address sender;
    bytes data;
}

/// @dev ZKsync's L2->L1 log; packed to 88 bytes for its leaf hash.
struct L2Log {
    uint8 l2ShardId;
    bool isService;
    uint16 txNumberInBatch;
    address sender;
    bytes32 key;
    bytes32 value;
}

/// @dev Fixed addresses of the system contracts on every L2.
address constant L1_MESSENGER_ADDRESS = 0x0000000000000000000000000000000000008008;
address constant INTEROP_CENTER_ADDRESS = 0x0000000000000000000000000000000000010008;
address constant L2_MESSAGE_VERIFICATION_ADDRESS = 0x0000000000000000000000000000000000010009;
