// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

// The protocol's constants (docs/protocol.md), shared by the libraries and contracts. They are file-level so that
// inline assembly can use them by name; the TypeScript core holds the same values and the tests compare both.

/// @dev Bytes of a packed L2->L1 log: shard (1), isService (1), txNumberInBatch (2), sender (20), key (32), value (32).
uint256 constant LOG_SIZE = 88;
/// @dev Offset of the key within a packed log; the value follows at LOG_KEY_OFFSET + 32.
uint256 constant LOG_KEY_OFFSET = 24;
/// @dev Offset of the value within a packed log.
uint256 constant LOG_VALUE_OFFSET = 56;
/// @dev Bit offsets, in the first word of a packed log, of its shard id (1 byte), isService flag (1 byte),
/// txNumberInBatch (2 bytes) and sender (20 bytes); the key starts at byte LOG_KEY_OFFSET.
uint256 constant LOG_SHARD_ID_SHIFT = 248;
uint256 constant LOG_IS_SERVICE_SHIFT = 240;
uint256 constant LOG_TX_NUMBER_SHIFT = 224;
uint256 constant LOG_SENDER_SHIFT = 64;
/// @dev Height of a batch's log tree.
uint256 constant LOG_TREE_HEIGHT = 14;
/// @dev Leaves of a batch's log tree (2 ** LOG_TREE_HEIGHT): the most logs a batch can hold.
uint256 constant MAX_LOGS_PER_BATCH = 16_384;
/// @dev Most words a legacy plain proof path may have.
uint256 constant MAX_LEGACY_PATH_LENGTH = 255;
/// @dev Version byte of a proof-format metadata word.
uint256 constant PROOF_FORMAT_VERSION = 1;

/// @dev keccak256(LOG_SIZE zero bytes): the value of an unused log tree leaf, which never proves anything.
bytes32 constant DEFAULT_LOG_LEAF = 0x72abee45b59e344af8a6e520241c4744aff26ed411f4c4b00f8af09adada43ba;
/// @dev keccak256(96 zero bytes): the empty value of the chain tree and of the shared tree.
bytes32 constant EMPTY_MERKLE_LEAF = 0x46700b4d40ac5c35af2c22dda2787a91eb567b06c924a8fb8ae9a05b20c08c21;
/// @dev keccak256("zkSync:BatchLeaf"), the first word of a BatchRootLeaf.
bytes32 constant BATCH_LEAF_PADDING = 0xd82fec4a37cbdc47f1e5cc4ad64deacf34a48e6f7c61fa5b68fd58e543259cf4;
/// @dev keccak256("zkSync:ChainIdLeaf"), the first word of a ChainIdLeaf.
bytes32 constant CHAIN_ID_LEAF_PADDING = 0x39bc69363bb9e26cf14240de4e22569e95cf175cfbcf1ade1a47a253b4bf7f61;
