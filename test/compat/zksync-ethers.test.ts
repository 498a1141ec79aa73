// ZKsync's own JavaScript SDK against the devnet, unmodified: zksync-ethers' Wallet sends a type-0x71
// transaction calling L1Messenger, and its InteropClient proves the message on another chain.
import { ethers } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteropClient, Provider, utils, Wallet } from 'zksync-ethers';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';

let devnet: TestDevnet;

beforeAll(async () => {
  devnet = await startTestDevnet();
});

afterAll(async () => {
  await devnet?.stop();
});

async function waitForExecuted(client: InteropClient, provider: Provider, txHash: `0x${string}`): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if ((await client.getMessageStatus(provider, txHash)) === 'EXECUTED') return;
    if (Date.now() > deadline) throw new Error('message batch not executed within 30 s');
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
    const ok = await verifier
      .getFunction('proveL2MessageInclusionShared')
      .staticCall(args.srcChainId, args.l1BatchNumber, args.l2MessageIndex, forged, args.gatewayProof)
      .catch(() => false);
    expect(ok).toBe(false);
  });
});
