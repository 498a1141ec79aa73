import {
  decodeInteropMessage,
  encodeInteropMessage,
  getInteropHash,
  hashL2ToL1Log,
  hashPackedL2ToL1Logs,
  INTEROP_CENTER_ADDRESS,
  type InteropMessage,
  InvalidInputError,
  interopMessageToLog,
  L1_MESSENGER_ADDRESS,
  type L2ToL1Log,
  l2MessageToLog,
  packL2ToL1Log,
  packL2ToL1Logs,
  unpackL2ToL1Log,
  unpackL2ToL1Logs,
} from '@interop/sdk/core';
import fc from 'fast-check';
import { type Address, encodeAbiParameters, encodePacked, type Hex, keccak256, padHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { utils as zksyncUtils } from 'zksync-ethers';

/** Fixed senders and an InteropCenter that is not the system one, for the fixed examples. */
const ALICE: Address = '0x1111111111111111111111111111111111111111';
const BOB: Address = '0x2222222222222222222222222222222222222222';
const OTHER_CENTER: Address = '0x3333333333333333333333333333333333333333';

const hex = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => `0x${Buffer.from(b).toString('hex')}` as Hex);
const address = hex(20, 20) as fc.Arbitrary<Address>;
const uint256 = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n });
const messageArb: fc.Arbitrary<InteropMessage> = fc.record({
  data: hex(0, 100),
  sender: address,
  sourceChainId: uint256,
  messageNum: uint256,
});
const logArb: fc.Arbitrary<L2ToL1Log> = fc.record({
  l2ShardId: fc.integer({ min: 0, max: 255 }),
  isService: fc.boolean(),
  txNumberInBatch: fc.integer({ min: 0, max: 0xffff }),
  sender: address,
  key: hex(32, 32),
  value: hex(32, 32),
});

const messageTuple = [
  {
    type: 'tuple',
    components: [
      { name: 'data', type: 'bytes' },
      { name: 'sender', type: 'address' },
      { name: 'sourceChainId', type: 'uint256' },
      { name: 'messageNum', type: 'uint256' },
    ],
  },
] as const;

const viemEncode = (m: InteropMessage) => encodeAbiParameters(messageTuple, [m]);

describe('InteropMessage', () => {
  it('encoding equals viem abi.encode of the struct as one tuple; hash is its keccak', () => {
    fc.assert(
      fc.property(messageArb, (m) => {
        const encoded = encodeInteropMessage(m);
        expect(encoded).toBe(viemEncode(m));
        expect(getInteropHash(m)).toBe(keccak256(viemEncode(m)));
      }),
      { numRuns: 200 },
    );
  });

  it('decode inverts encode (sender comes back lower-case)', () => {
    fc.assert(
      fc.property(messageArb, (m) => {
        expect(decodeInteropMessage(encodeInteropMessage(m))).toEqual({ ...m, sender: m.sender.toLowerCase() });
      }),
      { numRuns: 100 },
    );
  });

  it('a fixed example', () => {
    const m: InteropMessage = { data: '0x68656c6c6f', sender: ALICE, sourceChainId: 271n, messageNum: 1n };
    expect(encodeInteropMessage(m)).toBe(
      '0x' +
        '0000000000000000000000000000000000000000000000000000000000000020' +
        '0000000000000000000000000000000000000000000000000000000000000080' +
        '0000000000000000000000001111111111111111111111111111111111111111' +
        '000000000000000000000000000000000000000000000000000000000000010f' +
        '0000000000000000000000000000000000000000000000000000000000000001' +
        '0000000000000000000000000000000000000000000000000000000000000005' +
        '68656c6c6f000000000000000000000000000000000000000000000000000000',
    );
  });

  it('decode refuses non-canonical or truncated encodings', () => {
    const good = encodeInteropMessage({
      data: '0xabcd',
      sender: INTEROP_CENTER_ADDRESS,
      sourceChainId: 1n,
      messageNum: 2n,
    });
    const bad = [
      good.slice(0, -64),
      `${good}${'00'.repeat(32)}`,
      `0x${'00'.repeat(31)}40${good.slice(66)}`,
      `${good.slice(0, -2)}01`,
      `${good.slice(0, 2 + 64 * 2)}ff${good.slice(2 + 64 * 2 + 2)}`,
      '0x1',
    ];
    for (const b of bad) expect(() => decodeInteropMessage(b as Hex)).toThrow(InvalidInputError);
  });

  it('refuses bad fields', () => {
    const m: InteropMessage = { data: '0x', sender: INTEROP_CENTER_ADDRESS, sourceChainId: 1n, messageNum: 1n };
    expect(() => encodeInteropMessage({ ...m, sender: '0x1234' })).toThrow(InvalidInputError);
    expect(() => encodeInteropMessage({ ...m, data: '0x123' })).toThrow(InvalidInputError);
    expect(() => encodeInteropMessage({ ...m, messageNum: -1n })).toThrow(InvalidInputError);
    expect(() => encodeInteropMessage({ ...m, sourceChainId: 1n << 256n })).toThrow(InvalidInputError);
  });
});

