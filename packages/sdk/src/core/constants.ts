// Protocol constants (ZKsync v29 proof-based interop). Hashes are literals so importing core costs
// nothing; test/core/constants.test.ts recomputes every one of them.
import type { Address, Hex } from 'viem';

/** L1Messenger system contract: `sendToL1(bytes)` records one L2→L1 log. */
export const L1_MESSENGER_ADDRESS: Address = '0x0000000000000000000000000000000000008008';
/** InteropCenter: sends interop messages and stores imported interop roots. */
export const INTEROP_CENTER_ADDRESS: Address = '0x0000000000000000000000000000000000010008';
/** ZKsync-compatible message verifier (`proveL2MessageInclusionShared` and friends). */
export const L2_MESSAGE_VERIFICATION_ADDRESS: Address = '0x0000000000000000000000000000000000010009';
/** The bootloader address: the only caller allowed to add interop roots on an L2. */
export const SYSTEM_CALLER_ADDRESS: Address = '0x0000000000000000000000000000000000008001';

/** Height of a batch's L2→L1 log tree. */
export const L2_TO_L1_LOG_TREE_HEIGHT = 14;
/** A batch holds at most 2^14 logs. */
export const MAX_LOGS_PER_BATCH = 16384;
/** Most L2→L1 messages one L2 block may carry: L1Messenger reverts past it (`TooManyL1MessagesInBlock`). */
export const MAX_L1_MESSAGES_PER_BLOCK = 4096;
/** Size in bytes of one packed L2→L1 log. */
export const L2_TO_L1_LOG_SIZE = 88;

/** keccak256 of 88 zero bytes: the leaf of an unused slot in the log tree. */
export const DEFAULT_LOG_LEAF_HASH: Hex = '0x72abee45b59e344af8a6e520241c4744aff26ed411f4c4b00f8af09adada43ba';
/** keccak256 of 96 zero bytes: the empty leaf of the chain trees and of the shared tree. */
export const EMPTY_MERKLE_LEAF: Hex = '0x46700b4d40ac5c35af2c22dda2787a91eb567b06c924a8fb8ae9a05b20c08c21';
/** keccak256("zkSync:BatchLeaf"). */
export const BATCH_LEAF_PADDING: Hex = '0xd82fec4a37cbdc47f1e5cc4ad64deacf34a48e6f7c61fa5b68fd58e543259cf4';
/** keccak256("zkSync:ChainIdLeaf"). */
export const CHAIN_ID_LEAF_PADDING: Hex = '0x39bc69363bb9e26cf14240de4e22569e95cf175cfbcf1ade1a47a253b4bf7f61';
/** The only proof metadata version this implementation reads and writes. */
export const PROOF_VERSION = 1;
/** Longest Merkle path a verifier accepts (a path of 256 words or more is refused). */
export const MAX_PATH_LENGTH = 255;

/** 32 zero bytes as hex. */
export const ZERO_HASH: Hex = '0x0000000000000000000000000000000000000000000000000000000000000000';
