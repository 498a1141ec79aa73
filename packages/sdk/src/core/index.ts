// Pure protocol: messages, logs, trees and the proof format. No I/O; safe in a browser.
export * from './constants.js';
export * from './errors.js';
export { keccak256, keccak256Pair, keccak256Chunks } from './keccak.js';
export { hexToWord, bytesToHexFast } from './bytes.js';
export * from './message.js';
export * from './log.js';
export * from './logTree.js';
export * from './leaves.js';
export { getLogTreeZeroHashes, getMerkleZeroHashes } from './zeros.js';
export { treeHeight } from './pushTree.js';
export * from './dynamicTree.js';
export * from './fullTree.js';
export * from './proof.js';
