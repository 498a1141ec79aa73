// Where the CLI finds chains, contracts and keys. Precedence: command-line flags, then environment variables,
// then <data-dir>/devnet.json (written by `interop devnet`; data dir default `.interop`).
//
// Environment variables:
//   INTEROP_DEVNET               path of a devnet.json, or of a data dir holding one
//   INTEROP_RPC_<chainId>        endpoint of one chain, e.g. INTEROP_RPC_271=http://127.0.0.1:3050
//   INTEROP_SETTLEMENT_RPC       endpoint of the settlement layer
//   INTEROP_SETTLEMENT_CONTRACT  address of the InteropSettlement contract
//   INTEROP_SETTLEMENT_CHAIN_ID  chain id of the settlement layer (default: devnet.json's, else 9)
//   INTEROP_PRIVATE_KEY          key `interop send` signs with
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DevnetJson } from '@interop/devnet';
import {
  getInteropMessageStatus,
  type InteropMessageStatus,
  MessageNotFoundError,
  MessageNotProvableError,
  RpcUnreachableError,
  VerificationFailedError,
  WaitTimeoutError,
  WrongChainError,
} from '@interop/sdk';
import { InteropError, InvalidProofError, isHash } from '@interop/sdk/core';
import {
  type Address,
  BaseError,
  type Client,
  createPublicClient,
  type Hex,
  http,
  isAddress,
  type PublicClient,
} from 'viem';
import { getChainId } from 'viem/actions';
import type { FlagSpec } from './args.js';
import { CliError } from './errors.js';
import { chainLabel } from './format.js';

/** A chain the CLI can talk to. */
export type ChainEndpoint = { chainId: bigint; rpcUrl: string };

/** Everything the CLI knows about the network. */
export type CliConfig = {
  /** The L2s: from devnet.json, plus any INTEROP_RPC_<id> not in it. */
  chains: ChainEndpoint[];
  settlement: (ChainEndpoint & { contract: Address | undefined }) | undefined;
  /** The Gateway of a three-tier network (devnet.json's "gateway" and contracts.gatewaySettlement). */
  gateway: (ChainEndpoint & { contract: Address | undefined }) | undefined;
  /** The layer each chain settles on, when devnet.json says (`settlesOn`; the Gateway settles on L1). */
  settlesOn: Map<bigint, bigint>;
  accounts: { address: Address; privateKey: Hex }[];
  /** Where devnet.json was read from, if it was. */
  devnetJsonPath: string | undefined;
};

/** Options every network command takes. */
export const networkOptions = {
  json: { type: 'boolean', default: false },
  rpc: { type: 'string' },
  'data-dir': { type: 'string' },
} as const satisfies FlagSpec;

/** Options of the commands about one message: the network's, and the chain it was sent on. */
export const messageOptions = { ...networkOptions, chain: { type: 'string' } } as const satisfies FlagSpec;

/** Options naming the destination chain (`verify`, `wait`). */
export const destinationOptions = { on: { type: 'string' }, 'on-rpc': { type: 'string' } } as const satisfies FlagSpec;

/** Options of a proof rebuilt from the settlement layer alone (`proof`, `verify`). */
export const settlementLayerOptions = {
  'from-settlement-layer': { type: 'boolean', default: false },
  'settlement-rpc': { type: 'string' },
  settlement: { type: 'string' },
} as const satisfies FlagSpec;

/** The one positional of a message command: the interop hash. */
export function messageHashArgument(positionals: string[]): Hex {
  if (positionals.length > 1) throw new CliError(`unexpected argument "${positionals[1]}"`);
  return parseHash('interop hash', positionals[0]);
}

// devnet.json as `interop devnet` writes it; read leniently (any part may be missing in a hand-written file).
type DevnetJsonFile = Partial<DevnetJson>;

function devnetJsonPath(dataDir: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (dataDir !== undefined) return join(resolve(dataDir), 'devnet.json');
  const fromEnv = env.INTEROP_DEVNET;
  if (fromEnv) {
    const p = resolve(fromEnv);
    return existsSync(p) && statSync(p).isDirectory() ? join(p, 'devnet.json') : p;
  }
  return join(resolve('.interop'), 'devnet.json');
}

/**
 * Reads the network description. A missing devnet.json is fine when the endpoints come from flags or env
 * (commands report what they miss); an unreadable one is a one-line error.
 */
