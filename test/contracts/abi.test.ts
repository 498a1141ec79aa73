// The system contracts answer to the same selectors as ZKsync's, as zksync-ethers ships them, so its
// InteropClient and verifier calls work against our contracts unchanged.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InteropCenter, InteropSettlement, L1Messenger, L2MessageVerification } from '@interop/contracts';
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
