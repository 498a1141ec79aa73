// The system contracts answer to the same selectors as ZKsync's, as zksync-ethers ships them, so its
// InteropClient and verifier calls work against our contracts unchanged.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InteropCenter, InteropSettlement, L1Messenger, L2MessageVerification } from '@interop/contracts';
import * as generated from '@interop/sdk/abis';
import { type Abi, type AbiEvent, type AbiFunction, toEventSelector, toFunctionSelector } from 'viem';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
function zksyncAbi(name: string): Abi {
  const json = JSON.parse(readFileSync(require.resolve(`zksync-ethers/abi/${name}.json`), 'utf8'));
  return (Array.isArray(json) ? json : json.abi) as Abi;
}
const functions = (abi: Abi) =>
  new Set(abi.filter((x): x is AbiFunction => x.type === 'function').map((f) => toFunctionSelector(f)));
const events = (abi: Abi) =>
  new Set(abi.filter((x): x is AbiEvent => x.type === 'event').map((e) => toEventSelector(e)));

describe('ABI compatibility with ZKsync (zksync-ethers)', () => {
  it('0x…10009 has every function of ZKsync L2MessageVerification', () => {
    const ours = functions(L2MessageVerification.abi as Abi);
    const theirs = [...functions(zksyncAbi('L2MessageVerification'))];
    expect(theirs.length).toBeGreaterThanOrEqual(3);
    for (const selector of theirs) expect(ours.has(selector), selector).toBe(true);
  });

  it('0x…10008 has ZKsync L2InteropRootStorage interopRoots and addInteropRoot', () => {
    const ours = functions(InteropCenter.abi as Abi);
    for (const selector of functions(zksyncAbi('L2InteropRootStorage')))
      expect(ours.has(selector), selector).toBe(true);
  });

  it('L1MessageSent and NewInteropRoot have ZKsync topics', () => {
    expect(events(L1Messenger.abi as Abi).has(toEventSelector('L1MessageSent(address,bytes32,bytes)'))).toBe(true);
    expect(
      events(InteropSettlement.abi as Abi).has(toEventSelector('NewInteropRoot(uint256,uint256,uint256,bytes32[])')),
    ).toBe(true);
    expect(
      events(InteropSettlement.abi as Abi).has(toEventSelector('AppendedChainBatchRoot(uint256,uint256,bytes32)')),
    ).toBe(true);
  });
});

// packages/sdk/src/generated/abis.ts is committed so the SDK needs neither solc nor @interop/contracts; the test
// run's build compiled the contracts afresh, so a Solidity change without `npm run generate:abis` fails here.
describe('generated ABIs (packages/sdk/src/generated/abis.ts)', () => {
  const compiled = { InteropCenter, L1Messenger, L2MessageVerification, InteropSettlement };
  const exported = {
    InteropCenter: generated.interopCenterAbi,
    L1Messenger: generated.l1MessengerAbi,
    L2MessageVerification: generated.l2MessageVerificationAbi,
    InteropSettlement: generated.interopSettlementAbi,
  };
  for (const name of Object.keys(compiled) as (keyof typeof compiled)[]) {
    it(`${name}: the generated ABI equals a fresh compile (else run npm run generate:abis)`, () => {
      expect(exported[name]).toEqual(compiled[name].abi);
    });
  }

  it('the event items come from the generated ABIs', () => {
    expect(toEventSelector(generated.interopMessageSentEvent)).toBe(
      toEventSelector('InteropMessageSent(bytes32,address,uint256,bytes)'),
    );
    expect(toEventSelector(generated.l1MessageSentEvent)).toBe(toEventSelector('L1MessageSent(address,bytes32,bytes)'));
  });
});
