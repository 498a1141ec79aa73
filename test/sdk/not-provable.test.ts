// A message that cannot be proven yet: a devnet whose sequencer seals once at start and then not for an hour,
// so a message sent afterwards stays "sent". SDK errors and CLI exit codes must say so, and why.

import {
  getInteropMessageStatus,
  getInteropProof,
  MessageNotProvableError,
  sendInteropMessage,
  WaitTimeoutError,
  waitForInteropMessage,
} from '@interop/sdk';
import { createPublicClient, createWalletClient, type Hex, http, stringToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';

let devnet: TestDevnet;
let interopHash: Hex;
const client = () => createPublicClient({ transport: http(devnet.l2s[0].rpcUrl), pollingInterval: 50 });

beforeAll(async () => {
  devnet = await startTestDevnet({ l2Count: 1, batchMs: 3_600_000 });
  const wallet = createWalletClient({
    account: privateKeyToAccount(devnet.accounts[1].privateKey),
    transport: http(devnet.l2s[0].rpcUrl),
    pollingInterval: 50,
  });
  // The sequencer's first pass runs as the node starts; give it time to finish before the message we test.
  await new Promise((r) => setTimeout(r, 500));
  ({ interopHash } = await sendInteropMessage(wallet, { data: stringToHex('stuck') }));
});
afterAll(async () => {
  await devnet?.stop();
});

it('the SDK reports "sent" and refuses a proof because the batch is not sealed', async () => {
  expect((await getInteropMessageStatus(client(), { interopHash })).status).toBe('sent');
  const err = await getInteropProof(client(), { interopHash }).catch((e) => e);
  expect(err).toBeInstanceOf(MessageNotProvableError);
  expect(err.why).toBe('not-sealed');
  const timeout = await waitForInteropMessage(client(), { interopHash, destination: client(), timeout: 300 }).catch(
    (e) => e,
  );
  expect(timeout).toBeInstanceOf(WaitTimeoutError);
  expect(timeout).toMatchObject({ stage: 'sent', waitingFor: 'sealed' });
});

it('the CLI exits 1 with the reason for proof, verify and wait', async () => {
  const dd = ['--data-dir', devnet.dataDir];
  const proof = await runCli(['proof', interopHash, ...dd]);
  expect(proof.code).toBe(1);
  expect(proof.stderr).toMatch(/^interop: message 0x[0-9a-f]{64} is not provable yet: its batch is not sealed yet\n$/);
  const verify = await runCli(['verify', interopHash, '--on', '271', '--json', ...dd]);
  expect(verify.code).toBe(1);
  expect(JSON.parse(verify.stdout)).toMatchObject({ interopHash, verified: false, reason: 'not-sealed' });
  const wait = await runCli(['wait', interopHash, '--on', '271', '--timeout', '0.3', ...dd]);
  expect(wait.code).toBe(1);
  expect(wait.stdout).toMatch(/^sent \(chain 271, block \d+\)\n$/);
  expect(wait.stderr).toMatch(/stopped at "sent", waiting to be sealed/);
});
