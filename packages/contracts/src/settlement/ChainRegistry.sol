// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MessageRoot} from "./MessageRoot.sol";

/// @dev Caller is not the owner.
error NotOwner(address caller);
/// @dev Caller is not the chain's operator.
error NotOperator(uint256 chainId, address caller);
/// @dev Operators cannot be the zero address.
error ZeroOperator();
/// @dev The chain is registered already.
error ChainAlreadyRegistered(uint256 chainId);
/// @dev The chain is not registered.
error ChainNotRegistered(uint256 chainId);

/// @title Registry of the chains settling here: one operator per chain, set by the owner.
/// @notice Registering a chain gives it the next leaf of the shared tree; the settlement layer itself is index 0.
abstract contract ChainRegistry is MessageRoot {
    /// @notice A chain was registered.
    event ChainRegistered(uint256 indexed chainId, address indexed operator, uint256 indexed chainIndex);
    /// @notice A chain's operator changed.
    event OperatorChanged(uint256 indexed chainId, address indexed operator);

    /// @notice May register chains and change operators.
    address public immutable owner;

    /// @notice The address allowed to commit and execute a chain's batches.
    mapping(uint256 chainId => address) public operatorOf;

    /// @notice Number of registered chains, the settlement layer included.
    uint256 public chainCount;

    mapping(uint256 chainId => uint256) private _indexPlusOne;

    /// @dev Reverts with NotOwner unless the caller is the owner.
    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    /// @dev Reverts with NotOperator unless the caller is the chain's (non-zero) operator.
    modifier onlyOperator(uint256 chainId) {
        if (msg.sender != operatorOf[chainId] || msg.sender == address(0)) revert NotOperator(chainId, msg.sender);
        _;
    }

    /// @param owner_ May register chains and change operators. The settlement layer itself is registered at index 0.
    constructor(address owner_) {
        owner = owner_;
        _register(block.chainid, address(0));
    }

    /// @notice Registers a chain with its operator (owner only).
    /// @param chainId The chain.
    /// @param operator Its operator.
    function registerChain(uint256 chainId, address operator) external onlyOwner {
        if (operator == address(0)) revert ZeroOperator();
        _register(chainId, operator);
    }

    /// @notice Replaces a chain's operator (owner only).
    /// @param chainId The chain.
    /// @param operator The new operator.
    function setOperator(uint256 chainId, address operator) external onlyOwner {
        if (operator == address(0)) revert ZeroOperator();
        if (_indexPlusOne[chainId] == 0 || chainId == block.chainid) revert ChainNotRegistered(chainId);
        operatorOf[chainId] = operator;
        emit OperatorChanged(chainId, operator);
    }

    /// @notice Index of a chain's leaf in the shared tree.
    /// @param chainId The chain.
    /// @return The index.
    function chainIndex(uint256 chainId) public view returns (uint256) {
        uint256 i = _indexPlusOne[chainId];
        if (i == 0) revert ChainNotRegistered(chainId);
        return i - 1;
    }

    function _register(uint256 chainId, address operator) internal {
        if (_indexPlusOne[chainId] != 0) revert ChainAlreadyRegistered(chainId);
        uint256 index = _addChainLeaf(chainId);
        _indexPlusOne[chainId] = index + 1;
        chainCount = index + 1;
        operatorOf[chainId] = operator;
        emit ChainRegistered(chainId, operator, index);
    }
}
