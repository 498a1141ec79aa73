// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Brings the package's InteropCenter into this project's artifacts, compiled with viaIR like the build the devnet
// installs (foundry.toml's compilation_restrictions), so that the tests deploy the real contract with
// vm.deployCode while they themselves compile without viaIR (several times faster).
import {InteropCenter} from "@interop/contracts/l2/InteropCenter.sol";
