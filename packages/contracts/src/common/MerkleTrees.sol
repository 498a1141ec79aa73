// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {EMPTY_MERKLE_LEAF} from "./InteropConstants.sol";
import {InteropHashing} from "./InteropHashing.sol";

/// @dev Append-only tree that grows a level whenever a push finds it full (the chain tree, docs/protocol.md).
struct IncrementalTree {
    uint256 size;
    /// @dev sides[l] = last left node seen at level l; sides[height] = root.
    mapping(uint256 => bytes32) sides;
}

/// @dev Tree of updatable leaves, every node stored (the shared tree, docs/protocol.md).
struct FullTree {
    uint256 size;
    /// @dev nodes[level][index]; nodes[height][0] is the root.
    mapping(uint256 => mapping(uint256 => bytes32)) nodes;
}

/// @title Storage Merkle trees whose empty value is keccak256(96 zero bytes); root of n leaves has height ceil(log2 n).
library MerkleTrees {
    /// @dev Height of a tree holding n >= 1 leaves: ceil(log2(n)).
    function heightFor(uint256 n) internal pure returns (uint256 h) {
        unchecked {
            uint256 m = n - 1;
            while (m != 0) {
                ++h;
                m >>= 1;
            }
        }
    }

    /// @dev Appends a leaf; returns its index, the new root and the leaf's sibling path against it (the left
    /// siblings the push reads anyway, and empty subtrees on the right: ceil(log2(index + 1)) words).
    function push(IncrementalTree storage t, bytes32 leaf)
        internal
        returns (uint256 index, bytes32 newRoot, bytes32[] memory path)
    {
        index = t.size;
        t.size = index + 1;
        uint256 height = heightFor(index + 1);
        path = new bytes32[](height);
        bytes32 x = leaf;
        bytes32 z = EMPTY_MERKLE_LEAF;
        uint256 i = index;
        for (uint256 level; level < height; ++level) {
            if (i & 1 == 0) {
                t.sides[level] = x;
                path[level] = z;
                x = InteropHashing.hashPair(x, z);
            } else {
                bytes32 left = t.sides[level];
                path[level] = left;
                x = InteropHashing.hashPair(left, x);
            }
            z = InteropHashing.hashPair(z, z);
            i >>= 1;
        }
        t.sides[height] = x;
        newRoot = x;
    }

    /// @dev Root of the tree, 0x00…00 while empty.
    function root(IncrementalTree storage t) internal view returns (bytes32) {
        uint256 n = t.size;
        return n == 0 ? bytes32(0) : t.sides[heightFor(n)];
    }

    /// @dev Appends a leaf; returns its index, the new root and the leaf's sibling path against it.
    function push(FullTree storage t, bytes32 leaf)
        internal
        returns (uint256 index, bytes32 newRoot, bytes32[] memory path)
    {
        index = t.size;
        t.size = index + 1;
        (newRoot, path) = update(t, index, leaf);
    }

    /// @dev Replaces leaf `index` (< size) and recomputes its path; returns the new root and the leaf's sibling
    /// path against it (the siblings the update reads anyway: ceil(log2(size)) words).
    function update(FullTree storage t, uint256 index, bytes32 leaf)
        internal
        returns (bytes32 x, bytes32[] memory path)
    {
        uint256 count = t.size;
        uint256 height = heightFor(count);
        path = new bytes32[](height);
        t.nodes[0][index] = leaf;
        x = leaf;
        bytes32 z = EMPTY_MERKLE_LEAF;
        uint256 i = index;
        for (uint256 level; level < height; ++level) {
            uint256 sibling = i ^ 1;
            bytes32 s = sibling < count ? t.nodes[level][sibling] : z;
            path[level] = s;
            x = i & 1 == 0 ? InteropHashing.hashPair(x, s) : InteropHashing.hashPair(s, x);
            i >>= 1;
            count = (count + 1) >> 1;
            z = InteropHashing.hashPair(z, z);
            t.nodes[level + 1][i] = x;
        }
    }

    /// @dev Root of the tree, 0x00…00 while empty.
    function root(FullTree storage t) internal view returns (bytes32) {
        uint256 n = t.size;
        return n == 0 ? bytes32(0) : t.nodes[heightFor(n)][0];
    }
}
