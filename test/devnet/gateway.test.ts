// A three-tier devnet (`--gateway`): L1 (9) ← Gateway (506) ← 271, 272. A message from 271 verifies on 272, 506
// and 271 with the two-level proof up to the Gateway's MessageRoot, and on L1 with the three-level proof through
// the Gateway's batch; the node and the SDK pick the proof from the destination; `interop verify --on 9` and
// `interop proof verify` (every level printed) work on it; a message sent on the Gateway itself verifies too; and
// zksync-ethers' InteropClient configured with the Gateway sends on 271 and verifies on 272.
import { defaultTopology } from '@interop/devnet';
import { getInteropProof, type InteropMessageProof, verifyInteropMessage, waitForInteropMessage } from '@interop/sdk';
import { interopCenterAbi } from '@interop/sdk/abis';
import { decodeProof, INTEROP_CENTER_ADDRESS } from '@interop/sdk/core';
import type { Hex, PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteropClient, Provider, Wallet } from 'zksync-ethers';
import { runCli } from '../cli/runCli.js';
import { devnetClients, rpcUrlOf, sendTextMessage, startTestDevnet, type TestDevnet } from '../helpers/devnet.js';
import { rpc } from '../helpers/rpc.js';

let devnet: TestDevnet;
let client: (chainId: bigint) => PublicClient;
let settlement: Hex;
// Four chains' loops wait on the node's one abort signal at once: Node would warn of a listener leak (it printed
// a MaxListenersExceededWarning in every devnet of four chains or more).
const listenerWarnings: string[] = [];
const onWarning = (w: Error) => {
  if (w.name === 'MaxListenersExceededWarning') listenerWarnings.push(w.message);
};

beforeAll(async () => {
  process.on('warning', onWarning);
  devnet = await startTestDevnet({ topology: defaultTopology([271n, 272n], 9n, true) });
  client = devnetClients(devnet);
  settlement = devnet.contracts.settlement;
});
afterAll(async () => {
  await devnet?.stop();
  process.off('warning', onWarning);
});

const rpcOf = (chainId: bigint) => rpcUrlOf(devnet, chainId);

/** Verifies on a chain: its InteropCenter, or InteropSettlement on L1. */
const verifyOn = (chainId: bigint, interopHash: Hex, proof: InteropMessageProof) =>
  verifyInteropMessage(client(chainId), { interopHash, proof, address: chainId === 9n ? settlement : undefined });

const send = (chainId: bigint, text: string) => sendTextMessage(devnet, chainId, text, 3);

