// Proof format v1 (and the legacy plain path): encode, decode, verify. The verifier returns every
// level it walks through and refuses malformed input with a reason instead of guessing.
//
// Layout of one segment (a level): [metadata][logLeafProofLen path words] and, unless final,
// [batch leaf mask][batchLeafProofLen path words][settlementBlock << 128 | chainIdLeafMask]
// [settlement chain id], followed by the next segment, which proves the ChainIdLeaf.
import type { Hex } from 'viem';
import { assertUint, bytesToHexFast, readUint256, wordsEqual, writeHex, writeUint256 } from './bytes.js';
import { DEFAULT_LOG_LEAF_HASH, MAX_PATH_LENGTH, PROOF_VERSION } from './constants.js';
import { InvalidInputError, InvalidProofError } from './errors.js';
import { keccak256Pair } from './keccak.js';
import { batchRootLeafBytes, chainIdLeafBytes } from './leaves.js';
import { zeroHashesBytes } from './zeros.js';

/** One level of a verified proof: the root computed for (chainId, batchNumber or block). */
export type ProofLevel = { chainId: bigint; batchNumber: bigint; root: Hex };

/** Result of verifyProof. `root` must be checked against the interop root of `settlementLayer`. */
export type ProofVerification = {
  root: Hex;
  settlementLayer: { chainId: bigint; blockNumber: bigint };
  levels: ProofLevel[];
};

/** Parameters of verifyProof. `leafIndex` is the log's index in its batch (the first mask). */
export type VerifyProofParams = {
  chainId: bigint;
  batchNumber: bigint;
  leafIndex: bigint | number;
  leaf: Hex;
  proof: readonly Hex[];
};

/**
 * One level of a proof. A non-final segment lifts the level's root into its settlement layer: the
 * root becomes a BatchRootLeaf at `batchLeafIndex` of the chain tree (`batchPath`), whose root
 * becomes the ChainIdLeaf proven by the next segment at `chainIdLeafIndex` of the shared tree of
 * `settlementChainId` at block `settlementBlockNumber`. `legacy` (final only) means no metadata word.
 */
export type ProofSegment = { path: Hex[] } & (
  | { final: true; legacy?: boolean }
  | {
      final: false;
      batchLeafIndex: bigint;
      batchPath: Hex[];
      settlementBlockNumber: bigint;
      chainIdLeafIndex: bigint;
      settlementChainId: bigint;
    }
);

const MASK_128 = (1n << 128n) - 1n;
const DEFAULT_LEAF = zeroHashesBytes(DEFAULT_LOG_LEAF_HASH, 1)[0];

type Header = { pathStart: number; pathLen: number; batchLen: number; final: boolean; legacy: boolean };

function isMetadata(words: Uint8Array, at: number): boolean {
  for (let i = at * 32 + 4; i < at * 32 + 32; i++) if (words[i] !== 0) return false;
  return true;
}

// Reads the segment header at word `ptr` and checks everything that does not need hashing.
function readHeader(words: Uint8Array, count: number, ptr: number): Header {
  if (ptr >= count) throw new InvalidProofError('length-past-end', { details: `missing metadata word at ${ptr}` });
  let h: Header;
  if (isMetadata(words, ptr)) {
    const o = ptr * 32;
    if (words[o] !== PROOF_VERSION)
      throw new InvalidProofError('unknown-version', { details: `version ${words[o]} at word ${ptr}` });
    // ZKsync reads any non-zero flag as final; only 0 and 1 are accepted here so that no bit of a
    // proof can change without the proof being refused or its result changing.
    if (words[o + 3] > 1)
      throw new InvalidProofError('invalid-final-flag', { details: `flag ${words[o + 3]} at word ${ptr}` });
    h = { pathStart: ptr + 1, pathLen: words[o + 1], batchLen: words[o + 2], final: words[o + 3] !== 0, legacy: false };
  } else if (ptr > 0) {
    // ZKsync would read a nested segment without metadata as a plain path too; that makes the final
    // metadata word removable without changing the result, so only proof[0] may start a plain path.
    throw new InvalidProofError('missing-metadata', { details: `segment at word ${ptr}` });
  } else {
    h = { pathStart: ptr, pathLen: count - ptr, batchLen: 0, final: true, legacy: true };
  }
  if (h.final && h.batchLen !== 0)
    throw new InvalidProofError('final-with-batch-proof', { details: `batch length ${h.batchLen} at word ${ptr}` });
  if (h.pathLen > MAX_PATH_LENGTH) throw new InvalidProofError('path-too-long', { details: `${h.pathLen} words` });
  const end = h.pathStart + h.pathLen + (h.final ? 0 : h.batchLen + 3);
  if (end > count)
    throw new InvalidProofError('length-past-end', {
      details: `segment at word ${ptr} needs ${end} words, proof has ${count}`,
    });
  if (h.final && end < count)
    throw new InvalidProofError('words-left-over', { details: `${count - end} words after the final node` });
  return h;
}

