// What the node's endpoints do with anvil's own methods (anvil 1.7: every anvil_*, evm_* and hardhat_* name it
// accepts). A method that would change one chain's history behind the node's back is either done on the whole
// network (snapshot, revert) or refused with an error that names the network-wide way; see docs/node.md.

import type { Address } from 'viem';
import { RpcError } from '../errors.js';
import type { Gate } from '../loop.js';
import type { NetworkSnapshots } from '../snapshots/networkSnapshots.js';
import { addressParam, arity, integerParam } from './params.js';
import type { RpcHandler } from './server.js';

/** JSON-RPC error code of a refused method (EIP-1474 "method not supported"). */
export const METHOD_REFUSED = -32004;

/** How an endpoint treats one of anvil's methods. */
export type AnvilMethodTreatment =
  /** Forwarded to the chain's anvil unchanged: it cannot make chain and node disagree. */
  | { kind: 'pass' }
  /** Forwarded unless its first param is one of the protocol's contracts (whose state the node mirrors). */
  | { kind: 'pass-unless-protocol-contract' }
  /** Done on the whole network (every chain and the node's state together). */
  | { kind: 'network'; operation: 'snapshot' | 'revert' }
  /** Refused: `why` it would break the network, `instead` what to use. */
  | { kind: 'refuse'; why: string; instead: string };

const pass = { kind: 'pass' } as const;
const protocolGuarded = { kind: 'pass-unless-protocol-contract' } as const;
const snapshot = { kind: 'network', operation: 'snapshot' } as const;
const revert = { kind: 'network', operation: 'revert' } as const;
const REWRITE_INSTEAD = 'use evm_snapshot / evm_revert on any endpoint, which act on the whole network';
const rewrite = (why: string) => ({ kind: 'refuse', why, instead: REWRITE_INSTEAD }) as const;
const loadState = {
  kind: 'refuse',
  why: "it replaces one chain's history behind the node",
  instead: "use evm_snapshot / evm_revert, or `interop devnet --persist` to keep the whole network's state",
} as const;
const reset = {
  kind: 'refuse',
  why: "it wipes one chain's history behind the node",
  instead: 'take evm_snapshot right after start and evm_revert to it, or restart the devnet',
} as const;

