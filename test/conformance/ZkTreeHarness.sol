// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {DynamicIncrementalMerkle} from "@matterlabs/zksync-contracts/contracts/l1-contracts/common/libraries/DynamicIncrementalMerkle.sol";
import {Merkle} from "@matterlabs/zksync-contracts/contracts/l1-contracts/common/libraries/Merkle.sol";
import {FullTree, IncrementalTree, MerkleTrees} from "@interop/contracts/src/common/MerkleTrees.sol";

/// @title Test harness: ZKsync's tree libraries next to ours, many cases per eth_call.
/// @notice Each case gets fresh trees (a mapping slot per case); called with eth_call, so nothing persists.
contract ZkTreeHarness {
    using DynamicIncrementalMerkle for DynamicIncrementalMerkle.Bytes32PushTree;
    using MerkleTrees for IncrementalTree;
    using MerkleTrees for FullTree;

    /// @dev keccak256(96 zero bytes): the empty value of the chain tree and of the shared tree.
    bytes32 private constant EMPTY = 0x46700b4d40ac5c35af2c22dda2787a91eb567b06c924a8fb8ae9a05b20c08c21;
    /// @dev Op code of a push in a shared-tree case (any other value is the index to update).
    uint256 private constant PUSH = type(uint256).max;

    mapping(uint256 => DynamicIncrementalMerkle.Bytes32PushTree) private _zk;
    mapping(uint256 => IncrementalTree) private _ours;
    mapping(uint256 => FullTree) private _oursFull;

    /// @notice Pushes each case's leaves into ZKsync's DynamicIncrementalMerkle and into our IncrementalTree.
    /// @param cases Leaves per case.
    /// @return zk ZKsync's root after each push, per case.
    /// @return ours Our root after each push, per case.
    function chainTreeRoots(bytes32[][] calldata cases)
        external
        returns (bytes32[][] memory zk, bytes32[][] memory ours)
    {
        zk = new bytes32[][](cases.length);
        ours = new bytes32[][](cases.length);
        for (uint256 c; c < cases.length; ++c) {
            _zk[c].setup(EMPTY);
            zk[c] = new bytes32[](cases[c].length);
            ours[c] = new bytes32[](cases[c].length);
            for (uint256 i; i < cases[c].length; ++i) {
                (, zk[c][i]) = _zk[c].push(cases[c][i]);
                (, ours[c][i],) = _ours[c].push(cases[c][i]);
            }
        }
    }

    /// @notice Runs each case's ops on our FullTree, then pushes its final leaves into ZKsync's tree.
    /// @param ops Per case, (PUSH or an index to update, leaf) pairs.
    /// @param finalLeaves Per case, the leaves after all ops (from the TypeScript model).
    /// @return zk ZKsync's root of the final leaves, per case.
    /// @return ours Our FullTree's root after the ops, per case.
    function sharedTreeRoots(uint256[][] calldata ops, bytes32[][] calldata leafOps, bytes32[][] calldata finalLeaves)
        external
        returns (bytes32[] memory zk, bytes32[] memory ours)
    {
        zk = new bytes32[](ops.length);
        ours = new bytes32[](ops.length);
        for (uint256 c; c < ops.length; ++c) {
            for (uint256 i; i < ops[c].length; ++i) {
                if (ops[c][i] == PUSH) (, ours[c],) = _oursFull[c].push(leafOps[c][i]);
                else (ours[c],) = _oursFull[c].update(ops[c][i], leafOps[c][i]);
            }
            _zk[c].setup(EMPTY);
            for (uint256 i; i < finalLeaves[c].length; ++i) {
                (, zk[c]) = _zk[c].push(finalLeaves[c][i]);
            }
        }
    }

    /// @notice ZKsync's Merkle.calculateRoot for many (path, index, leaf) triples.
    /// @param paths Sibling paths.
    /// @param indexes Leaf indexes.
    /// @param leaves Leaves.
    /// @return roots The computed roots.
    function calculateRoots(bytes32[][] calldata paths, uint256[] calldata indexes, bytes32[] calldata leaves)
        external
        pure
        returns (bytes32[] memory roots)
    {
        roots = new bytes32[](leaves.length);
        for (uint256 i; i < leaves.length; ++i) {
            roots[i] = Merkle.calculateRoot(paths[i], indexes[i], leaves[i]);
        }
    }
}
