// The sent-event filter and match shared by the SDK's status fallback and the node's unsealed lookup.
import {
  findInteropMessageSentLog,
  interopMessageSentFilter,
  interopMessageSentTopic,
  type RawLog,
} from '@interop/sdk';
import { INTEROP_CENTER_ADDRESS } from '@interop/sdk/core';
import { type Hex, keccak256, toEventSelector } from 'viem';
import { describe, expect, it } from 'vitest';

const hash = keccak256('0x01');
const other = keccak256('0x02');
const log = (over: Partial<RawLog> & { id: number }) => ({
  address: INTEROP_CENTER_ADDRESS as Hex,
  topics: [interopMessageSentTopic, hash] as Hex[],
  ...over,
});

describe('interopMessageSentLog', () => {
  it('filters InteropCenter for the event and hash over hex block bounds', () => {
    expect(interopMessageSentTopic).toBe(toEventSelector('InteropMessageSent(bytes32,address,uint256,bytes)'));
    expect(interopMessageSentFilter({ interopHash: hash, fromBlock: 16n, toBlock: 300 })).toEqual({
      address: INTEROP_CENTER_ADDRESS,
      topics: [interopMessageSentTopic, hash],
      fromBlock: '0x10',
      toBlock: '0x12c',
    });
  });

  it('picks the first live log of the message from InteropCenter, whatever the hex case', () => {
    const logs = [
      log({ id: 1, removed: true }),
      log({ id: 2, topics: [interopMessageSentTopic, other] }),
      log({ id: 3, address: '0x0000000000000000000000000000000000010009' }),
      log({ id: 4, topics: [keccak256('0x03'), hash] }),
      log({ id: 5, address: INTEROP_CENTER_ADDRESS.toUpperCase().replace('0X', '0x') as Hex }),
      log({ id: 6 }),
    ];
    expect(findInteropMessageSentLog(logs, hash)?.id).toBe(5);
    expect(findInteropMessageSentLog(logs.slice(0, 4), hash)).toBeUndefined();
  });
});