/** Every anvil_*, evm_* and hardhat_* method of anvil 1.7.1 and its treatment on the node's endpoints. */
export const ANVIL_METHODS: Record<string, AnvilMethodTreatment> = {
  // History: network-wide or refused.
  evm_snapshot: snapshot,
  anvil_snapshot: snapshot,
  interop_snapshot: snapshot,
  evm_revert: revert,
  anvil_revert: revert,
  interop_revert: revert,
  anvil_reorg: rewrite("it replaces one chain's recent blocks behind the node"),
  anvil_rollback: rewrite("it removes one chain's recent blocks behind the node"),
  anvil_reset: reset,
  hardhat_reset: reset,
  anvil_loadState: loadState,
  hardhat_loadState: loadState,
  anvil_setChainId: {
    kind: 'refuse',
    why: 'the chain id is registered on the settlement layer and bound into every proof',
    instead: 'chain ids are fixed by the devnet (271, 272, … with --l2 <n>)',
  },
  anvil_setRpcUrl: {
    kind: 'refuse',
    why: 'it switches the chain to another fork behind the node',
    instead: 'run `interop node` against the endpoint you want',
  },
  // State edits: harmless, except on the protocol's contracts (the node mirrors their state).
  anvil_setCode: protocolGuarded,
  hardhat_setCode: protocolGuarded,
  anvil_setStorageAt: protocolGuarded,
  hardhat_setStorageAt: protocolGuarded,
  anvil_setBalance: pass,
  hardhat_setBalance: pass,
  anvil_addBalance: pass,
  hardhat_addBalance: pass,
  anvil_setNonce: pass,
  hardhat_setNonce: pass,
  evm_setAccountNonce: pass,
  anvil_dealERC20: pass,
  hardhat_dealERC20: pass,
  anvil_setERC20Balance: pass,
  anvil_setERC20Allowance: pass,
  // Mining and time: new blocks on top of the history, which the sequencer seals like any other.
  anvil_mine: pass,
  hardhat_mine: pass,
  evm_mine: pass,
  anvil_mine_detailed: pass,
  evm_mine_detailed: pass,
  anvil_setAutomine: pass,
  evm_setAutomine: pass,
  anvil_getAutomine: pass,
  hardhat_getAutomine: pass,
  anvil_setIntervalMining: pass,
  evm_setIntervalMining: pass,
  anvil_getIntervalMining: pass,
  anvil_increaseTime: pass,
  evm_increaseTime: pass,
  anvil_setNextBlockTimestamp: pass,
  evm_setNextBlockTimestamp: pass,
  anvil_setTime: pass,
  evm_setTime: pass,
  anvil_setBlockTimestampInterval: pass,
  anvil_removeBlockTimestampInterval: pass,
  anvil_setBlockGasLimit: pass,
  evm_setBlockGasLimit: pass,
  anvil_setNextBlockBaseFeePerGas: pass,
  hardhat_setNextBlockBaseFeePerGas: pass,
  anvil_setMinGasPrice: pass,
  hardhat_setMinGasPrice: pass,
  anvil_setCoinbase: pass,
  hardhat_setCoinbase: pass,
  // Senders and the transaction pool.
  anvil_impersonateAccount: pass,
  hardhat_impersonateAccount: pass,
  anvil_stopImpersonatingAccount: pass,
  hardhat_stopImpersonatingAccount: pass,
  anvil_autoImpersonateAccount: pass,
  hardhat_autoImpersonateAccount: pass,
  anvil_impersonateSignature: pass,
  anvil_dropTransaction: pass,
  hardhat_dropTransaction: pass,
  anvil_dropAllTransactions: pass,
  hardhat_dropAllTransactions: pass,
  anvil_removePoolTransactions: pass,
  // Read-only or node settings.
  anvil_dumpState: pass,
  hardhat_dumpState: pass,
  anvil_nodeInfo: pass,
  anvil_metadata: pass,
  hardhat_metadata: pass,
  anvil_getGenesisTime: pass,
  anvil_getBlobByHash: pass,
  anvil_getBlobsByTransactionHash: pass,
  anvil_setLoggingEnabled: pass,
  hardhat_setLoggingEnabled: pass,
  // Tempo-only (anvil refuses them on these chains).
  anvil_setFeeToken: pass,
  anvil_setValidatorFeeToken: pass,
  anvil_setFeeAmmLiquidity: pass,
};

/** Parameters of {@link createNetworkHandler}. */
export type NetworkHandlerParameters = {
  snapshots: NetworkSnapshots;
  /** The gate every loop step runs in. */
  gate: Gate;
  /** The protocol's contracts on this endpoint's chain: their code and storage are not edited. */
  protocolContracts: Address[];
};

/**
 * Wraps an endpoint's handler: snapshot and revert act on the whole network, history rewrites are refused, and
 * every other request runs inside the network gate (so a snapshot never sees half of one).
 */
export function createNetworkHandler(inner: RpcHandler, p: NetworkHandlerParameters): RpcHandler {
  const protocol = new Set(p.protocolContracts.map((a) => a.toLowerCase()));
  return async (request) => {
    const id = request.id ?? null;
    const method = request.method;
    const params = (request.params as unknown[] | undefined) ?? [];
    const treatment = Object.hasOwn(ANVIL_METHODS, method) ? ANVIL_METHODS[method] : pass;
    if (treatment.kind === 'refuse')
      throw new RpcError(
        METHOD_REFUSED,
        `${method} is refused on this network: ${treatment.why}; ${treatment.instead}`,
      );
    if (treatment.kind === 'network') {
      if (treatment.operation === 'snapshot') {
        arity(params, 0, 0, method);
        return { jsonrpc: '2.0', id, result: await p.snapshots.snapshot() };
      }
      arity(params, 1, 1, method);
      const snapshotId = BigInt(integerParam(params[0], 'snapshot id'));
      return { jsonrpc: '2.0', id, result: await p.snapshots.revert(snapshotId) };
    }
    if (treatment.kind === 'pass-unless-protocol-contract' && protocol.has(addressParam(params[0], 'address')))
      throw new RpcError(
        METHOD_REFUSED,
        `${method} is refused on ${params[0]}: the node mirrors this protocol contract's state; deploy your own contract to experiment`,
      );
    return p.gate.run(() => inner(request));
  };
}