export function loadConfig(options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): CliConfig {
  const env = options.env ?? process.env;
  const path = devnetJsonPath(options.dataDir, env);
  let file: DevnetJsonFile = {};
  let readFrom: string | undefined;
  if (path && existsSync(path)) {
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as DevnetJsonFile;
      readFrom = path;
    } catch (err) {
      throw new CliError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else if (options.dataDir !== undefined || env.INTEROP_DEVNET) {
    throw new CliError(`no devnet description at ${path} (start one with \`interop devnet\`)`);
  }
  // The Gateway is a chain like the L2s (messages are sent and verified there through its own endpoint).
  const listed = [...(file.gateway ? [file.gateway] : []), ...(file.l2 ?? [])];
  const chains: ChainEndpoint[] = listed.map((c) => ({ chainId: BigInt(c.chainId), rpcUrl: c.rpcUrl }));
  for (const [name, value] of Object.entries(env)) {
    const m = /^INTEROP_RPC_(\d+)$/.exec(name);
    if (!m || !value) continue;
    const chainId = BigInt(m[1]);
    if (file.l1 && chainId === BigInt(file.l1.chainId)) continue; // the settlement layer: INTEROP_SETTLEMENT_RPC
    const known = chains.find((c) => c.chainId === chainId);
    if (known) known.rpcUrl = value;
    else chains.push({ chainId, rpcUrl: value });
  }
  const slUrl = env.INTEROP_SETTLEMENT_RPC || file.l1?.rpcUrl;
  const slContract = (env.INTEROP_SETTLEMENT_CONTRACT || file.contracts?.settlement) as Address | undefined;
  const l1ChainId = settlementChainId(env, file);
  const settlesOn = new Map<bigint, bigint>(
    (file.l2 ?? []).map((c) => [BigInt(c.chainId), c.settlesOn === undefined ? l1ChainId : BigInt(c.settlesOn)]),
  );
  if (file.gateway) settlesOn.set(BigInt(file.gateway.chainId), l1ChainId);
  const gateway = file.gateway && {
    chainId: BigInt(file.gateway.chainId),
    rpcUrl: file.gateway.rpcUrl,
    contract: file.contracts?.gatewaySettlement,
  };
  return {
    chains,
    gateway,
    settlesOn,
    settlement: slUrl ? { chainId: l1ChainId, rpcUrl: slUrl, contract: slContract } : undefined,
    accounts: file.accounts ?? [],
    devnetJsonPath: readFrom,
  };
}

function settlementChainId(env: NodeJS.ProcessEnv, file: DevnetJsonFile): bigint {
  const v = env.INTEROP_SETTLEMENT_CHAIN_ID;
  if (v !== undefined && v !== '') return parseChainId('INTEROP_SETTLEMENT_CHAIN_ID', v);
  return file.l1 ? BigInt(file.l1.chainId) : 9n;
}

/** Parses a chain id flag value. */
export function parseChainId(flag: string, value: string): bigint {
  if (!/^\d+$/.test(value)) throw new CliError(`${flag} must be a chain id (a decimal number), got "${value}"`);
  return BigInt(value);
}

/** The endpoint of an L2, or a one-line error naming the places it was looked for. */
export function chainEndpoint(config: CliConfig, chainId: bigint): ChainEndpoint {
  const found = config.chains.find((c) => c.chainId === chainId);
  if (found) return found;
  const known = config.chains.map((c) => c.chainId).join(', ');
  throw new CliError(
    `unknown ${chainLabel(chainId)}: not in ${config.devnetJsonPath ?? 'devnet.json (none found)'} and INTEROP_RPC_${chainId} is not set` +
      (known ? ` (known chains: ${known})` : ''),
  );
}

/** The settlement layer's endpoint and contract, flags first. */
export function settlementEndpoint(
  config: CliConfig,
  flags: { rpc?: string; contract?: string },
): { rpcUrl: string; contract: Address } {
  const rpcUrl = flags.rpc ?? config.settlement?.rpcUrl;
  const contract = flags.contract ?? config.settlement?.contract;
  if (!rpcUrl) throw new CliError('no settlement layer endpoint: pass --settlement-rpc or set INTEROP_SETTLEMENT_RPC');
  if (!contract || !isAddress(contract)) {
    throw new CliError('no settlement contract address: pass --settlement or set INTEROP_SETTLEMENT_CONTRACT');
  }
  return { rpcUrl, contract };
}

/** A public client that fails fast: a CLI user wants "unreachable" now, not after retries. */
export function cliClient(rpcUrl: string): PublicClient {
  return createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 10_000 }), pollingInterval: 200 });
}

/** The L2s a command should look at: the one given by --rpc or --chain, otherwise every known one. */
export function candidateChains(
  config: CliConfig,
  flags: { rpc?: string; chain?: string },
): { chainId: bigint | undefined; rpcUrl: string }[] {
  if (flags.rpc)
    return [{ chainId: flags.chain ? parseChainId('--chain', flags.chain) : undefined, rpcUrl: flags.rpc }];
  if (flags.chain) return [chainEndpoint(config, parseChainId('--chain', flags.chain))];
  if (config.chains.length === 0) {
    throw new CliError('no chains configured: start `interop devnet`, pass --rpc, or set INTEROP_RPC_<chainId>');
  }
  return config.chains;
}

/** JSON with bigints as numbers (all ours are small: chain ids, block and batch numbers). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    typeof v === 'bigint' ? (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()) : v,
  );
}

/** Validates a 32-byte hash argument. */
export function parseHash(what: string, value: string | undefined): Hex {
  if (value === undefined) throw new CliError(`missing ${what}`);
  if (!isHash(value)) throw new CliError(`${what} must be a 0x-prefixed 32-byte hex string, got "${value}"`);
  return value.toLowerCase() as Hex;
}

