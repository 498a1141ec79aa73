// ZKsync's own JavaScript SDK against the devnet, unmodified: zksync-ethers' Wallet sends a type-0x71
// transaction calling L1Messenger, and its InteropClient proves the message on another chain.

import { interopCenterAbi } from '@interop/sdk/abis';
import { INTEROP_CENTER_ADDRESS } from '@interop/sdk/core';
import { ethers } from 'ethers';
import { createPublicClient, createWalletClient, defineChain, http, parseEventLogs } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { chainConfig, eip712WalletActions } from 'viem/zksync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EIP712Signer, InteropClient, Provider, utils, Wallet } from 'zksync-ethers';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';

let devnet: TestDevnet;

beforeAll(async () => {
  devnet = await startTestDevnet();
});

afterAll(async () => {
  await devnet?.stop();
});

async function waitForExecuted(client: InteropClient, provider: Provider, txHash: `0x${string}`): Promise<void> {
  // Generous: a loaded 2-core machine stretches the few hundred ms this takes when idle.
  const deadline = Date.now() + 45_000;
  for (;;) {
    if ((await client.getMessageStatus(provider, txHash)) === 'EXECUTED') return;
    if (Date.now() > deadline) throw new Error('message batch not executed within 45 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('zksync-ethers InteropClient on the devnet', () => {
  it('sends a message on 271 and verifies it on 272 and on 271', async () => {
    const [source, target] = devnet.l2s;
    const src = new Provider(source!.rpcUrl);
    const dst = new Provider(target!.rpcUrl);
    const wallet = new Wallet(devnet.accounts[0]!.privateKey, src);
    const client = new InteropClient({
      gateway: { env: 'local', gwRpcUrl: devnet.l1.rpcUrl, gwChainId: devnet.l1.chainId },
    });

    const message = `hello from zksync-ethers ${Date.now()}`;
    const { txHash } = await client.sendMessage(wallet, message);
    const sent = await src.getTransaction(txHash);
    expect(sent.type).toBe(utils.EIP712_TX_TYPE); // the SDK's own transaction type went through
    expect(sent.hash).toBe(txHash);

    await waitForExecuted(client, src, txHash);
    const onTarget = await client.verifyMessage({ txHash, srcProvider: src, targetChain: dst, timeoutMs: 30_000 });
    expect(onTarget.verified).toBe(true);
    expect(onTarget.source).toEqual({
      chainId: Number(source!.chainId),
      txHash,
      sender: wallet.address,
      messageHash: ethers.keccak256(ethers.toUtf8Bytes(message)),
    });

    const onSource = await client.verifyMessage({ txHash, srcProvider: src, targetChain: src, timeoutMs: 30_000 });
    expect(onSource.verified).toBe(true);

    // The same proof does not verify a different message.
    const args = await client.getVerificationArgs({ txHash, srcProvider: src, targetChain: dst });
    const verifier = new ethers.Contract(
      utils.L2_MESSAGE_VERIFICATION_ADDRESS,
      utils.L2_MESSAGE_VERIFICATION_ABI as never,
      dst as never,
    );
    const forged = { ...args.msgData, data: ethers.hexlify(ethers.toUtf8Bytes(`${message}!`)) };
    // A plain false from the contract: an RPC failure or a revert would throw here and fail the test.
    const ok = await verifier
      .getFunction('proveL2MessageInclusionShared')
      .staticCall(args.srcChainId, args.l1BatchNumber, args.l2MessageIndex, forged, args.gatewayProof);
    expect(ok).toBe(false);
  });
});

describe('ZKsync transactions through the node endpoint', () => {
  async function rpc(url: string, method: string, params: unknown[]) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    return (await res.json()) as { result?: any; error?: { code: number; message: string } };
  }

  it('knows a 0x71 InteropCenter message by its ZKsync hash in the node own methods', async () => {
    const source = devnet.l2s[0]!;
    const src = new Provider(source.rpcUrl);
    const wallet = new Wallet(devnet.accounts[1]!.privateKey, src);
    const center = new ethers.Contract(
      INTEROP_CENTER_ADDRESS,
      ['function sendInteropMessage(bytes data) returns (bytes32)'],
      wallet as never, // ethers' ESM and CJS types differ
    );
    const sent = await center.getFunction('sendInteropMessage').send('0x1234');
    expect(sent.type).toBe(utils.EIP712_TX_TYPE);
    const receipt = await (await src.getTransaction(sent.hash)).wait();
    const topic = ethers.id('InteropMessageSent(bytes32,address,uint256,bytes)');
    const interopHash = receipt.logs.find((l) => l.topics[0] === topic)!.topics[1];
    expect(receipt.logs.every((l) => l.transactionHash === sent.hash)).toBe(true);
    let status: any = null;
    for (const deadline = Date.now() + 45_000; Date.now() < deadline; ) {
      status = (await rpc(source.rpcUrl, 'interop_getMessageStatus', [interopHash])).result;
      if (status?.l1BatchNumber) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status?.txHash).toBe(sent.hash);
    expect((await src.getTransactionDetails(sent.hash))?.initiatorAddress?.toLowerCase()).toBe(
      wallet.address.toLowerCase(),
    );
  });

  it('answers the zks_ fee methods and refuses what it cannot honour with JSON-RPC errors', async () => {
    const source = devnet.l2s[0]!;
    const src = new Provider(source.rpcUrl);
    const wallet = new Wallet(devnet.accounts[2]!.privateKey, src);
    expect(BigInt(await src.getGasPerPubdata())).toBe(50_000n);
    const fee = await src.estimateFee({ from: wallet.address, to: wallet.address, value: 1n });
    expect(fee.gasLimit).toBeGreaterThanOrEqual(21_000n);

    const nonce = await src.getTransactionCount(wallet.address);
    const tx = {
      type: utils.EIP712_TX_TYPE,
      from: wallet.address,
      to: wallet.address,
      nonce,
      gasLimit: 100_000n,
      maxFeePerGas: 10_000_000_000n,
      maxPriorityFeePerGas: 10_000_000_000n,
      value: 1n,
      data: '0x',
      chainId: source.chainId,
      customData: { gasPerPubdata: 50_000n } as Record<string, unknown>,
    };
    const sign = async (t: typeof tx) => {
      const sig = await new EIP712Signer(new ethers.Wallet(wallet.privateKey) as never, Number(t.chainId)).sign(
        t as never,
      );
      return utils.serializeEip712({ ...t, customData: { ...t.customData, customSignature: sig } } as never);
    };
    const good = await sign(tx);
    const forged = utils.serializeEip712({ ...utils.parseEip712(good), value: 2n } as never);
    const withPaymaster = await sign({
      ...tx,
      customData: { ...tx.customData, paymasterParams: { paymaster: wallet.address, paymasterInput: '0x' } },
    });
    expect((await rpc(source.rpcUrl, 'eth_sendRawTransaction', [forged])).error).toMatchObject({
      code: -32602,
      message: 'Invalid ZKsync transaction signature',
    });
    expect((await rpc(source.rpcUrl, 'eth_sendRawTransaction', [withPaymaster])).error).toMatchObject({
      code: -32602,
      message: 'Paymasters are not supported on this chain',
    });
    expect(await src.getTransactionCount(wallet.address)).toBe(nonce);
    const ok = await rpc(source.rpcUrl, 'eth_sendRawTransaction', [good]);
    expect(ok.result).toBe(utils.parseEip712(good).hash);
  });
});

