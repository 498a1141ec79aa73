import { type Address, type Hex, isAddress, isHex } from 'viem';
import { NodeConfigError } from './errors.js';
import { DEFAULT_PASS_THROUGH_METHODS, isMethodPattern, type MethodAllowlist } from './rpc/access.js';
import { type AllowedOrigins, DEFAULT_ALLOWED_ORIGINS, isOriginPattern } from './rpc/origins.js';
import {
  DEFAULT_MAX_COMMIT_BYTES,
  DEFAULT_MAX_COMMIT_GAS,
  MIN_COMMIT_BYTES,
  MIN_COMMIT_GAS,
} from './sequencer/commitBudget.js';

/**
 * The settlement deployment, as returned by the settlement deployer: `settlement` is the InteropSettlement
 * contract; `deployBlockNumber` (optional) is where the node starts reading its events. Other fields are ignored.
 */
export type SettlementContracts = Record<string, unknown> & { deployBlockNumber?: bigint | number | string };

/** The settlement layer the node commits batches to and imports roots from. */
export type NodeSettlementConfig = {
  chainId: bigint | number;
  /** Upstream JSON-RPC endpoint of the settlement layer. */
  rpcUrl: string;
  /** Port of the node's pass-through endpoint for the settlement layer; 0 picks a free one; omitted means none. */
  port?: number;
  contracts: SettlementContracts;
};

/** One L2 the node sequences. */
export type NodeChainConfig = {
  chainId: bigint | number;
  /** Upstream JSON-RPC endpoint of the L2. */
  rpcUrl: string;
  /** Port of the node's endpoint for this L2; 0 picks a free one. */
  port: number;
  /** Key of the chain's registered operator: it commits and executes this chain's batches. */
  operatorPrivateKey: Hex;
  /**
   * How roots are added to InteropCenter: with the system caller's key, or (anvil only) by impersonating
   * 0x…8001 for each import transaction. Required: there is no default.
   */
  systemCaller: 'impersonate' | { privateKey: Hex };
  /** Chain id of the layer this chain settles on: `settlement.chainId` (the default) or a Gateway's. */
  settlesOn?: bigint | number;
  /**
   * Set when this chain is itself a settlement layer (a Gateway): its InteropSettlement contract. Chains list it
   * in `settlesOn`; its batches carry its MessageRoot as aggregated root. A Gateway settles on `settlement`.
   */
  gateway?: { contracts: SettlementContracts };
};

/** Everything {@link startNode} needs. */
export type NodeConfig = {
  settlement: NodeSettlementConfig;
  chains: NodeChainConfig[];
  /** Directory of the SQLite file `node.sqlite`; created when missing. */
  dataDir: string;
  /** Milliseconds between batches; 250 by default. */
  batchMs?: number;
  /** Interface the endpoints listen on; 127.0.0.1 by default. */
  host?: string;
  /** Receives one line per notable event (batches, retries); silent by default. */
  log?: (line: string) => void;
  /** Preferred most L2→L1 logs per batch (≤ 16,384, the default); a block with more is sealed alone. */
  maxLogsPerBatch?: number;
  /**
   * Most estimated gas of one batch's commit (default 15 M). At least what a block at L1Messenger's per-block
   * limit needs (≈ 14.1 M), so every block an L2 accepts can be settled.
   */
  maxCommitGas?: number;
  /** Most calldata bytes of one batch's commit (default 900,000; at least ≈ 492 KB, see `maxCommitGas`). */
  maxCommitBytes?: number;
  /**
   * Most sealed batches of one chain waiting to be executed on its settlement layer (default 8). At that many the
   * chain's next batch waits, and then takes in everything its wait let pile up: when the settlement layer takes
   * fewer batches than the chains seal (many chains, short batches, a slow or stopped layer), the batches grow
   * instead of the backlog, so a message's wait stays bounded.
   */
  maxUnsettledBatches?: number;
  /**
   * Methods the endpoints pass to the chains (`"*"` for all, as on the devnet; entries may end in `_*`). The
   * node's own methods are always answered. Default: the standard eth_/net_/web3_ read and send methods.
   */
  passThroughMethods?: MethodAllowlist;
  /** Browser origins allowed to call the endpoints (`"*"` for any; `http://host:*` for any port). Default: local pages. */
  allowedOrigins?: AllowedOrigins;
  /**
   * More addresses nobody may send as through the endpoints (besides the operators and system callers, which
   * are always protected), e.g. the settlement contract's owner.
   */
  protectedSenders?: Address[];
};

