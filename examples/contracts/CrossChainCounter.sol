// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {INTEROP_CENTER_ADDRESS, InteropMessage, InteropProof} from "@interop/contracts/common/InteropTypes.sol";
import {IInteropCenter} from "@interop/contracts/l2/IInteropCenter.sol";

/// @notice A counter on chain B that only moves when a message proven to come from one trusted sender on one
/// source chain A says so. The message layer has no replay protection, so this contract keeps its own.
contract CrossChainCounter {
    /// @notice The InteropCenter of this chain, which holds the imported roots.
    IInteropCenter public constant INTEROP_CENTER = IInteropCenter(INTEROP_CENTER_ADDRESS);

    /// @notice The only sender whose messages move the counter.
    address public immutable trustedSender;
    /// @notice The chain that sender must have sent from.
    uint256 public immutable trustedSourceChainId;

    /// @notice Sum of the amounts of every message acted on.
    uint256 public counter;
    /// @notice interopHash => already acted on. Anyone may verify a message any number of times; we act on it once.
    mapping(bytes32 => bool) public consumed;

    /// @notice A message moved the counter.
    event Incremented(bytes32 indexed interopHash, uint256 amount, uint256 counter);

    /// @dev The message is not from the trusted sender on the trusted chain.
    error UntrustedSender(address sender, uint256 sourceChainId);
    /// @dev The message was acted on already.
    error AlreadyConsumed(bytes32 interopHash);
    /// @dev The proof does not reach a root this chain imported.
    error NotProven(bytes32 interopHash);

    /// @param sender The trusted sender.
    /// @param sourceChainId The chain it sends from.
    constructor(address sender, uint256 sourceChainId) {
        trustedSender = sender;
        trustedSourceChainId = sourceChainId;
    }

    /// @notice Adds the amount of a proven message from the trusted sender, once per message.
    /// @param encodedMessage abi.encode(InteropMessage) of the message; its data is abi.encode(uint256 amount).
    /// @param proof the message's proof, ending in a root this chain imported.
    function increment(bytes calldata encodedMessage, InteropProof calldata proof) external {
        InteropMessage memory message = abi.decode(encodedMessage, (InteropMessage));
        // Re-encode rather than hash the input: a non-canonical encoding of the same fields must not count as
        // another message.
        bytes32 interopHash = keccak256(abi.encode(message));
        // sender and sourceChainId are filled by the source chain's InteropCenter, so once the hash is proven
        // they are facts, not claims.
        if (
            message.sender != trustedSender || message.sourceChainId != trustedSourceChainId
                || proof.chainId != trustedSourceChainId
        ) {
            revert UntrustedSender(message.sender, message.sourceChainId);
        }
        if (consumed[interopHash]) revert AlreadyConsumed(interopHash);
        if (!INTEROP_CENTER.verifyInteropMessage(interopHash, proof)) revert NotProven(interopHash);
        consumed[interopHash] = true;
        uint256 amount = abi.decode(message.data, (uint256));
        counter += amount;
        emit Incremented(interopHash, amount, counter);
    }
}
