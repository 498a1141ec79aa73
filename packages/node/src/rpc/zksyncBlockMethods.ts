// ZKsync's block methods in zksync-era's JSON shapes: zks_getL1BatchBlockRange, zks_getBlockDetails and
// zks_getRawBlockTransactions. Fields ZKsync fills from its prover and fee model have no counterpart here and
// carry fixed values (documented in docs/node.md).
import { type Address, type Hex, hexToBytes, numberToHex } from 'viem';
import type { BatchRow } from '../store/store.js';
import type { L2MethodContext } from './l2Methods.js';
import { arity, integerParam } from './params.js';

const ZERO_HASH: Hex = '0x0000000000000000000000000000000000000000000000000000000000000000';
const ZERO_ADDRESS: Address = '0x0000000000000000000000000000000000000000';

type RpcTransaction = {
  hash: Hex;
  type: Hex;
  from: Address;
  to: Address | null;
  input: Hex;
  value: Hex;
  nonce: Hex;
  gas: Hex;
  gasPrice?: Hex;
  maxFeePerGas?: Hex;
  maxPriorityFeePerGas?: Hex;
  r: Hex;
  s: Hex;
  v?: Hex;
  yParity?: Hex;
};
type RpcBlock = { number: Hex; hash: Hex; timestamp: Hex; miner: Address; transactions: RpcTransaction[] };

const iso = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());

/** zks_getL1BatchBlockRange(n): `[first, last]` L2 block numbers (hex) of a sealed batch, else null. */
function getL1BatchBlockRange(ctx: L2MethodContext, params: unknown[]) {
  arity(params, 1, 1, 'zks_getL1BatchBlockRange');
  const batch = ctx.store.getBatch(Number(ctx.chainId), integerParam(params[0], 'batch number'));
  return batch ? [numberToHex(batch.firstBlock), numberToHex(batch.lastBlock)] : null;
}

// The L1 batch fields of a block: its batch once sealed; before that, the batch it will go into.
function batchFields(ctx: L2MethodContext, batch: BatchRow | undefined) {
  const settlementChainId = Number(ctx.settlementChainId);
  const executed = batch?.status === 'executed';
  return {
    l1BatchNumber: batch?.number ?? ctx.store.getChainProgress(Number(ctx.chainId)).lastBatch + 1,
    status: executed ? 'verified' : 'sealed',
    commitTxHash: batch?.commitTx ?? null,
    committedAt: iso(batch?.committedAt ?? null),
    commitChainId: batch?.commitTx ? settlementChainId : null,
    // No proofs of execution here: the prove step is the execute transaction's (as zks_getTransactionDetails).
    proveTxHash: executed ? batch.executeTx : null,
    provenAt: executed ? iso(batch.executedAt) : null,
    proveChainId: executed ? settlementChainId : null,
    executeTxHash: batch?.executeTx ?? null,
    executedAt: iso(batch?.executedAt ?? null),
    executeChainId: batch?.executeTx ? settlementChainId : null,
  };
}

/** zks_getBlockDetails(n): zksync-era's `BlockDetails` of an L2 block, null if the block does not exist. */
async function getBlockDetails(ctx: L2MethodContext, params: unknown[]) {
  arity(params, 1, 1, 'zks_getBlockDetails');
  const number = integerParam(params[0], 'block number');
  const block = await ctx.upstream.request<RpcBlock | null>('eth_getBlockByNumber', [numberToHex(number), false]);
  if (!block) return null;
  const batch = ctx.store.getBatchOfBlock(Number(ctx.chainId), number);
  const { l1BatchNumber, ...fields } = batchFields(ctx, batch);
  return {
    number,
    l1BatchNumber,
    timestamp: Number(BigInt(block.timestamp)),
    l1TxCount: 0,
    l2TxCount: block.transactions.length,
    rootHash: block.hash,
    ...fields,
    l1GasPrice: 0,
    l2FairGasPrice: 0,
    fairPubdataPrice: 0,
    baseSystemContractsHashes: { bootloader: ZERO_HASH, default_aa: ZERO_HASH, evm_emulator: null },
    operatorAddress: block.miner,
    protocolVersion: null,
  };
}

const TRANSACTION_TYPES: Record<string, string> = {
  '0x0': 'LegacyTransaction',
  '0x1': 'EIP2930Transaction',
  '0x2': 'EIP1559Transaction',
};

// 65-byte r ‖ s ‖ v signature, as zksync-era serializes bytes in this shape: an array of numbers.
function signatureBytes(tx: RpcTransaction): number[] {
  const v = tx.yParity !== undefined ? 27 + Number(tx.yParity) : Number(tx.v ?? '0x1b');
  const word = (h: Hex) => Array.from(hexToBytes(h, { size: 32 }));
  return [...word(tx.r), ...word(tx.s), v > 28 ? 27 + ((v - 35) % 2) : v];
}

function rawTransaction(ctx: L2MethodContext, tx: RpcTransaction, timestamp: number) {
  const zkHash = ctx.store.zkHashOf(tx.hash);
  const feePerGas = tx.maxFeePerGas ?? tx.gasPrice ?? '0x0';
  return {
    common_data: {
      L2: {
        nonce: Number(BigInt(tx.nonce)),
        fee: {
          gas_limit: tx.gas,
          max_fee_per_gas: feePerGas,
          max_priority_fee_per_gas: tx.maxPriorityFeePerGas ?? feePerGas,
          gas_per_pubdata_limit: '0x0',
        },
        initiatorAddress: tx.from,
        signature: signatureBytes(tx),
        transactionType: zkHash ? 'EIP712Transaction' : (TRANSACTION_TYPES[tx.type] ?? 'LegacyTransaction'),
        input: null,
        paymasterParams: { paymaster: ZERO_ADDRESS, paymasterInput: [] },
      },
    },
    execute: { contractAddress: tx.to, calldata: tx.input, value: tx.value, factoryDeps: [] },
    received_timestamp_ms: timestamp * 1000,
    raw_bytes: null,
  };
}

/** zks_getRawBlockTransactions(n): zksync-era's `Transaction` list of an L2 block ([] if it does not exist). */
async function getRawBlockTransactions(ctx: L2MethodContext, params: unknown[]) {
  arity(params, 1, 1, 'zks_getRawBlockTransactions');
  const number = integerParam(params[0], 'block number');
  const block = await ctx.upstream.request<RpcBlock | null>('eth_getBlockByNumber', [numberToHex(number), true]);
  if (!block) return [];
  const timestamp = Number(BigInt(block.timestamp));
  return block.transactions.map((tx) => rawTransaction(ctx, tx, timestamp));
}

/** ZKsync's block methods, by name. */
export const zksyncBlockMethods: Record<string, (ctx: L2MethodContext, params: unknown[]) => unknown> = {
  zks_getL1BatchBlockRange: getL1BatchBlockRange,
  zks_getBlockDetails: getBlockDetails,
  zks_getRawBlockTransactions: getRawBlockTransactions,
};
