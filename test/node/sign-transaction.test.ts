// The node's own EIP-1559 signer (used for batch commits, whose calldata is large) makes the same raw
// transaction as viem's signTransaction.
import { type Hex, keccak256, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { signEip1559Transaction } from '../../packages/node/src/signEip1559Transaction.js';

const account = privateKeyToAccount(keccak256(toHex('interop sign test')));

describe('signEip1559Transaction', () => {
  it('equals viem for small, zero and long fields (calldata over 55 bytes and over 64 KB)', async () => {
    const cases = [
      { chainId: 9n, nonce: 0n, gas: 21_000n, maxFeePerGas: 1n, maxPriorityFeePerGas: 0n, data: '0x' as Hex },
      {
        chainId: 271n,
        nonce: 127n,
        gas: 30_000_000n,
        maxFeePerGas: 3_000_000_001n,
        maxPriorityFeePerGas: 1_000_000_000n,
        data: `0x${'ab'.repeat(56)}` as Hex,
      },
      {
        chainId: 2n ** 40n,
        nonce: 65_536n,
        gas: 1n,
        maxFeePerGas: 2n ** 100n,
        maxPriorityFeePerGas: 1n,
        data: `0x00${'7f01'.repeat(40_000)}` as Hex,
      },
    ];
    for (const c of cases) {
      const to = '0x000000000000000000000000000000000001000a';
      const ours = await signEip1559Transaction({ account, to, ...c });
      const viems = await account.signTransaction({
        type: 'eip1559',
        to,
        ...c,
        chainId: Number(c.chainId),
        nonce: Number(c.nonce),
      });
      expect(ours).toBe(viems);
    }
  });
});
