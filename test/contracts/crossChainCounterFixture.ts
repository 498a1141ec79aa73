// Builds examples/contracts/test/fixtures/cross-chain-counter.json with the TypeScript core: two interop messages
// (one from the sender the counter trusts, one from a stranger) in a batch of chain 271 among other logs, the
// batch executed on settlement layer 9 beside other chains' batches, and both messages' two-level proofs up to
// the settlement layer's MessageRoot of one block. The Foundry tests import that root and check the counter with
// these real proofs. Deterministic: the committed file must equal what this builds (test/contracts/foundry.test.ts).
import {
  buildLogTree,
  DynamicIncrementalMerkleTree,
  encodeInteropMessage,
  encodeProof,
  FullMerkleTree,
  getBatchRootLeaf,
  getChainBatchRoot,
  getChainIdLeaf,
  getInteropHash,
  getLeafChainAggregatedRoot,
  hashL2ToL1Log,
  type InteropMessage,
  interopMessageToLog,
  keccak256,
  l2MessageToLog,
  verifyProof,
} from '@interop/sdk/core';
import { type Address, bytesToHex, encodeAbiParameters, type Hex, toBytes } from 'viem';

const SETTLEMENT_CHAIN_ID = 9n;
const SETTLEMENT_BLOCK = 1234n;
const SOURCE_CHAIN_ID = 271n;
const OTHER_CHAIN_ID = 272n;
const BATCH_NUMBER = 3n;
const TRUSTED_SENDER: Address = '0xA11CE0000000000000000000000000000000A11C';
const STRANGER: Address = '0x0BAD00000000000000000000000000000000BAD0';

/** A message and everything `CrossChainCounter.increment` takes for it. */
export type FixtureMessage = {
  message: { data: Hex; sender: Address; sourceChainId: number; messageNum: number };
  encodedMessage: Hex;
  interopHash: Hex;
  proof: { chainId: number; l1BatchNumber: number; l2MessageIndex: number; txNumberInBatch: number; proof: Hex[] };
};

/** The fixture file's content. */
export type CounterFixture = {
  comment: string;
  settlementChainId: number;
  settlementBlockNumber: number;
  root: Hex;
  trusted: FixtureMessage;
  stranger: FixtureMessage;
};

const amount = (n: bigint) => encodeAbiParameters([{ type: 'uint256' }], [n]);
const filler = (i: number): Hex => bytesToHex(keccak256(toBytes(`fixture filler ${i}`)));

export function buildCounterFixture(): CounterFixture {
  const messages: InteropMessage[] = [
    { data: amount(5n), sender: TRUSTED_SENDER, sourceChainId: SOURCE_CHAIN_ID, messageNum: 7n },
    { data: amount(1000n), sender: STRANGER, sourceChainId: SOURCE_CHAIN_ID, messageNum: 8n },
  ];
  // The batch: plain L1Messenger messages around the two interop messages' logs.
  const logs = [
    l2MessageToLog({ txNumberInBatch: 0, sender: STRANGER, data: filler(0) }),
    interopMessageToLog({ interopHash: getInteropHash(messages[0]), txNumberInBatch: 1 }),
    l2MessageToLog({ txNumberInBatch: 2, sender: TRUSTED_SENDER, data: filler(1) }),
    interopMessageToLog({ interopHash: getInteropHash(messages[1]), txNumberInBatch: 3 }),
    l2MessageToLog({ txNumberInBatch: 3, sender: STRANGER, data: filler(2) }),
  ];
  const logTree = buildLogTree(logs.map(hashL2ToL1Log));
  const aggregatedRoot = getLeafChainAggregatedRoot(SOURCE_CHAIN_ID);
  const chainBatchRoot = getChainBatchRoot(logTree.root, aggregatedRoot);

  // Chain 271's tree: batches 1 and 2 (other roots), then ours. Shared tree: 9 itself, 271, 272 with one batch.
  const chainTree = new DynamicIncrementalMerkleTree([
    getBatchRootLeaf(filler(10), 1n),
    getBatchRootLeaf(filler(11), 2n),
    getBatchRootLeaf(chainBatchRoot, BATCH_NUMBER),
  ]);
  const otherChainTree = new DynamicIncrementalMerkleTree([getBatchRootLeaf(filler(12), 1n)]);
  const sharedTree = new FullMerkleTree([
    getLeafChainAggregatedRoot(SETTLEMENT_CHAIN_ID),
    getChainIdLeaf(chainTree.root(), SOURCE_CHAIN_ID),
    getChainIdLeaf(otherChainTree.root(), OTHER_CHAIN_ID),
  ]);
  const root = sharedTree.root();

  const entry = (message: InteropMessage, logIndex: number): FixtureMessage => {
    const proof = encodeProof([
      {
        final: false,
        path: [...logTree.path(logIndex), aggregatedRoot],
        batchLeafIndex: 2n,
        batchPath: chainTree.path(2),
        settlementBlockNumber: SETTLEMENT_BLOCK,
        chainIdLeafIndex: 1n,
        settlementChainId: SETTLEMENT_CHAIN_ID,
      },
      { final: true, path: sharedTree.path(1) },
    ]);
    const walked = verifyProof({
      chainId: SOURCE_CHAIN_ID,
      batchNumber: BATCH_NUMBER,
      leafIndex: logIndex,
      leaf: hashL2ToL1Log(logs[logIndex]),
      proof,
    });
    if (walked.root !== root || walked.settlementLayer.blockNumber !== SETTLEMENT_BLOCK) {
      throw new Error('fixture: the proof does not reach the shared root');
    }
    return {
      message: {
        data: message.data,
        sender: message.sender,
        sourceChainId: Number(message.sourceChainId),
        messageNum: Number(message.messageNum),
      },
      encodedMessage: encodeInteropMessage(message),
      interopHash: getInteropHash(message),
      proof: {
        chainId: Number(SOURCE_CHAIN_ID),
        l1BatchNumber: Number(BATCH_NUMBER),
        l2MessageIndex: logIndex,
        txNumberInBatch: logs[logIndex].txNumberInBatch,
        proof,
      },
    };
  };

  return {
    comment: 'Generated by test/contracts/crossChainCounterFixture.ts with the TypeScript core. Do not edit.',
    settlementChainId: Number(SETTLEMENT_CHAIN_ID),
    settlementBlockNumber: Number(SETTLEMENT_BLOCK),
    root,
    trusted: entry(messages[0], 1),
    stranger: entry(messages[1], 3),
  };
}