/**
 * Turns the SDK's errors into one-line CLI errors with the right exit code: 1 when a check ran and said no
 * (not provable yet, not verified, timed out), 2 for bad input and failures.
 */
export function toCliError(err: unknown): unknown {
  if (err instanceof CliError) return err;
  if (err instanceof RpcUnreachableError) {
    return new CliError(`${err.shortMessage} (is the devnet running? start it with \`interop devnet\`)`, 2);
  }
  if (err instanceof MessageNotProvableError || err instanceof WaitTimeoutError || err instanceof InvalidProofError) {
    return new CliError(err.shortMessage, 1);
  }
  if (err instanceof VerificationFailedError) return new CliError(err.shortMessage, 1);
  if (err instanceof InteropError) return new CliError(err.shortMessage, 2);
  if (err instanceof BaseError) return new CliError(err.shortMessage, 2);
  return err;
}

/** Runs a command body with {@link toCliError} applied to whatever it throws. */
export async function withCliErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toCliError(err);
  }
}

/** Where a message was found: its source chain's client and its status there. */
export type LocatedMessage = { client: PublicClient; rpcUrl: string; chainId: bigint; status: InteropMessageStatus };

/**
 * Finds the chain a message was sent on by asking every candidate chain (the hash does not name its chain).
 * An unreachable chain is skipped when another one knows the message.
 */
export async function locateMessage(
  config: CliConfig,
  flags: { rpc?: string; chain?: string },
  interopHash: Hex,
): Promise<LocatedMessage> {
  const candidates = candidateChains(config, flags);
  const results = await Promise.all(
    candidates.map(async (c) => {
      const client = cliClient(c.rpcUrl);
      try {
        const status = await getInteropMessageStatus(client, { interopHash });
        if (c.chainId !== undefined && status.chainId !== c.chainId) {
          throw new WrongChainError({ expected: c.chainId, actual: status.chainId });
        }
        return { ok: { client, rpcUrl: c.rpcUrl, chainId: status.chainId, status } };
      } catch (err) {
        return { err };
      }
    }),
  );
  const hit = results.find((r) => r.ok);
  if (hit?.ok) return hit.ok;
  const real = results.map((r) => r.err).find((e) => !(e instanceof MessageNotFoundError));
  if (real) throw real;
  const where = candidates.map((c) => c.chainId ?? c.rpcUrl).join(', ');
  throw new CliError(`message ${interopHash} not found on chain${candidates.length > 1 ? 's' : ''} ${where}`, 2);
}

/** Checks that an endpoint serves the chain the user named (a wrong --rpc would otherwise act on another chain). */
export async function assertChainEndpoint(client: Client, chainId: bigint, rpcUrl: string): Promise<void> {
  let actual: bigint;
  try {
    actual = BigInt(await getChainId(client));
  } catch (err) {
    throw toCliError(new RpcUnreachableError({ url: rpcUrl, cause: err }));
  }
  if (actual !== chainId)
    throw new CliError(`endpoint ${rpcUrl} is ${chainLabel(actual)}, not ${chainLabel(chainId)}`, 2);
}

/** verify's and wait's arguments: the message's interop hash and the chain `--on` names (required). */
export function parseMessageAndOn(positionals: string[], values: { on?: string }): { interopHash: Hex; on: bigint } {
  const interopHash = messageHashArgument(positionals);
  if (values.on === undefined) throw new CliError('missing --on <chainId>');
  return { interopHash, on: parseChainId('--on', values.on) };
}

/** The CLI config (`--data-dir`) and the destination chain `on` (with `--on-rpc`), for verify and wait. */
export function loadConfigAndDestination(
  values: { 'data-dir'?: string; 'on-rpc'?: string },
  on: bigint,
): { config: CliConfig; destination: { client: PublicClient; settlement: Address | undefined } } {
  const config = loadConfig({ dataDir: values['data-dir'] });
  return { config, destination: destinationChain(config, on, values['on-rpc']) };
}

/**
 * The chain `--on` names, for verify and wait: an L2 verifies through its InteropCenter (`settlement` undefined),
 * the settlement layer through its InteropSettlement contract at `settlement`. `onRpc` (`--on-rpc`) overrides the
 * endpoint.
 */
export function destinationChain(
  config: CliConfig,
  on: bigint,
  onRpc: string | undefined,
): { client: PublicClient; settlement: Address | undefined } {
  if (config.settlement && on === config.settlement.chainId) {
    if (!config.settlement.contract) throw new CliError('settlement contract address unknown (devnet.json has none)');
    return { client: cliClient(onRpc ?? config.settlement.rpcUrl), settlement: config.settlement.contract };
  }
  return { client: cliClient(onRpc ?? chainEndpoint(config, on).rpcUrl), settlement: undefined };
}
