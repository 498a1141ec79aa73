// Runs inside an empty project that installed only the packed @interop/sdk (test/packaging/sdk-package.test.ts):
// what a dApp developer writes. Sends a message on SOURCE_RPC, waits until it verifies on DESTINATION_RPC, and
// prints one JSON line with what the test checks.

import { sendInteropMessage, verifyInteropMessage, waitForInteropMessage } from '@interop/sdk';
import { getInteropHash } from '@interop/sdk/core';
import { keccak256 } from '@interop/sdk/keccak';
import { bytesToHex, createPublicClient, createWalletClient, http, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

const { SOURCE_RPC, DESTINATION_RPC, PRIVATE_KEY } = process.env;
const wallet = createWalletClient({ account: privateKeyToAccount(PRIVATE_KEY), transport: http(SOURCE_RPC) });
const source = createPublicClient({ transport: http(SOURCE_RPC) });
const destination = createPublicClient({ transport: http(DESTINATION_RPC) });

const { interopHash, message } = await sendInteropMessage(wallet, { data: toHex('hello from a packed SDK') });
const { proof } = await waitForInteropMessage(source, { interopHash, destination, timeout: 30_000 });
const verified = await verifyInteropMessage(destination, { interopHash, proof });
// A hash that was never sent must not verify with the same proof.
const otherHash = bytesToHex(keccak256(new TextEncoder().encode('never sent')));
const otherVerified = await verifyInteropMessage(destination, { interopHash: otherHash, proof });

console.log(
  JSON.stringify({
    interopHash,
    recomputedHash: getInteropHash(message),
    verified,
    otherVerified,
    resolved: import.meta.resolve('@interop/sdk'),
  }),
);