/** A settlement layer the node follows: L1 (`settlement`) or a Gateway among the chains. */
export type ResolvedSettlementLayer = { chainId: bigint; rpcUrl: string; address: Address; startBlock: number };

/** A chain of a {@link ResolvedNodeConfig}. */
export type ResolvedChainConfig = Omit<NodeChainConfig, 'chainId' | 'settlesOn' | 'gateway'> & {
  chainId: bigint;
  settlesOn: bigint;
  /** Its own settlement contract, when the chain is a Gateway. */
  gateway?: ResolvedSettlementLayer;
  /** The settlement layers whose roots its InteropCenter imports: every layer above it, and its own if a Gateway. */
  importsFrom: bigint[];
};

/** A {@link NodeConfig} with defaults filled in and chain ids as bigint. */
export type ResolvedNodeConfig = {
  settlement: Omit<NodeSettlementConfig, 'chainId'> & { chainId: bigint; address: Address; startBlock: number };
  chains: ResolvedChainConfig[];
  /** L1 first, then every Gateway. */
  layers: ResolvedSettlementLayer[];
  dataDir: string;
  batchMs: number;
  host: string;
  log: (line: string) => void;
  maxLogsPerBatch: number;
  maxCommitGas: number;
  maxCommitBytes: number;
  maxUnsettledBatches: number;
  passThroughMethods: MethodAllowlist;
  allowedOrigins: AllowedOrigins;
  protectedSenders: Address[];
};

/** Default of {@link NodeConfig.maxUnsettledBatches}. */
export const DEFAULT_MAX_UNSETTLED_BATCHES = 8;

function fail(message: string): never {
  throw new NodeConfigError(`invalid node config: ${message}`);
}

function chainIdOf(value: unknown, where: string, field = 'chainId'): bigint {
  if (typeof value === 'bigint' && value > 0n) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return BigInt(value);
  if (typeof value === 'string' && /^[1-9][0-9]*$/.test(value)) return BigInt(value);
  return fail(`${where}.${field} must be a positive integer`);
}

function url(value: unknown, where: string): string {
  if (typeof value !== 'string' || !/^https?:\/\//.test(value)) fail(`${where}.rpcUrl must be an http(s) URL`);
  return value;
}

function port(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535)
    fail(`${where}.port must be an integer in 0..65535`);
  return value;
}

function privateKey(value: unknown, where: string): Hex {
  if (typeof value !== 'string' || !isHex(value) || value.length !== 66) fail(`${where} must be a 32-byte hex key`);
  return value as Hex;
}

/**
 * Checks a node configuration (typed or parsed from JSON) and fills in the defaults.
 * Throws {@link NodeConfigError} naming the first wrong field.
 */
function settlementContracts(value: unknown, where: string): { address: Address; startBlock: number } {
  const contracts = value as Record<string, unknown> | undefined;
  if (typeof contracts !== 'object' || contracts === null) fail(`${where} is missing`);
  if (typeof contracts.settlement !== 'string' || !isAddress(contracts.settlement, { strict: false }))
    fail(`${where}.settlement must be the address of the settlement contract`);
  const deployBlock = contracts.deployBlockNumber;
  let startBlock = 0;
  if (deployBlock !== undefined) {
    if (typeof deployBlock === 'bigint') startBlock = Number(deployBlock);
    else if (typeof deployBlock === 'number' && Number.isSafeInteger(deployBlock) && deployBlock >= 0)
      startBlock = deployBlock;
    else if (typeof deployBlock === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(deployBlock))
      startBlock = Number(BigInt(deployBlock));
    else fail(`${where}.deployBlockNumber must be a block number`);
  }
  return { address: contracts.settlement as Address, startBlock };
}

