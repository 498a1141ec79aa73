// Pure protocol: messages, logs, trees and the proof format. No I/O; safe in a browser.

export { bytesToHexFast, hexToWord, isHash, readUint256 } from './bytes.js';
export * from './constants.js';
export * from './dynamicTree.js';
export * from './errors.js';
export * from './fullTree.js';
export { keccak256, keccak256Chunks, keccak256Pair } from './keccak.js';
export * from './leafWrites.js';
export * from './leaves.js';
export * from './log.js';
export * from './logTree.js';
export * from './message.js';
export * from './proof.js';
export { treeHeight } from './pushTree.js';
export { getLogTreeZeroHashes, getMerkleZeroHashes } from './zeros.js';