describe("viem's zksync extension through the node endpoint", () => {
  it('sends a 0x71 transaction to InteropCenter and reads its ZKsync receipt', async () => {
    const source = devnet.l2s[0]!;
    const chain = defineChain({
      ...chainConfig,
      id: Number(source.chainId),
      name: 'devnet L2',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [source.rpcUrl] } },
    });
    const account = privateKeyToAccount(devnet.accounts[3]!.privateKey);
    const wallet = createWalletClient({ chain, account, transport: http() }).extend(eip712WalletActions());
    const client = createPublicClient({ chain, transport: http() });
    const abi = interopCenterAbi;
    const hash = await wallet.writeContract({
      address: INTEROP_CENTER_ADDRESS,
      abi,
      functionName: 'sendInteropMessage',
      args: ['0xabcd'],
      gasPerPubdata: 50_000n, // makes viem send its EIP-712 (0x71) transaction
    });
    const receipt = await client.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe('success');
    expect(receipt.transactionHash).toBe(hash);
    expect(receipt.l2ToL1Logs).toHaveLength(1);
    const [event] = parseEventLogs({ abi, logs: receipt.logs, eventName: 'InteropMessageSent' });
    expect(event!.args.sender).toBe(account.address);
    expect((await client.getTransaction({ hash })).type).toBe('eip712');
  });
});
