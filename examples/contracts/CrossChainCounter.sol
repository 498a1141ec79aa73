// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// The message as InteropCenter builds it (DESIGN.md §1).
struct InteropMessage {
    bytes data;
    address sender;
    uint256 sourceChainId;
    uint256 messageNum;
}

/// The proof InteropCenter.verifyInteropMessage takes (what the SDK's getInteropProof returns).
struct InteropProof {
    uint256 chainId;
    uint256 l1BatchNumber;
    uint256 l2MessageIndex;
    uint16 txNumberInBatch;
    bytes32[] proof;
}

interface IInteropCenter {
    function verifyInteropMessage(bytes32 interopHash, InteropProof calldata proof) external view returns (bool);
}

/// @notice A counter on chain B that only moves when a message proven to come from one trusted sender on one
/// source chain A says so. The message layer has no replay protection, so this contract keeps its own.
contract CrossChainCounter {
    IInteropCenter public constant INTEROP_CENTER = IInteropCenter(0x0000000000000000000000000000000000010008);

    address public immutable trustedSender;
    uint256 public immutable trustedSourceChainId;

    uint256 public counter;
    /// interopHash => already acted on. Anyone may verify a message any number of times; we act on it once.
    mapping(bytes32 => bool) public consumed;

    event Incremented(bytes32 indexed interopHash, uint256 amount, uint256 counter);

    error UntrustedSender(address sender, uint256 sourceChainId);
    error AlreadyConsumed(bytes32 interopHash);
    error NotProven(bytes32 interopHash);

    constructor(address sender, uint256 sourceChainId) {
        trustedSender = sender;
        trustedSourceChainId = sourceChainId;
    }

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
