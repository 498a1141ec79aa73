// A mixed topology from a topology file: 271 settles on the Gateway (506), 272 directly on L1 (9). A message from
// 271 verifies on 272 with the three-level proof (272 holds L1's roots), one from 272 verifies on 271 with the
// two-level proof to L1's root (chains on the Gateway import L1's roots too); both proofs are rebuilt from
// settlement data alone across the two layers (SDK and `interop proof --from-settlement-layer`).
import {
  buildInteropProofFromSettlementLayer,
  type InteropMessageProof,
  verifyInteropMessage,
  waitForInteropMessage,
} from '@interop/sdk';
import { decodeProof } from '@interop/sdk/core';
import type { Hex, PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { devnetClients, sendTextMessage, startTestDevnet, type TestDevnet } from '../helpers/devnet.js';
import { parseWithTopologyFile } from '../helpers/topology.js';

let devnet: TestDevnet;
let client: (chainId: bigint) => PublicClient;

beforeAll(async () => {
  const { topology } = parseWithTopologyFile({
    gateway: 506,
    chains: [
      { chainId: 271, settlesOn: 506 },
      { chainId: 272, settlesOn: 9 },
    ],
  });
  devnet = await startTestDevnet({ topology });
  client = devnetClients(devnet);
});
afterAll(async () => {
  await devnet?.stop();
});

const send = (chainId: bigint, text: string) => sendTextMessage(devnet, chainId, text, 5);

/** Sends from `from`, waits until it verifies on `to` with a proof of `levels` levels up to L1's root. */
async function sendAcrossTiers(from: bigint, to: bigint, text: string, levels: number) {
  const interopHash = await send(from, text);
  const { proof } = await waitForInteropMessage(client(from), {
    interopHash,
    destination: client(to),
    timeout: 60_000,
  });
  expect(proof.settlementLayer.chainId).toBe(9n);
  expect(decodeProof(proof.proof)).toHaveLength(levels);
  expect(await verifyInteropMessage(client(to), { interopHash, proof })).toBe(true);
  return { interopHash, proof };
}

describe('a topology file mixing chains on L1 and on the Gateway', () => {
  let fromGateway: { interopHash: Hex; proof: InteropMessageProof };

  it('starts the chains where the file says', () => {
    expect(devnet.l2s.map((c) => [c.chainId, c.settlesOn])).toEqual([
      [271n, 506n],
      [272n, 9n],
    ]);
  });

  it('271 (on the Gateway) → 272 (on L1): the three-level proof', async () => {
    fromGateway = await sendAcrossTiers(271n, 272n, '271 to 272 across the tiers', 3);
  });

  it('272 (on L1) → 271 (on the Gateway): the two-level proof to L1’s root', async () => {
    await sendAcrossTiers(272n, 271n, '272 to 271', 2);
  });

  it('rebuilds both proofs of the 271 message from settlement data alone (SDK)', async () => {
    const { interopHash, proof } = fromGateway;
    const onGateway = await buildInteropProofFromSettlementLayer({
      settlementClient: client(506n),
      settlement: devnet.contracts.gatewaySettlement,
      sourceChainId: 271n,
      interopHash,
    });
    expect(decodeProof(onGateway.proof)).toHaveLength(2);
    expect(await verifyInteropMessage(client(506n), { interopHash, proof: onGateway })).toBe(true);
    const onL1 = await buildInteropProofFromSettlementLayer({
      settlementClient: client(506n),
      settlement: devnet.contracts.gatewaySettlement,
      sourceChainId: 271n,
      interopHash,
      l1: { client: client(9n), settlement: devnet.contracts.settlement },
    });
    expect(decodeProof(onL1.proof)).toHaveLength(3);
    expect(onL1.settlementLayer.chainId).toBe(9n);
    expect(await verifyInteropMessage(client(272n), { interopHash, proof: onL1 })).toBe(true);
    expect(
      await verifyInteropMessage(client(9n), { interopHash, proof: onL1, address: devnet.contracts.settlement }),
    ).toBe(true);
    // The node served a proof through the same Gateway batch or a later one; both verify, and if they are
    // through the same L1 block they are the same words.
    if (onL1.settlementLayer.blockNumber === proof.settlementLayer.blockNumber) expect(onL1.proof).toEqual(proof.proof);
  });

  it('interop proof / verify --from-settlement-layer across both layers', async () => {
    const dd = ['--data-dir', devnet.dataDir];
    const { interopHash } = fromGateway;
    const r = await runCli(['proof', interopHash, '--from-settlement-layer', '--on', '272', '--json', ...dd]);
    expect(r.stderr).toBe('');
    const rebuilt = JSON.parse(r.stdout);
    expect(Number(rebuilt.settlementLayer.chainId)).toBe(9);
    expect(decodeProof(rebuilt.proof)).toHaveLength(3);
    const v = await runCli(['verify', interopHash, '--on', '272', '--from-settlement-layer', ...dd]);
    expect(v.stdout).toContain('verified on chain 272');
    expect(v.code).toBe(0);
    const g = await runCli(['verify', interopHash, '--on', '506', '--from-settlement-layer', ...dd]);
    expect(g.stdout).toContain('verified on chain 506');
  });
});