describe('a message from 271 on a Gateway network', () => {
  let interopHash: Hex;
  let twoLevel: InteropMessageProof;
  let threeLevel: InteropMessageProof;

  beforeAll(async () => {
    interopHash = await send(271n, 'from 271, through the Gateway');
  });

  it('devnet.json describes the three tiers', () => {
    expect(devnet.gateway?.chainId).toBe(506n);
    expect(devnet.l2s.map((c) => [c.chainId, c.settlesOn])).toEqual([
      [271n, 506n],
      [272n, 506n],
    ]);
    expect(devnet.contracts.gatewaySettlement).toMatch(/^0x[0-9a-fA-F]{40}$/);
  });

  it('verifies on 272 with the two-level proof up to the Gateway’s MessageRoot', async () => {
    const r = await waitForInteropMessage(client(271n), { interopHash, destination: client(272n), timeout: 60_000 });
    twoLevel = r.proof;
    expect(twoLevel.settlementLayer.chainId).toBe(506n);
    const segments = decodeProof(twoLevel.proof);
    expect(segments).toHaveLength(2);
    expect(segments[0]).toMatchObject({ final: false, settlementChainId: 506n });
    expect(segments[0].path).toHaveLength(15);
    expect(segments[1].final).toBe(true);
  });

  it('the same proof verifies on the Gateway and on 271 itself, not on L1', async () => {
    for (const chainId of [506n, 271n]) {
      await waitForInteropMessage(client(271n), { interopHash, destination: client(chainId), timeout: 30_000 });
      expect(await verifyOn(chainId, interopHash, twoLevel)).toBe(true);
    }
    // L1 holds its own roots, not the Gateway's block roots.
    expect(await verifyOn(9n, interopHash, twoLevel)).toBe(false);
  });

  it('verifies on L1 with the three-level proof (271 batch → Gateway MessageRoot → Gateway batch → L1)', async () => {
    const r = await waitForInteropMessage(client(271n), {
      interopHash,
      destination: client(9n),
      settlement,
      timeout: 60_000,
    });
    threeLevel = r.proof;
    expect(threeLevel.settlementLayer.chainId).toBe(9n);
    const segments = decodeProof(threeLevel.proof);
    expect(segments).toHaveLength(3);
    expect(segments.map((s) => (s.final ? 'final' : s.settlementChainId))).toEqual([506n, 9n, 'final']);
    const gatewayLevel = segments[1];
    if (gatewayLevel.final) throw new Error('unreachable');
    // The Gateway level: the shared-tree path, then the Gateway batch's LocalLogsRoot as the last word.
    expect(gatewayLevel.path.length).toBeGreaterThan(1);
    expect(await verifyOn(9n, interopHash, threeLevel)).toBe(true);
    // A wrong word at the Gateway level breaks it.
    const tampered = [...threeLevel.proof];
    const at = threeLevel.proof.length - 4;
    tampered[at] = `0x${(BigInt(tampered[at]) ^ 1n).toString(16).padStart(64, '0')}` as Hex;
    expect(await verifyOn(9n, interopHash, { ...threeLevel, proof: tampered })).toBe(false);
  });

  it('the node picks the proof from the destination; zks_getL2ToL1LogProof(proof_based_gw) is the Gateway one', async () => {
    const for272 = await getInteropProof(client(271n), { interopHash, destinationChainId: 272n });
    const for506 = await getInteropProof(client(271n), { interopHash, destinationChainId: 506n });
    const for9 = await getInteropProof(client(271n), { interopHash, destinationChainId: 9n });
    const l1 = await getInteropProof(client(271n), { interopHash, target: 'l1' });
    expect(for272.proof).toEqual(twoLevel.proof);
    expect(for506.proof).toEqual(twoLevel.proof);
    expect(for9.proof).toEqual(threeLevel.proof);
    expect(l1.proof).toEqual(threeLevel.proof);
    const status = await client(271n).request({
      method: 'interop_getMessageStatus' as never,
      params: [interopHash] as never,
    });
    const { txHash } = status as { txHash: Hex };
    const zk = (await client(271n).request({
      method: 'zks_getL2ToL1LogProof' as never,
      params: [txHash, 0, 'proof_based_gw'] as never,
    })) as { proof: Hex[]; id: number };
    expect(zk.proof).toEqual(twoLevel.proof);
    await expect(
      client(271n).request({
        method: 'interop_getMessageProof' as never,
        params: [interopHash, { destination: 12345 }] as never,
      }),
    ).rejects.toThrow(/destination/);
  });

  it('interop verify --on 9 / --on 272 and interop proof verify printing every level', async () => {
    const dd = ['--data-dir', devnet.dataDir];
    for (const on of ['9', '272', '506']) {
      const r = await runCli(['verify', interopHash, '--on', on, ...dd]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(`verified on chain ${on}`);
      expect(r.code).toBe(0);
    }
    const args = (p: InteropMessageProof) => [
      'proof',
      'verify',
      '--chain',
      '271',
      '--batch',
      String(p.l1BatchNumber),
      '--index',
      String(p.l2MessageIndex),
      '--interop-hash',
      interopHash,
      '--tx-number',
      String(p.txNumberInBatch),
      '--proof',
      JSON.stringify(p.proof),
    ];
    // Checked against the L1 root that 272 imported (chains on the Gateway import L1's roots too).
    const human = await runCli([...args(threeLevel), '--rpc', rpcOf(272n)]);
    expect(human.stdout).toMatch(/ 0 {2}chain 271 {2}batch /);
    expect(human.stdout).toMatch(/ 1 {2}chain 506 {2}batch /);
    expect(human.stdout).toMatch(/ 2 {2}chain 9 {2}block /);
    expect(human.stdout).toMatch(/valid +true/);
    expect(human.code).toBe(0);
    const j = JSON.parse((await runCli([...args(threeLevel), '--json'])).stdout);
    expect(j.levels.map((l: { chainId: string }) => l.chainId)).toEqual(['271', '506', '9']);
    expect(j.root).toBe(threeLevel.root);
    const two = JSON.parse((await runCli([...args(twoLevel), '--json'])).stdout);
    expect(two.levels.map((l: { chainId: string }) => l.chainId)).toEqual(['271', '506']);
  });
});

describe('a message sent on the Gateway itself', () => {
  it('settles on L1 like any chain (its batch carries its MessageRoot) and verifies on L1 and on 272', async () => {
    const interopHash = await send(506n, 'from the Gateway');
    const r = await waitForInteropMessage(client(506n), {
      interopHash,
      destination: client(9n),
      settlement,
      timeout: 60_000,
    });
    expect(r.proof.settlementLayer.chainId).toBe(9n);
    expect(decodeProof(r.proof.proof)).toHaveLength(2);
    const on272 = await waitForInteropMessage(client(506n), {
      interopHash,
      destination: client(272n),
      timeout: 60_000,
    });
    expect(await verifyOn(272n, interopHash, on272.proof)).toBe(true);
  });
});

describe('the explorer methods on a Gateway network', () => {
  type Layer = { chainId: number; settlesOn: number | null; lastRoot: { root: Hex } | null };
  type Network = { settlementLayer: Layer; layers: Layer[]; chains: { chainId: number; settlementChainId: number }[] };

  it('interop_getNetwork shows the three tiers, from any endpoint', async () => {
    for (const chainId of [271n, 506n]) {
      const net = await rpc<Network>(rpcOf(chainId), 'interop_getNetwork');
      expect(net.settlementLayer).toMatchObject({ chainId: 9, settlesOn: null });
      expect(net.layers.map((l) => [l.chainId, l.settlesOn])).toEqual([
        [9, null],
        [506, 9],
      ]);
      expect(net.layers.every((l) => l.lastRoot !== null)).toBe(true);
      expect(net.chains.map((c) => [c.chainId, c.settlementChainId]).sort()).toEqual([
        [271, 506],
        [272, 506],
        [506, 9],
      ]);
    }
  });

  it('labels each batch, message and imported root with the layer it belongs to', async () => {
    const interopHash = await send(271n, 'labelled by layer');
    await waitForInteropMessage(client(271n), { interopHash, destination: client(9n), settlement, timeout: 60_000 });
    const url = rpcOf(272n);
    type Labelled = { settlementLayer: { chainId: number; blockNumber: number | null }; l1BatchNumber: number };
    const message = await rpc<Labelled & { status: string }>(url, 'interop_getMessage', [interopHash]);
    expect(message.settlementLayer.chainId).toBe(506);
    const of271 = await rpc<Labelled>(url, 'interop_getBatch', [271, message.l1BatchNumber]);
    expect(of271.settlementLayer.chainId).toBe(506);
    const { batches } = await rpc<{ batches: Labelled[] }>(url, 'interop_listBatches', [506, null, 5]);
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) expect(b.settlementLayer.chainId).toBe(9);
    // 272 imports the Gateway's roots and L1's: each listed with its own layer and its own root.
    type Root = { settlementChainId: number; settlementBlockNumber: number; root: Hex | null };
    const { roots } = await rpc<{ roots: Root[] }>(url, 'interop_listImportedRoots', [272, null, 100]);
    expect(new Set(roots.map((r) => r.settlementChainId))).toEqual(new Set([506, 9]));
    const imported = client(272n);
    for (const r of roots.slice(0, 6)) {
      const onChain = await imported.readContract({
        address: INTEROP_CENTER_ADDRESS,
        abi: interopCenterAbi,
        functionName: 'interopRoots',
        args: [BigInt(r.settlementChainId), BigInt(r.settlementBlockNumber)],
      });
      expect(onChain, `root of ${r.settlementChainId} block ${r.settlementBlockNumber}`).toBe(r.root);
    }
  });
});