function checkMask(mask: bigint, len: number, what: string): void {
  if (mask >> BigInt(len) !== 0n)
    throw new InvalidProofError('mask-out-of-range', { details: `${what} ${mask} with a path of ${len} words` });
}

// path(x, m, words): x = H(x‖w) when m is even, else H(w‖x); m >>= 1.
function walk(leaf: Uint8Array, mask: bigint, words: Uint8Array, start: number, len: number, what: string): Uint8Array {
  checkMask(mask, len, what);
  let cur = leaf;
  if (mask <= 0x7fffffffn) {
    let m = Number(mask);
    for (let i = 0; i < len; i++, m >>>= 1) {
      const w = words.subarray((start + i) * 32, (start + i + 1) * 32);
      cur = m & 1 ? keccak256Pair(w, cur) : keccak256Pair(cur, w);
    }
    return cur;
  }
  const bits = mask.toString(2);
  for (let i = 0; i < len; i++) {
    const w = words.subarray((start + i) * 32, (start + i + 1) * 32);
    const odd = i < bits.length && bits.charCodeAt(bits.length - 1 - i) === 49;
    cur = odd ? keccak256Pair(w, cur) : keccak256Pair(cur, w);
  }
  return cur;
}

function parseWords(proof: readonly Hex[]): Uint8Array {
  if (!Array.isArray(proof)) throw new InvalidInputError('Invalid proof: expected an array of 32-byte hex words.');
  if (proof.length === 0) throw new InvalidProofError('empty');
  const words = new Uint8Array(proof.length * 32);
  for (let i = 0; i < proof.length; i++) {
    if (!writeHex(proof[i], 32, words, i * 32))
      throw new InvalidProofError('malformed-word', { details: `word ${i}: ${String(proof[i])}` });
  }
  return words;
}

/**
 * Walks a proof from `leaf` up to its final root. Returns every level and the final (settlement
 * chain, block, root); the caller must compare `root` with the interop root stored for
 * `settlementLayer` (and refuse a zero root). Throws InvalidProofError for malformed proofs and
 * InvalidInputError for malformed parameters.
 */
export function verifyProof({ chainId, batchNumber, leafIndex, leaf, proof }: VerifyProofParams): ProofVerification {
  assertUint(chainId, 256, 'chainId');
  assertUint(batchNumber, 256, 'batchNumber');
  const index =
    typeof leafIndex === 'number'
      ? Number.isSafeInteger(leafIndex) && leafIndex >= 0
        ? BigInt(leafIndex)
        : -1n
      : leafIndex;
  assertUint(index, 256, 'leafIndex');
  const leafBytes = new Uint8Array(32);
  if (!writeHex(leaf, 32, leafBytes))
    throw new InvalidInputError('Invalid leaf: expected 32 bytes of hex.', { details: String(leaf) });
  const words = parseWords(proof);
  const count = proof.length;
  if (wordsEqual(leafBytes, DEFAULT_LEAF)) throw new InvalidProofError('default-leaf');

  const levels: ProofLevel[] = [];
  let chain = chainId;
  let batch = batchNumber;
  let mask = index;
  let node: Uint8Array = leafBytes;
  let ptr = 0;
  for (;;) {
    const h = readHeader(words, count, ptr);
    const root = walk(node, mask, words, h.pathStart, h.pathLen, 'leaf mask');
    levels.push({ chainId: chain, batchNumber: batch, root: bytesToHexFast(root) });
    if (h.final) break;
    let p = h.pathStart + h.pathLen;
    const batchMask = readUint256(words, p * 32);
    const chainRoot = walk(batchRootLeafBytes(root, batch), batchMask, words, p + 1, h.batchLen, 'batch leaf mask');
    p += 1 + h.batchLen;
    node = chainIdLeafBytes(chainRoot, chain);
    const packed = readUint256(words, p * 32);
    chain = readUint256(words, (p + 1) * 32);
    batch = packed >> 128n;
    mask = packed & MASK_128;
    ptr = p + 2;
  }
  const last = levels[levels.length - 1];
  return { root: last.root, settlementLayer: { chainId: last.chainId, blockNumber: last.batchNumber }, levels };
}

