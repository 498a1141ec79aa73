// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {INTEROP_CENTER_ADDRESS} from "../common/InteropTypes.sol";
import {MessageVerifier} from "../common/MessageVerifier.sol";
import {IInteropCenter} from "./IInteropCenter.sol";

/// @title L2MessageVerification (0x…10009): ZKsync's verifier interface over the roots InteropCenter imported.
contract L2MessageVerification is MessageVerifier {
    /// @dev Roots are the ones the chain's InteropCenter imported.
    function _storedRoot(uint256 chainId, uint256 blockOrBatchNumber) internal view override returns (bytes32) {
        return IInteropCenter(INTEROP_CENTER_ADDRESS).interopRoots(chainId, blockOrBatchNumber);
    }
}
