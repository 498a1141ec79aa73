// No user transaction halts a sequencer: L1Messenger refuses the message past its per-block limit (the sender
// gets a named revert), and the sequencer cuts batches by commit gas and size, so blocks at the limit settle on a
// settlement layer with anvil's default request-size limit.
import { createRequire } from 'node:module';
import { L1Messenger } from '@interop/contracts';
import { startNode } from '@interop/node';
import { L1_MESSENGER_ADDRESS, MAX_L1_MESSAGES_PER_BLOCK } from '@interop/sdk/core';
import { type Address, decodeErrorResult, encodeFunctionData, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, KEYS, rpc, sendMessage, startTestNetwork, stopAll, type TestNetwork, waitFor } from './helpers.js';

// Sends `n` empty messages through L1Messenger in one transaction.
const SPAMMER_SOURCE = `
pragma solidity 0.8.28;
interface IL1Messenger { function sendToL1(bytes calldata) external returns (bytes32); }
contract Spammer {
  function spam(uint256 n) external {
    for (uint256 i; i < n; ++i) IL1Messenger(${L1_MESSENGER_ADDRESS}).sendToL1("");
  }
}`;
const spammerAbi = [
  {
    type: 'function',
    name: 'spam',
    stateMutability: 'nonpayable',
    inputs: [{ name: 'n', type: 'uint256' }],
    outputs: [],
  },
] as const;

const solc = createRequire(import.meta.url)('solc') as { compile(input: string): string };

function compileSpammer(): Hex {
  const input = {
    language: 'Solidity',
    sources: { 'Spammer.sol': { content: SPAMMER_SOURCE } },
    settings: { outputSelection: { '*': { Spammer: ['evm.bytecode.object'] } } },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  return `0x${out.contracts['Spammer.sol'].Spammer.evm.bytecode.object}`;
}

let net: TestNetwork;
let node: Awaited<ReturnType<typeof startNode>>;
let url: string;
let spammer: Address;
const user = () => clients(url, KEYS.user);

beforeAll(async () => {
  net = await startTestNetwork({ l2Count: 1 });
  node = await startNode(net.nodeConfig());
  url = node.chains[0].rpcUrl;
  const c = user();
  const hash = await c.wallet.deployContract({ abi: spammerAbi, bytecode: compileSpammer(), chain: null });
  const receipt = await c.public.waitForTransactionReceipt({ hash });
  spammer = receipt.contractAddress as Address;
}, 60_000);

afterAll(() => stopAll(node, net));

describe('per-block L2→L1 message limit', () => {
  it('a transaction past the limit reverts with TooManyL1MessagesInBlock', async () => {
    const data = encodeFunctionData({
      abi: spammerAbi,
      functionName: 'spam',
      args: [BigInt(MAX_L1_MESSAGES_PER_BLOCK + 1)],
    });
    const res = await rpc(url, 'eth_call', [{ to: spammer, data, gas: '0x3b9aca00' }, 'latest']);
    const revert = (res.error as { data?: Hex } | undefined)?.data;
    expect(revert).toBeDefined();
    const decoded = decodeErrorResult({ abi: L1Messenger.abi, data: revert as Hex });
    expect(decoded.errorName).toBe('TooManyL1MessagesInBlock');
    expect(decoded.args[1]).toBe(BigInt(MAX_L1_MESSAGES_PER_BLOCK));
  });

  it('blocks at the limit are sealed into batches that fit a commit, settle, and the chain keeps going', async () => {
    const c = user();
    const spam = (n: number, nonce: number, gas: bigint) =>
      c.wallet.sendTransaction({
        to: spammer,
        data: encodeFunctionData({ abi: spammerAbi, functionName: 'spam', args: [BigInt(n)] }),
        gas,
        nonce,
        chain: null,
      });
    const l2 = net.l2s[0].rpcUrl;
    let nonce = await c.public.getTransactionCount({ address: c.account.address });
    // Two full blocks; in the first one a second transaction with one more message reverts (the limit is per
    // block, across transactions).
    await rpc(l2, 'evm_setAutomine', [false]);
    const full1 = await spam(MAX_L1_MESSAGES_PER_BLOCK, nonce++, 20_000_000n);
    const over = await spam(1, nonce++, 1_000_000n);
    await rpc(l2, 'evm_mine');
    const full2 = await spam(MAX_L1_MESSAGES_PER_BLOCK, nonce++, 20_000_000n);
    await rpc(l2, 'evm_mine');
    await rpc(l2, 'evm_setAutomine', [true]);
    const [r1, rOver, r2] = await Promise.all(
      [full1, over, full2].map((hash) => c.public.waitForTransactionReceipt({ hash })),
    );
    expect(r1.status).toBe('success');
    expect(rOver.status).toBe('reverted');
    expect(r1.blockNumber).toBe(rOver.blockNumber);
    expect(r2.status).toBe('success');
    expect(r1.logs.length).toBe(MAX_L1_MESSAGES_PER_BLOCK);

    // 8,192 logs fit one log tree but not one commit (≈ 28 M gas, ≈ 1 MB): one batch per block, both executed.
    const executed = async (block: bigint) => {
      const receipt = await c.public.getTransactionReceipt({ hash: block === r1.blockNumber ? full1 : full2 });
      const batch = (receipt as unknown as { l1BatchNumber: Hex | null }).l1BatchNumber;
      if (batch === null) return false;
      const details = (await rpc(url, 'zks_getL1BatchDetails', [batch])).result;
      return details?.executed ? details : false;
    };
    const b1 = await waitFor(() => executed(r1.blockNumber), 'first full block settled', 120_000);
    const b2 = await waitFor(() => executed(r2.blockNumber), 'second full block settled', 120_000);
    expect(b1.number).not.toBe(b2.number);
    expect(b1.logCount).toBe(MAX_L1_MESSAGES_PER_BLOCK);
    expect(b2.logCount).toBe(MAX_L1_MESSAGES_PER_BLOCK);

    // The sequencer is still going: a message sent now becomes provable.
    const { interopHash } = await sendMessage(url, '0x01');
    const proof = await waitFor(
      async () => (await rpc(url, 'interop_getMessageProof', [interopHash])).result,
      'a later message provable',
      60_000,
    );
    expect(Number(proof.l1BatchNumber)).toBeGreaterThan(b2.number);
  }, 240_000);
});
