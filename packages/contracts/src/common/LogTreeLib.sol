// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {DEFAULT_LOG_LEAF, LOG_SIZE, LOG_TREE_HEIGHT} from "./InteropConstants.sol";

/// @title Root of a batch's L2->L1 log tree (height LOG_TREE_HEIGHT) from its packed logs.
/// @dev Leaves are keccak256 of each LOG_SIZE-byte log; missing leaves are the default leaf, and the empty subtrees
/// use precomputed zero hashes, so a batch costs hashing proportional to its logs, not to MAX_LOGS_PER_BATCH leaves.
library LogTreeLib {
    /// @dev Root of the log tree whose leaves are the `count` packed logs at calldata `logsOffset`.
    /// Works in memory above the free memory pointer (count words) without moving it.
    function root(uint256 logsOffset, uint256 count) internal pure returns (bytes32 r) {
        assembly ("memory-safe") {
            let base := mload(0x40)
            // Leaf i: copy log i to base + 32 i (the bytes past the word are scratch until later leaves overwrite them).
            for { let i := 0 } lt(i, count) { i := add(i, 1) } {
                let p := add(base, shl(5, i))
                calldatacopy(p, add(logsOffset, mul(i, LOG_SIZE)), LOG_SIZE)
                mstore(p, keccak256(p, LOG_SIZE))
            }
            let n := count
            for { let level := 0 } lt(level, LOG_TREE_HEIGHT) { level := add(level, 1) } {
                let z := zeroHash(level)
                let half := shr(1, add(n, 1))
                for { let j := 0 } lt(j, half) { j := add(j, 1) } {
                    let right := z
                    let rightIndex := add(shl(1, j), 1)
                    if lt(rightIndex, n) { right := mload(add(base, shl(5, rightIndex))) }
                    mstore(0x00, mload(add(base, shl(6, j))))
                    mstore(0x20, right)
                    mstore(add(base, shl(5, j)), keccak256(0x00, 0x40))
                }
                n := half
            }
            switch n
            case 0 { r := zeroHash(LOG_TREE_HEIGHT) }
            default { r := mload(base) }

            // Root of an empty subtree of the given height: level 0 is the default leaf, level l + 1 is
            // keccak256(level l ‖ level l); the last case is the empty tree's root (level LOG_TREE_HEIGHT).
            function zeroHash(level) -> z {
                switch level
                case 0 { z := DEFAULT_LOG_LEAF }
                case 1 { z := 0xc3d03eebfd83049991ea3d3e358b6712e7aa2e2e63dc2d4b438987cec28ac8d0 }
                case 2 { z := 0xe3697c7f33c31a9b0f0aeb8542287d0d21e8c4cf82163d0c44c7a98aa11aa111 }
                case 3 { z := 0x199cc5812543ddceeddd0fc82807646a4899444240db2c0d2f20c3cceb5f51fa }
                case 4 { z := 0xe4733f281f18ba3ea8775dd62d2fcd84011c8c938f16ea5790fd29a03bf8db89 }
                case 5 { z := 0x1798a1fd9c8fbb818c98cff190daa7cc10b6e5ac9716b4a2649f7c2ebcef2272 }
                case 6 { z := 0x66d7c5983afe44cf15ea8cf565b34c6c31ff0cb4dd744524f7842b942d08770d }
                case 7 { z := 0xb04e5ee349086985f74b73971ce9dfe76bbed95c84906c5dffd96504e1e5396c }
                case 8 { z := 0xac506ecb5465659b3a927143f6d724f91d8d9c4bdb2463aee111d9aa869874db }
                case 9 { z := 0x124b05ec272cecd7538fdafe53b6628d31188ffb6f345139aac3c3c1fd2e470f }
                case 10 { z := 0xc3be9cbd19304d84cca3d045e06b8db3acd68c304fc9cd4cbffe6d18036cb13f }
                case 11 { z := 0xfef7bd9f889811e59e4076a0174087135f080177302763019adaf531257e3a87 }
                case 12 { z := 0xa707d1c62d8be699d34cb74804fdd7b4c568b6c1a821066f126c680d4b83e00b }
                case 13 { z := 0xf6e093070e0389d2e529d60fadb855fdded54976ec50ac709e3a36ceaa64c291 }
                default { z := 0x375a5bf909cb02143e3695ca658e0641e739aa590f0004dba93572c44cdb9d2d }
            }
        }
    }
}
