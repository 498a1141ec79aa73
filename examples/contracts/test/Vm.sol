// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev The few forge cheatcodes these tests use (declared here so the tests need no library download).
interface Vm {
    function deployCode(string calldata artifactPath, bytes calldata constructorArgs) external returns (address);
    function etch(address target, bytes calldata code) external;
    function prank(address sender) external;
    function expectRevert(bytes calldata revertData) external;
    function toString(uint256 value) external pure returns (string memory);
    function projectRoot() external view returns (string memory);
    function readFile(string calldata path) external view returns (string memory);
    function parseJsonUint(string calldata json, string calldata key) external pure returns (uint256);
    function parseJsonAddress(string calldata json, string calldata key) external pure returns (address);
    function parseJsonBytes(string calldata json, string calldata key) external pure returns (bytes memory);
    function parseJsonBytes32(string calldata json, string calldata key) external pure returns (bytes32);
    function parseJsonBytes32Array(string calldata json, string calldata key) external pure returns (bytes32[] memory);
}

/// @dev The cheatcode address every forge test can call.
Vm constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
