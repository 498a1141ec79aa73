// The endpoint's sender policy on its own (packages/node/src/rpc/access.ts), for the two refusals that are hard to
// reach through a live devnet: a ZKsync 0x71 transaction naming one of the node's own senders, and any other send
// as an account while the node has it impersonated for a 0x71 send. (A raw transaction signed with a node key is
// not checked: those keys are secret, random per devnet.) The transactions are really signed; the
// handler behind the policy only records what reached it.

import type { Address, Hex } from 'viem';
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { serializeTransaction } from 'viem/zksync';
import { describe, expect, it } from 'vitest';
import { createAccessHandler, SENDER_REFUSED } from '../../packages/node/src/rpc/access.js';

const operator = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const user = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');

function policy(busy: Address[] = []) {
  const reached: string[] = [];
  const handler = createAccessHandler(
    async (request) => {
      reached.push(request.method);
      return { jsonrpc: '2.0', id: request.id ?? null, result: 'forwarded' };
    },
    {
      passThroughMethods: '*',
      isOwnMethod: () => false,
      protectedSenders: [operator.address],
      isBusySender: (a) => busy.some((b) => b.toLowerCase() === a.toLowerCase()),
    },
  );
  return { handler, reached };
}

/** A raw EIP-1559 transfer of 1 wei on chain 271, signed by `from`. */
function signedTransfer(from: PrivateKeyAccount, to: Address): Promise<Hex> {
  return from.signTransaction({
    chainId: 271,
    to,
    value: 1n,
    nonce: 0,
    gas: 21_000n,
    maxFeePerGas: 1n,
    maxPriorityFeePerGas: 0n,
  });
}

async function refusal(call: Promise<unknown>): Promise<{ code: number; message: string }> {
  const err = (await call.then(
    () => undefined,
    (e) => e,
  )) as { code: number; message: string } | undefined;
  if (!err) throw new Error('the request was not refused');
  return err;
}

/** A ZKsync type-0x71 transaction as a client serializes it: it names its sender in `from`. */
function zkSyncTransaction(from: Address): Hex {
  return serializeTransaction({
    type: 'eip712',
    chainId: 271,
    from,
    to: '0x0000000000000000000000000000000000010008',
    nonce: 0,
    gas: 100_000n,
    maxFeePerGas: 1n,
    maxPriorityFeePerGas: 0n,
    data: '0x',
    gasPerPubdata: 50_000n,
    customSignature: '0x01',
  });
}

describe('endpoint sender policy', () => {
  it('refuses a ZKsync 0x71 transaction that names one of the node’s own senders', async () => {
    const { handler, reached } = policy();
    const raw = zkSyncTransaction(operator.address);
    const err = await refusal(handler({ jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: [raw] }));
    expect(err.code).toBe(SENDER_REFUSED);
    expect(err.message).toContain(operator.address);
    expect(reached).toEqual([]);
    // The same transaction from a user goes through.
    await handler({
      jsonrpc: '2.0',
      id: 2,
      method: 'eth_sendRawTransaction',
      params: [zkSyncTransaction(user.address)],
    });
    expect(reached).toEqual(['eth_sendRawTransaction']);
  });

  it('does not recover the signer of other raw transactions: only the holder of a node key can sign as it', async () => {
    const { handler, reached } = policy();
    const signed = await signedTransfer(operator, user.address);
    await handler({ jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: [signed] });
    expect(reached).toEqual(['eth_sendRawTransaction']);
  });

  it('while the node impersonates an account for a 0x71 send, unsigned sends as it are refused; signed ones pass', async () => {
    const { handler, reached } = policy([user.address]);
    const unsigned = { from: user.address, to: operator.address, value: '0x1' };
    for (const method of ['eth_sendTransaction', 'eth_signTransaction']) {
      const err = await refusal(handler({ jsonrpc: '2.0', id: 1, method, params: [unsigned] }));
      expect(err.code).toBe(SENDER_REFUSED);
      expect(err.message).toMatch(/refused for now: the node is sending a ZKsync transaction of this account/);
    }
    const impersonation = await refusal(
      handler({ jsonrpc: '2.0', id: 2, method: 'anvil_impersonateAccount', params: [user.address] }),
    );
    expect(impersonation.code).toBe(SENDER_REFUSED);
    expect(reached).toEqual([]);
    // A transaction the account signed itself proves it is the account: the window gives the caller nothing.
    const signed = await signedTransfer(user, operator.address);
    await handler({ jsonrpc: '2.0', id: 3, method: 'eth_sendRawTransaction', params: [signed] });
    expect(reached).toEqual(['eth_sendRawTransaction']);
    // Once the window is over, the account's unsigned sends pass again (on the devnet, anvil decides).
    const after = policy([]);
    await after.handler({ jsonrpc: '2.0', id: 4, method: 'eth_sendTransaction', params: [unsigned] });
    expect(after.reached).toEqual(['eth_sendTransaction']);
  });
});
