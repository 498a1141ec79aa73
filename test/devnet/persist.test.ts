// `interop devnet --persist` as a user runs it: stopped with Ctrl-C (SIGINT) and killed with SIGKILL, then started
// again on the same data dir. Earlier messages keep verifying everywhere, messageNum continues, new messages flow;
// chains that were not saved are refused with one line; a start without --persist is fresh.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteropCenter, InteropSettlement } from '@interop/contracts';
import { createPublicClient, createWalletClient, type Hex, http, parseEventLogs, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RpcMessageProof, toInteropProof } from '../helpers/proofs.js';
import { poll, rpc } from '../helpers/rpc.js';
import {
  allExited,
  anvilPidsOf,
  pressCtrlC,
  type SpawnedDevnet,
  spawnDevnet,
  untilReady,
} from '../helpers/spawnDevnet.js';

type Message = { interopHash: Hex; messageNum: bigint; proof: RpcMessageProof };

const account = privateKeyToAccount('0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6');
const CENTER = '0x0000000000000000000000000000000000010008';

const urls = (d: SpawnedDevnet) => ({
  l1: `http://127.0.0.1:${d.l1Port}`,
  l2: [`http://127.0.0.1:${d.l2Port}`, `http://127.0.0.1:${d.l2Port + 1}`],
});

/** Sends a message on 271 and waits until its proof is served and its root is on both L2s. */
async function sendAndProve(d: SpawnedDevnet, text: string): Promise<Message> {
  const { l2 } = urls(d);
  const wallet = createWalletClient({ account, transport: http(l2[0]) });
  const hash = await wallet.writeContract({
    address: CENTER,
    abi: InteropCenter.abi,
    functionName: 'sendInteropMessage',
    args: [toHex(text)],
    chain: null,
  });
  const receipt = await createPublicClient({ transport: http(l2[0]) }).waitForTransactionReceipt({ hash });
  const [event] = parseEventLogs({ abi: InteropCenter.abi, logs: receipt.logs, eventName: 'InteropMessageSent' });
  const { interopHash, messageNum } = event.args;
  const proof = await poll('proof', () => rpc<RpcMessageProof | null>(l2[0], 'interop_getMessageProof', [interopHash]));
  for (const url of l2)
    await poll('root imported', async () => {
      const root = await createPublicClient({ transport: http(url) }).readContract({
        address: CENTER,
        abi: InteropCenter.abi,
        functionName: 'interopRoots',
        args: [9n, BigInt(proof.settlementLayer.blockNumber)],
      });
      return root === proof.root;
    });
  return { interopHash, messageNum, proof };
}

/** Verifies `m` with its proof on both L2s and on the settlement layer. */
async function verifiesEverywhere(d: SpawnedDevnet, m: Message): Promise<boolean[]> {
  const { l1, l2 } = urls(d);
  const p = m.proof;
  const proof = toInteropProof(p);
  const onL2s = await Promise.all(
    l2.map((url) =>
      createPublicClient({ transport: http(url) }).readContract({
        address: CENTER,
        abi: InteropCenter.abi,
        functionName: 'verifyInteropMessage',
        args: [m.interopHash, proof],
      }),
    ),
  );
  const settlement = JSON.parse(readFileSync(join(d.dataDir, 'devnet.json'), 'utf8')).contracts.settlement as Hex;
  const onSettlement = await createPublicClient({ transport: http(l1) }).readContract({
    address: settlement,
    abi: InteropSettlement.abi,
    functionName: 'verifyInteropMessage',
    args: [m.interopHash, proof],
  });
  return [...onL2s, onSettlement];
}

async function start(dataDir: string, extra: string[]): Promise<SpawnedDevnet> {
  const d = await spawnDevnet(dataDir, ['--batch-ms', '100', ...extra], { ownProcessGroup: true });
  running.push(d);
  await untilReady(d);
  return d;
}

const running: SpawnedDevnet[] = [];

/** SIGKILLs the devnet (its anvils before it when `anvilsFirst`) and expects every anvil gone within `timeoutMs`. */
async function sigkill(devnet: SpawnedDevnet, { anvilsFirst, timeoutMs }: { anvilsFirst: boolean; timeoutMs: number }) {
  const anvils = anvilPidsOf(devnet.child.pid!);
  if (anvilsFirst) for (const pid of anvils) process.kill(pid, 'SIGKILL');
  devnet.child.kill('SIGKILL');
  await devnet.exited;
  expect(await allExited(anvils, timeoutMs)).toBe(true);
}

