// Type-checked inside the empty consumer project (test/packaging/sdk-package.test.ts) with moduleResolution
// NodeNext: every export path of the packed @interop/sdk must carry its types.
import {
  type SendInteropMessageReturnType,
  sendInteropMessage,
  type VerifyInteropMessageParameters,
  verifyInteropMessage,
} from '@interop/sdk';
import { interopCenterAbi } from '@interop/sdk/abis';
import { getInteropHash, INTEROP_CENTER_ADDRESS, type InteropMessage } from '@interop/sdk/core';
import { keccak256 } from '@interop/sdk/keccak';
import type { Hex } from 'viem';

export const center: `0x${string}` = INTEROP_CENTER_ADDRESS;
export const hashOf = (message: InteropMessage): Hex => getInteropHash(message);
export const digest: (data: Uint8Array) => Uint8Array = keccak256;
export type Sent = SendInteropMessageReturnType['interopHash'];
export type Verify = VerifyInteropMessageParameters;
export const sendName: 'sendInteropMessage' = interopCenterAbi.find(
  (item) => item.type === 'function' && item.name === 'sendInteropMessage',
)!.name as 'sendInteropMessage';
export { sendInteropMessage, verifyInteropMessage };
