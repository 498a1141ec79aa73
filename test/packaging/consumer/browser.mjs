// Entry of the browser bundle built from the packed SDK (test/packaging/sdk-package.test.ts): what a dApp imports.
import { sendInteropMessage, verifyInteropMessage } from '@interop/sdk';
import { verifyProof } from '@interop/sdk/core';

globalThis.interop = { sendInteropMessage, verifyInteropMessage, verifyProof };
