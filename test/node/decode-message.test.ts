// The sequencer's decoder of InteropCenter logs (hand-written for speed) against viem's ABI encoder.
import { encodeInteropMessage, type InteropMessage } from '@interop/sdk/core';
import { encodeAbiParameters, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodeMessageOfLog } from '../../packages/node/src/sequencer/decodeMessage.js';

const message: InteropMessage = {
  data: '0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021',
  sender: '0x00000000000000000000000000000000000abcde',
  sourceChainId: 271n,
  messageNum: 7n,
};
const logData = (encoded: Hex) => encodeAbiParameters([{ type: 'bytes' }], [encoded]);

describe('decodeMessageOfLog', () => {
  it('decodes the L1MessageSent data of an InteropCenter message', () => {
    expect(decodeMessageOfLog(logData(encodeInteropMessage(message)))).toEqual(message);
    expect(decodeMessageOfLog(logData(encodeInteropMessage({ ...message, data: '0x' })))).toEqual({
      ...message,
      data: '0x',
    });
  });

  it('answers undefined for data that is not one', () => {
    const good = logData(encodeInteropMessage(message));
    expect(decodeMessageOfLog('0x')).toBeUndefined();
    expect(decodeMessageOfLog(`${good}zz` as Hex)).toBeUndefined();
    expect(decodeMessageOfLog(good.slice(0, -64) as Hex)).toBeUndefined();
    expect(decodeMessageOfLog(logData('0x1234'))).toBeUndefined();
    // Offset pointing past the end.
    expect(decodeMessageOfLog(`0x${'ff'.repeat(32)}${good.slice(66)}` as Hex)).toBeUndefined();
  });
});