describe("zksync-ethers' InteropClient configured with the Gateway", () => {
  it('sends on 271 and verifies on 272 (proof_based_gw proof, Gateway block from the execute receipt on 506)', async () => {
    const src = new Provider(rpcOf(271n));
    const dst = new Provider(rpcOf(272n));
    const wallet = new Wallet(devnet.accounts[4].privateKey, src);
    const interop = new InteropClient({
      gateway: { env: 'local', gwRpcUrl: devnet.gateway!.rpcUrl, gwChainId: devnet.gateway!.chainId },
    });
    const { txHash } = await interop.sendMessage(wallet, 'hello through the Gateway');
    for (const deadline = Date.now() + 60_000; (await interop.getMessageStatus(src, txHash)) !== 'EXECUTED'; ) {
      if (Date.now() > deadline) throw new Error('not executed on the Gateway within 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const result = await interop.verifyMessage({
      txHash,
      srcProvider: src,
      targetChain: dst,
      includeProofInputs: true,
      timeoutMs: 60_000,
    });
    expect(result.verified).toBe(true);
    expect(result.source.chainId).toBe(271);
    // The Gateway block it checked is one whose root 272 imported from 506.
    const root = await client(272n).readContract({
      address: devnet.contracts.interopCenter,
      abi: [
        {
          type: 'function',
          name: 'interopRoots',
          stateMutability: 'view',
          inputs: [{ type: 'uint256' }, { type: 'uint256' }],
          outputs: [{ type: 'bytes32' }],
        },
      ],
      functionName: 'interopRoots',
      args: [506n, BigInt(result.proof!.gwBlockNumber)],
    });
    expect(root).not.toMatch(/^0x0+$/);
  });
});

describe('the node of this network', () => {
  it('warns of no listener leak while its loops run', () => {
    expect(listenerWarnings).toEqual([]);
  });
});
