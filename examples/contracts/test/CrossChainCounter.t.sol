// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CrossChainCounter} from "../CrossChainCounter.sol";
import {vm} from "./Vm.sol";
import {INTEROP_CENTER_ADDRESS, InteropMessage, InteropProof} from "@interop/contracts/common/InteropTypes.sol";
import {IInteropCenter} from "@interop/contracts/l2/IInteropCenter.sol";

/// @notice CrossChainCounter against real proofs: test/fixtures/cross-chain-counter.json was made by the TypeScript
/// core (test/contracts/crossChainCounterFixture.ts) and holds two messages of chain 271 with their two-level
/// proofs up to the MessageRoot of settlement block 1234. The real InteropCenter is installed at 0x…10008 and the
/// system caller imports that root, as the devnet's root importer does.
contract CrossChainCounterTest {
    address internal constant SYSTEM_CALLER = 0x0000000000000000000000000000000000008001;
    uint256 internal constant SOURCE_CHAIN_ID = 271;

    string internal fixture;
    CrossChainCounter internal counter;

    struct Delivery {
        bytes encodedMessage;
        bytes32 interopHash;
        InteropProof proof;
    }

    function setUp() public {
        fixture = vm.readFile(string.concat(vm.projectRoot(), "/test/fixtures/cross-chain-counter.json"));
        // Deployed, then its runtime code (with SYSTEM_CALLER baked in) installed at the fixed address.
        address deployed = vm.deployCode("InteropCenter.sol:InteropCenter", abi.encode(SYSTEM_CALLER));
        vm.etch(INTEROP_CENTER_ADDRESS, deployed.code);
        counter = new CrossChainCounter(vm.parseJsonAddress(fixture, ".trusted.message.sender"), SOURCE_CHAIN_ID);
    }

    /// @dev What the root importer does once the settlement block holding the batch is final.
    function _importRoot() internal {
        bytes32[] memory sides = new bytes32[](1);
        sides[0] = vm.parseJsonBytes32(fixture, ".root");
        vm.prank(SYSTEM_CALLER);
        IInteropCenter(INTEROP_CENTER_ADDRESS)
            .addInteropRoot(
                vm.parseJsonUint(fixture, ".settlementChainId"),
                vm.parseJsonUint(fixture, ".settlementBlockNumber"),
                sides
            );
    }

    function test_ActsOnAProvenMessageFromTheTrustedSender() public {
        _importRoot();
        Delivery memory d = _delivery(".trusted");
        _assert(keccak256(d.encodedMessage) == d.interopHash, "the core's interopHash is keccak256(encodedMessage)");
        counter.increment(d.encodedMessage, d.proof);
        _assertEq(counter.counter(), 5, "counter after the message");
        _assert(counter.consumed(d.interopHash), "message marked consumed");
    }

    function test_RefusesAReplay() public {
        _importRoot();
        Delivery memory d = _delivery(".trusted");
        counter.increment(d.encodedMessage, d.proof);
        vm.expectRevert(abi.encodeWithSelector(CrossChainCounter.AlreadyConsumed.selector, d.interopHash));
        counter.increment(d.encodedMessage, d.proof);
    }

    function test_RefusesEveryMutatedProofWord() public {
        _importRoot();
        Delivery memory d = _delivery(".trusted");
        bytes memory notProven = abi.encodeWithSelector(CrossChainCounter.NotProven.selector, d.interopHash);
        for (uint256 i; i < d.proof.proof.length; ++i) {
            Delivery memory m = _delivery(".trusted");
            m.proof.proof[i] ^= bytes32(uint256(1));
            (bool ok, bytes memory reason) =
                address(counter).call(abi.encodeCall(CrossChainCounter.increment, (m.encodedMessage, m.proof)));
            _assert(!ok, string.concat("mutated proof word accepted: ", vm.toString(i)));
            // A changed hash word or position misses the root; a changed metadata word may instead be refused by
            // the proof walker as malformed (e.g. MissingProofMetadata).
            bool isMetadata = uint256(d.proof.proof[i]) << 32 == 0;
            if (!isMetadata) _assert(keccak256(reason) == keccak256(notProven), "refused as not proven");
        }
        _assertEq(counter.counter(), 0, "counter after mutated proofs");
    }

    function test_RefusesAMutatedMessage() public {
        _importRoot();
        Delivery memory d = _delivery(".trusted");
        // Same sender, chain and number, amount 6 instead of 5: a message nobody sent, under the real proof.
        InteropMessage memory forged = InteropMessage({
            data: abi.encode(uint256(6)),
            sender: counter.trustedSender(),
            sourceChainId: SOURCE_CHAIN_ID,
            messageNum: vm.parseJsonUint(fixture, ".trusted.message.messageNum")
        });
        bytes memory encoded = abi.encode(forged);
        vm.expectRevert(abi.encodeWithSelector(CrossChainCounter.NotProven.selector, keccak256(encoded)));
        counter.increment(encoded, d.proof);
    }

    function test_RefusesAnotherSenderWhoseMessageIsProven() public {
        _importRoot();
        Delivery memory d = _delivery(".stranger");
        _assert(
            IInteropCenter(INTEROP_CENTER_ADDRESS).verifyInteropMessage(d.interopHash, d.proof),
            "the stranger's message itself verifies"
        );
        _expectUntrustedSender(".stranger");
        counter.increment(d.encodedMessage, d.proof);
    }

    function test_RefusesAProofClaimingAnotherChain() public {
        _importRoot();
        Delivery memory d = _delivery(".trusted");
        d.proof.chainId = SOURCE_CHAIN_ID + 1;
        _expectUntrustedSender(".trusted");
        counter.increment(d.encodedMessage, d.proof);
    }

    function test_RefusesAMessageBeforeItsRootIsImported() public {
        Delivery memory d = _delivery(".trusted");
        vm.expectRevert(abi.encodeWithSelector(CrossChainCounter.NotProven.selector, d.interopHash));
        counter.increment(d.encodedMessage, d.proof);
        _importRoot();
        counter.increment(d.encodedMessage, d.proof);
        _assertEq(counter.counter(), 5, "counter once the root is imported");
    }

    function _expectUntrustedSender(string memory key) internal {
        address sender = vm.parseJsonAddress(fixture, string.concat(key, ".message.sender"));
        vm.expectRevert(abi.encodeWithSelector(CrossChainCounter.UntrustedSender.selector, sender, SOURCE_CHAIN_ID));
    }

    function _delivery(string memory key) internal view returns (Delivery memory d) {
        d.encodedMessage = vm.parseJsonBytes(fixture, string.concat(key, ".encodedMessage"));
        d.interopHash = vm.parseJsonBytes32(fixture, string.concat(key, ".interopHash"));
        d.proof = InteropProof({
            chainId: vm.parseJsonUint(fixture, string.concat(key, ".proof.chainId")),
            l1BatchNumber: vm.parseJsonUint(fixture, string.concat(key, ".proof.l1BatchNumber")),
            l2MessageIndex: vm.parseJsonUint(fixture, string.concat(key, ".proof.l2MessageIndex")),
            txNumberInBatch: uint16(vm.parseJsonUint(fixture, string.concat(key, ".proof.txNumberInBatch"))),
            proof: vm.parseJsonBytes32Array(fixture, string.concat(key, ".proof.proof"))
        });
    }

    function _assert(bool ok, string memory what) internal pure {
        require(ok, what);
    }

    function _assertEq(uint256 got, uint256 want, string memory what) internal pure {
        require(got == want, what);
    }
}