/** Splits a proof into its segments, checking its structure (not its hashes). */
export function decodeProof(proof: readonly Hex[]): ProofSegment[] {
  const words = parseWords(proof);
  const count = proof.length;
  const segments: ProofSegment[] = [];
  const word = (i: number) => bytesToHexFast(words, i * 32, 32);
  const slice = (start: number, len: number) => Array.from({ length: len }, (_, i) => word(start + i));
  let pendingMask: bigint | undefined;
  let ptr = 0;
  for (;;) {
    const h = readHeader(words, count, ptr);
    if (pendingMask !== undefined) checkMask(pendingMask, h.pathLen, 'chain id leaf mask');
    const path = slice(h.pathStart, h.pathLen);
    if (h.final) {
      segments.push(h.legacy ? { path, final: true, legacy: true } : { path, final: true });
      return segments;
    }
    let p = h.pathStart + h.pathLen;
    const batchLeafIndex = readUint256(words, p * 32);
    checkMask(batchLeafIndex, h.batchLen, 'batch leaf mask');
    const batchPath = slice(p + 1, h.batchLen);
    p += 1 + h.batchLen;
    const packed = readUint256(words, p * 32);
    pendingMask = packed & MASK_128;
    segments.push({
      path,
      final: false,
      batchLeafIndex,
      batchPath,
      settlementBlockNumber: packed >> 128n,
      chainIdLeafIndex: pendingMask,
      settlementChainId: readUint256(words, (p + 1) * 32),
    });
    ptr = p + 2;
  }
}

function pushWords(out: Hex[], words: readonly Hex[], what: string): void {
  if (words.length > MAX_PATH_LENGTH)
    throw new InvalidProofError('path-too-long', { details: `${what}: ${words.length} words` });
  const tmp = new Uint8Array(32);
  for (const w of words) {
    if (!writeHex(w, 32, tmp)) throw new InvalidProofError('malformed-word', { details: `${what}: ${String(w)}` });
    out.push(w.toLowerCase() as Hex);
  }
}

function uintWord(value: bigint): Hex {
  const buf = new Uint8Array(32);
  writeUint256(value, buf, 0);
  return bytesToHexFast(buf);
}

/**
 * Encodes proof segments (first = the source level, last = final) as proof words. A single final
 * `legacy` segment is written as a plain path, without metadata.
 */
export function encodeProof(segments: readonly ProofSegment[]): Hex[] {
  if (segments.length === 0) throw new InvalidProofError('empty');
  const out: Hex[] = [];
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s];
    const isLast = s === segments.length - 1;
    if (seg.final !== isLast)
      throw new InvalidProofError('not-final', { details: `segment ${s} of ${segments.length}` });
    if (seg.final && seg.legacy) {
      if (s > 0) throw new InvalidInputError('Only the first segment of a proof can be a legacy plain path.');
      const first = out.length;
      pushWords(out, seg.path, 'legacy path');
      if (seg.path.length === 0 || isMetadata(parseWords([out[first]]), 0)) {
        throw new InvalidInputError('A legacy path must start with a word whose low 28 bytes are not all zero.');
      }
      continue;
    }
    if (seg.path.length > MAX_PATH_LENGTH) throw new InvalidProofError('path-too-long', { details: `segment ${s}` });
    const batchLen = seg.final ? 0 : seg.batchPath.length;
    if (batchLen > MAX_PATH_LENGTH)
      throw new InvalidProofError('path-too-long', { details: `batch path of segment ${s}` });
    const meta = new Uint8Array(32);
    meta[0] = PROOF_VERSION;
    meta[1] = seg.path.length;
    meta[2] = batchLen;
    meta[3] = seg.final ? 1 : 0;
    out.push(bytesToHexFast(meta));
    pushWords(out, seg.path, `path of segment ${s}`);
    if (seg.final) continue;
    assertUint(seg.batchLeafIndex, 256, 'batchLeafIndex');
    checkMask(seg.batchLeafIndex, batchLen, 'batch leaf mask');
    assertUint(seg.settlementBlockNumber, 128, 'settlementBlockNumber');
    assertUint(seg.chainIdLeafIndex, 128, 'chainIdLeafIndex');
    assertUint(seg.settlementChainId, 256, 'settlementChainId');
    checkMask(seg.chainIdLeafIndex, segments[s + 1].path.length, 'chain id leaf mask');
    out.push(uintWord(seg.batchLeafIndex));
    pushWords(out, seg.batchPath, `batch path of segment ${s}`);
    out.push(uintWord((seg.settlementBlockNumber << 128n) | seg.chainIdLeafIndex));
    out.push(uintWord(seg.settlementChainId));
  }
  return out;
}

/** Root of `leaf` at `index` with sibling `path` (no metadata). Throws on a mask out of range. */
export function computeMerkleRoot(leaf: Hex, index: bigint | number, path: readonly Hex[]): Hex {
  const leafBytes = new Uint8Array(32);
  if (!writeHex(leaf, 32, leafBytes))
    throw new InvalidInputError('Invalid leaf: expected 32 bytes of hex.', { details: String(leaf) });
  if (path.length > MAX_PATH_LENGTH) throw new InvalidProofError('path-too-long');
  const words = path.length === 0 ? new Uint8Array(0) : parseWords(path);
  const mask = BigInt(index);
  assertUint(mask, 256, 'index');
  return bytesToHexFast(walk(leafBytes, mask, words, 0, path.length, 'index'));
}