describe('L2→L1 logs', () => {
  const viemPack = (l: L2ToL1Log) =>
    encodePacked(
      ['uint8', 'bool', 'uint16', 'address', 'bytes32', 'bytes32'],
      [l.l2ShardId, l.isService, l.txNumberInBatch, l.sender, l.key, l.value],
    );

  it('packing equals abi.encodePacked, 88 bytes; the leaf hash is its keccak', () => {
    fc.assert(
      fc.property(logArb, (l) => {
        const packed = packL2ToL1Log(l);
        expect(packed.length).toBe(88);
        expect(`0x${Buffer.from(packed).toString('hex')}`).toBe(viemPack(l));
        expect(hashL2ToL1Log(l)).toBe(keccak256(viemPack(l)));
        expect(unpackL2ToL1Log(packed)).toEqual({
          ...l,
          sender: l.sender.toLowerCase(),
          key: l.key.toLowerCase(),
          value: l.value.toLowerCase(),
        });
      }),
      { numRuns: 200 },
    );
  });

  it('many logs pack to their concatenation and unpack back; bulk hashes match', () => {
    fc.assert(
      fc.property(fc.array(logArb, { maxLength: 6 }), (logs) => {
        const packed = packL2ToL1Logs(logs);
        expect(packed).toBe(`0x${logs.map((l) => viemPack(l).slice(2)).join('')}`);
        expect(unpackL2ToL1Logs(packed)).toHaveLength(logs.length);
        const hashes = hashPackedL2ToL1Logs(Buffer.from(packed.slice(2), 'hex'));
        logs.forEach((l, i) =>
          expect(`0x${Buffer.from(hashes.subarray(i * 32, i * 32 + 32)).toString('hex')}`).toBe(hashL2ToL1Log(l)),
        );
      }),
      { numRuns: 30 },
    );
  });

  it('refuses out-of-range fields and bad packed data', () => {
    const l: L2ToL1Log = {
      l2ShardId: 0,
      isService: true,
      txNumberInBatch: 0,
      sender: L1_MESSENGER_ADDRESS,
      key: padHex('0x01'),
      value: padHex('0x02'),
    };
    expect(() => packL2ToL1Log({ ...l, txNumberInBatch: 65536 })).toThrow(InvalidInputError);
    expect(() => packL2ToL1Log({ ...l, l2ShardId: 256 })).toThrow(InvalidInputError);
    expect(() => packL2ToL1Log({ ...l, key: '0x01' })).toThrow(InvalidInputError);
    expect(() => unpackL2ToL1Logs(`0x${'00'.repeat(87)}`)).toThrow(InvalidInputError);
    const packed = packL2ToL1Log(l);
    packed[1] = 2;
    expect(() => unpackL2ToL1Log(packed)).toThrow(InvalidInputError);
  });

  it('L2Message → log: messenger sender, key = sender padded, value = keccak(data)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), address, hex(0, 80), (tx, sender, data) => {
        expect(l2MessageToLog({ txNumberInBatch: tx, sender, data })).toEqual({
          l2ShardId: 0,
          isService: true,
          txNumberInBatch: tx,
          sender: L1_MESSENGER_ADDRESS,
          key: padHex(sender.toLowerCase() as Hex, { size: 32 }),
          value: keccak256(data),
        });
      }),
      { numRuns: 50 },
    );
  });

  it('L2Message leaf hash equals zksync-ethers utils.getHashedL2ToL1Msg', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), address, hex(0, 80), (tx, sender, data) => {
        expect(hashL2ToL1Log(l2MessageToLog({ txNumberInBatch: tx, sender, data }))).toBe(
          zksyncUtils.getHashedL2ToL1Msg(sender, data, tx),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('interop message → log: key = InteropCenter, value = interopHash; equals sendToL1 of its encoding', () => {
    const m: InteropMessage = { data: '0xdeadbeef', sender: BOB, sourceChainId: 271n, messageNum: 7n };
    const interopHash = getInteropHash(m);
    const log = interopMessageToLog({ interopHash, txNumberInBatch: 3 });
    expect(log.key).toBe(padHex(INTEROP_CENTER_ADDRESS, { size: 32 }));
    expect(log.value).toBe(interopHash);
    expect(log).toEqual(
      l2MessageToLog({ txNumberInBatch: 3, sender: INTEROP_CENTER_ADDRESS, data: encodeInteropMessage(m) }),
    );
    const other = interopMessageToLog({
      interopHash,
      txNumberInBatch: 3,
      interopCenter: OTHER_CENTER,
    });
    expect(hashL2ToL1Log(other)).not.toBe(hashL2ToL1Log(log));
  });
});