describe('interop devnet --persist', () => {
  let dataDir: string;
  const messages: Message[] = [];

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'interop-persist-'));
  });

  afterAll(() => {
    for (const d of running) if (d.child.exitCode === null) d.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('across Ctrl-C: earlier messages keep their proofs and verify on every chain; messageNum continues', async () => {
    const first = await start(dataDir, ['--persist']);
    messages.push(await sendAndProve(first, 'before Ctrl-C'));
    expect(await verifiesEverywhere(first, messages[0])).toEqual([true, true, true]);
    // Ctrl-C in a terminal signals the whole process group: the devnet and its anvils' watchdog shells.
    pressCtrlC(first);
    expect(await first.exited).toBe(0);
    for (const chainId of [9, 271, 272]) expect(existsSync(join(dataDir, 'chains', `${chainId}.json`))).toBe(true);
    // The network's own keys (random at its creation) are kept with it, readable by the owner only: the resumed
    // node signs imports and commits as the same system callers and operators (the messages below prove it).
    const network = JSON.parse(readFileSync(join(dataDir, 'network.json'), 'utf8'));
    expect(Object.keys(network.keys.systemCallers)).toEqual(['271', '272']);
    expect(statSync(join(dataDir, 'network.json')).mode & 0o077).toBe(0);

    const second = await start(dataDir, ['--persist']);
    expect(second.output().stderr).toContain('resuming the devnet');
    const [before] = messages;
    expect(await rpc(urls(second).l2[0], 'interop_getMessageProof', [before.interopHash])).toEqual(before.proof);
    expect(await verifiesEverywhere(second, before)).toEqual([true, true, true]);
    const after = await sendAndProve(second, 'after Ctrl-C');
    expect(after.messageNum).toBe(before.messageNum + 1n);
    expect(await verifiesEverywhere(second, after)).toEqual([true, true, true]);
    messages.push(after);

    // SIGKILL: the anvils' watchdogs make them write their state as they stop.
    await sigkill(second, { anvilsFirst: false, timeoutMs: 15_000 });
  }, 180_000);

  it('across SIGKILL: resumes consistently, every message verifies, new messages flow', async () => {
    const third = await start(dataDir, ['--persist']);
    for (const m of messages) expect(await verifiesEverywhere(third, m)).toEqual([true, true, true]);
    const next = await sendAndProve(third, 'after SIGKILL');
    expect(next.messageNum).toBe(messages[1].messageNum + 1n);
    expect(await verifiesEverywhere(third, next)).toEqual([true, true, true]);

    // Now the anvils die without writing their state (SIGKILL to them first), then the devnet: the chains on disk
    // are older than the node's store.
    await sigkill(third, { anvilsFirst: true, timeoutMs: 10_000 });
  }, 180_000);

  it('refuses chains older than the store with one line saying what to do, and releases the data dir', async () => {
    const refused = await spawnDevnet(dataDir, ['--persist']);
    running.push(refused);
    expect(await refused.exited).toBe(1);
    const { stdout, stderr } = refused.output();
    const lines = stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('interop:'));
    expect(lines).toHaveLength(1);
    // The settlement layer is checked first: its commits of the last batches are missing too.
    expect(lines[0]).toMatch(
      /cannot resume the devnet in .*: the chains are behind the node's store: settlement layer 9 ends at block \d+, the store applied up to \d+/,
    );
    expect(lines[0]).toMatch(/delete .* or start without --persist/);
    expect(stdout).not.toMatch(/\bready\b/);
    expect(existsSync(join(dataDir, 'devnet.lock'))).toBe(false);
  }, 60_000);

  it('without --persist a start is fresh: the persisted network is gone', async () => {
    const fresh = await start(dataDir, []);
    expect(await rpc(urls(fresh).l2[0], 'interop_getMessageStatus', [messages[0].interopHash])).toBeNull();
    expect(existsSync(join(dataDir, 'network.json'))).toBe(false);
    fresh.child.kill('SIGINT');
    expect(await fresh.exited).toBe(0);
  }, 60_000);
});
