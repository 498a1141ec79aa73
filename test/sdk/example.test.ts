// The runnable example (examples/cross-chain-counter.ts) on a real devnet: the counter on chain 272 moves once
// for a proven message from the trusted sender on 271, and refuses a replay and another sender.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCrossChainCounter } from '../../examples/cross-chain-counter.js';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';

let devnet: TestDevnet;
beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

it('cross-chain counter: acts once on a proven message from the trusted sender, refuses replay and strangers', async () => {
  const log: string[] = [];
  const result = await runCrossChainCounter(
    { l2: devnet.l2s.map((c) => ({ chainId: c.chainId, rpcUrl: c.rpcUrl })), accounts: devnet.accounts },
    (line) => log.push(line),
  );
  expect(result.counter).toBe(5n);
  expect(result.replayRefusedWith).toBe('AlreadyConsumed');
  expect(result.untrustedRefusedWith).toBe('UntrustedSender');
  expect(log.filter((l) => /^ {2}\w+$/.test(l)).map((l) => l.trim())).toEqual([
    'sent',
    'sealed',
    'executed',
    'imported',
    'verified',
  ]);
});
