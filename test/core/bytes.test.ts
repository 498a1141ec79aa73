import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readUint256, writeUint256 } from '../../packages/sdk/src/core/bytes.js';

describe('uint256 words', () => {
  const cases = fc.oneof(
    fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
    fc.bigInt({ min: 0n, max: (1n << 60n) - 1n }),
    fc.constantFrom(0n, 255n, 256n, (1n << 53n) - 1n, 1n << 53n, (1n << 56n) - 1n, 1n << 56n, (1n << 256n) - 1n),
  );

  it('write then read gives the value back; bytes are big-endian', () => {
    fc.assert(
      fc.property(cases, (v) => {
        const out = new Uint8Array(40).fill(0xee);
        writeUint256(v, out, 4);
        expect(Buffer.from(out.subarray(4, 36)).toString('hex')).toBe(v.toString(16).padStart(64, '0'));
        expect(out[3]).toBe(0xee);
        expect(out[36]).toBe(0xee);
        expect(readUint256(out, 4)).toBe(v);
      }),
      { numRuns: 500 },
    );
  });
});