// settlesOn and importsFrom: every chain settles on L1 or on a Gateway that settles on L1 (one level of Gateways).
function resolveTopology(
  chains: (Omit<ResolvedChainConfig, 'settlesOn' | 'importsFrom'> & { settlesOn?: unknown })[],
  l1: bigint,
): ResolvedChainConfig[] {
  const gateways = new Set(chains.filter((ch) => ch.gateway).map((ch) => ch.chainId));
  return chains.map((ch, i) => {
    const settlesOn = ch.settlesOn === undefined ? l1 : chainIdOf(ch.settlesOn, `chains[${i}]`, 'settlesOn');
    if (ch.gateway && settlesOn !== l1) fail(`chains[${i}] is a gateway, so it must settle on ${l1}`);
    if (settlesOn !== l1 && !gateways.has(settlesOn))
      fail(`chains[${i}].settlesOn must be ${l1} or a chain with "gateway" settings, got ${settlesOn}`);
    const importsFrom = settlesOn === l1 ? [l1] : [settlesOn, l1];
    if (ch.gateway) importsFrom.unshift(ch.chainId);
    return { ...ch, settlesOn, importsFrom };
  });
}

export function resolveNodeConfig(input: unknown): ResolvedNodeConfig {
  if (typeof input !== 'object' || input === null) fail('expected an object');
  const c = input as Record<string, unknown>;
  const s = c.settlement as Record<string, unknown> | undefined;
  if (typeof s !== 'object' || s === null) fail('settlement is missing');
  const contracts = s.contracts as Record<string, unknown>;
  const { address, startBlock } = settlementContracts(s.contracts, 'settlement.contracts');
  if (!Array.isArray(c.chains) || c.chains.length === 0) fail('chains must be a non-empty array');
  const chains = c.chains.map((raw: unknown, i: number) => {
    const where = `chains[${i}]`;
    if (typeof raw !== 'object' || raw === null) fail(`${where} must be an object`);
    const ch = raw as Record<string, unknown>;
    let systemCaller: NodeChainConfig['systemCaller'];
    if (ch.systemCaller === undefined)
      fail(
        `${where}.systemCaller is required: { "privateKey": "0x…" } of InteropCenter's system caller, or "impersonate" (anvil only)`,
      );
    if (ch.systemCaller === 'impersonate') systemCaller = 'impersonate';
    else if (typeof ch.systemCaller === 'object' && ch.systemCaller !== null)
      systemCaller = {
        privateKey: privateKey(
          (ch.systemCaller as { privateKey?: unknown }).privateKey,
          `${where}.systemCaller.privateKey`,
        ),
      };
    else fail(`${where}.systemCaller must be "impersonate" or { privateKey }`);
    const chainId = chainIdOf(ch.chainId, where);
    const rpcUrl = url(ch.rpcUrl, where);
    let gateway: ResolvedSettlementLayer | undefined;
    if (ch.gateway !== undefined) {
      if (typeof ch.gateway !== 'object' || ch.gateway === null) fail(`${where}.gateway must be { contracts }`);
      const g = settlementContracts((ch.gateway as { contracts?: unknown }).contracts, `${where}.gateway.contracts`);
      gateway = { chainId, rpcUrl, ...g };
    }
    return {
      chainId,
      rpcUrl,
      port: port(ch.port, where),
      operatorPrivateKey: privateKey(ch.operatorPrivateKey, `${where}.operatorPrivateKey`),
      systemCaller,
      settlesOn: ch.settlesOn,
      gateway,
    };
  });
  const ids = new Set(chains.map((ch) => ch.chainId));
  if (ids.size !== chains.length) fail('two chains have the same chainId');
  const settlementChainId = chainIdOf(s.chainId, 'settlement');
  if (ids.has(settlementChainId)) fail('a chain has the settlement layer chainId');
  if (typeof c.dataDir !== 'string' || c.dataDir === '') fail('dataDir must be a path');
  const batchMs = c.batchMs ?? 250;
  if (typeof batchMs !== 'number' || !(batchMs >= 10)) fail('batchMs must be a number of milliseconds >= 10');
  const host = c.host ?? '127.0.0.1';
  if (typeof host !== 'string') fail('host must be a string');
  const maxLogsPerBatch = c.maxLogsPerBatch ?? 16384;
  if (
    typeof maxLogsPerBatch !== 'number' ||
    !Number.isInteger(maxLogsPerBatch) ||
    maxLogsPerBatch < 1 ||
    maxLogsPerBatch > 16384
  )
    fail('maxLogsPerBatch must be an integer in 1..16384');
  const maxCommitGas = c.maxCommitGas ?? DEFAULT_MAX_COMMIT_GAS;
  if (typeof maxCommitGas !== 'number' || !Number.isSafeInteger(maxCommitGas) || maxCommitGas < MIN_COMMIT_GAS)
    fail(`maxCommitGas must be an integer >= ${MIN_COMMIT_GAS} (what a block at the per-block message limit needs)`);
  const maxCommitBytes = c.maxCommitBytes ?? DEFAULT_MAX_COMMIT_BYTES;
  if (typeof maxCommitBytes !== 'number' || !Number.isSafeInteger(maxCommitBytes) || maxCommitBytes < MIN_COMMIT_BYTES)
    fail(
      `maxCommitBytes must be an integer >= ${MIN_COMMIT_BYTES} (what a block at the per-block message limit needs)`,
    );
  const maxUnsettledBatches = c.maxUnsettledBatches ?? DEFAULT_MAX_UNSETTLED_BATCHES;
  if (typeof maxUnsettledBatches !== 'number' || !Number.isSafeInteger(maxUnsettledBatches) || maxUnsettledBatches < 1)
    fail('maxUnsettledBatches must be an integer >= 1');
  const passThroughMethods = c.passThroughMethods ?? DEFAULT_PASS_THROUGH_METHODS;
  if (
    passThroughMethods !== '*' &&
    !(Array.isArray(passThroughMethods) && passThroughMethods.every((m) => typeof m === 'string' && isMethodPattern(m)))
  )
    fail('passThroughMethods must be "*" or a list of method names (an entry may end in _*)');
  const allowedOrigins = c.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS;
  if (
    allowedOrigins !== '*' &&
    !(Array.isArray(allowedOrigins) && allowedOrigins.every((o) => typeof o === 'string' && isOriginPattern(o)))
  )
    fail('allowedOrigins must be "*" or a list of origins like "http://localhost:5100" or "http://localhost:*"');
  const protectedSenders = c.protectedSenders ?? [];
  if (
    !Array.isArray(protectedSenders) ||
    !protectedSenders.every((a) => typeof a === 'string' && isAddress(a, { strict: false }))
  )
    fail('protectedSenders must be a list of addresses');
  const log = typeof c.log === 'function' ? (c.log as (line: string) => void) : () => {};
  const settlement = {
    chainId: settlementChainId,
    rpcUrl: url(s.rpcUrl, 'settlement'),
    port: s.port === undefined ? undefined : port(s.port, 'settlement'),
    contracts: contracts as SettlementContracts,
    address,
    startBlock,
  };
  const resolved = resolveTopology(chains, settlementChainId);
  const layers: ResolvedSettlementLayer[] = [
    { chainId: settlementChainId, rpcUrl: settlement.rpcUrl, address, startBlock },
    ...resolved.flatMap((ch) => (ch.gateway ? [ch.gateway] : [])),
  ];
  return {
    settlement,
    chains: resolved,
    layers,
    dataDir: c.dataDir,
    batchMs,
    host,
    log,
    maxLogsPerBatch,
    maxCommitGas,
    maxCommitBytes,
    maxUnsettledBatches,
    passThroughMethods: passThroughMethods as MethodAllowlist,
    allowedOrigins: allowedOrigins as AllowedOrigins,
    protectedSenders: protectedSenders as Address[],
  };
}
