// Puts the interop contracts on local chains: the L2 system contracts at their fixed addresses (anvil_setCode,
// no transactions, so every L2 is ready in one round of parallel RPC calls) and the settlement contract on the
// settlement layer (one deployment that also registers the initial chains).

import { InteropCenter, InteropSettlement, L1Messenger, L2MessageVerification } from '@interop/contracts';
import {
  INTEROP_CENTER_ADDRESS,
  L1_MESSENGER_ADDRESS,
  L2_MESSAGE_VERIFICATION_ADDRESS,
  SYSTEM_CALLER_ADDRESS,
} from '@interop/sdk/core';
import {
  type Account,
  type Address,
  type Client,
  createClient,
  encodeDeployData,
  encodeFunctionData,
  type Hex,
  http,
  numberToHex,
} from 'viem';
import { call, waitForTransactionReceipt } from 'viem/actions';
import { DevnetError } from './errors.js';

/** Fixed addresses of the L2 system contracts. */
export const SYSTEM_CONTRACT_ADDRESSES = {
  l1Messenger: L1_MESSENGER_ADDRESS,
  interopCenter: INTEROP_CENTER_ADDRESS,
  l2MessageVerification: L2_MESSAGE_VERIFICATION_ADDRESS,
} as const;

/** A viem client, or the URL to build one from. */
export type ClientOrUrl = { client?: Client; rpcUrl?: string };

/** Parameters of {@link installSystemContracts}. */
export type InstallSystemContractsParameters = ClientOrUrl & {
  /** The only address allowed to import roots into InteropCenter (default 0x…8001). */
  systemCaller?: Address;
  /**
   * Fund the system caller and leave it impersonated on the chain (default false). Only for tests that send as
   * it directly: while it is impersonated anyone who reaches this anvil can import roots. The node impersonates
   * it for each of its own import transactions, or signs with the system caller's key.
   */
  impersonateSystemCaller?: boolean;
};

/** Where the system contracts are, and who may import roots. */
export type InstalledSystemContracts = {
  l1Messenger: Address;
  interopCenter: Address;
  l2MessageVerification: Address;
  systemCaller: Address;
};

/** Thrown when the contracts cannot be installed or deployed. */
export class DeployError extends DevnetError {
  override name = 'DeployError';
}

const SYSTEM_CALLER_FUNDING = 10n ** 21n;

function resolveClient({ client, rpcUrl }: ClientOrUrl): Client {
  if (client) return client;
  if (rpcUrl) return createClient({ transport: http(rpcUrl), pollingInterval: 25 });
  throw new DeployError('Either client or rpcUrl is required.');
}

// anvil_* methods are not in viem's public RPC schema; the call shape is the same.
function rpc(client: Client, method: string, params: unknown[]): Promise<unknown> {
  return (client.request as (args: { method: string; params: unknown[] }) => Promise<unknown>)({ method, params });
}

/**
 * Runtime code of InteropCenter with its immutable system caller filled in. The creation code run by
 * eth_call returns exactly what a deployment would store, so no transaction is needed.
 */
export async function getInteropCenterRuntimeCode(client: Client, systemCaller: Address): Promise<Hex> {
  const data = encodeDeployData({ abi: InteropCenter.abi, bytecode: InteropCenter.bytecode, args: [systemCaller] });
  const { data: code } = await call(client, { data });
  if (!code || code === '0x') throw new DeployError('InteropCenter creation code returned no runtime code.');
  return code;
}

/**
 * Installs L1Messenger (0x…8008), InteropCenter (0x…10008) and L2MessageVerification (0x…10009) on an anvil L2
 * with anvil_setCode. Their state starts empty (InteropCenter's counter at 0, so the first message is 1).
 */
export async function installSystemContracts(
  params: InstallSystemContractsParameters,
): Promise<InstalledSystemContracts> {
  const client = resolveClient(params);
  const systemCaller = params.systemCaller ?? SYSTEM_CALLER_ADDRESS;
  const calls: Promise<unknown>[] = [
    rpc(client, 'anvil_setCode', [L1_MESSENGER_ADDRESS, L1Messenger.deployedBytecode]),
    rpc(client, 'anvil_setCode', [L2_MESSAGE_VERIFICATION_ADDRESS, L2MessageVerification.deployedBytecode]),
    getInteropCenterRuntimeCode(client, systemCaller).then((code) =>
      rpc(client, 'anvil_setCode', [INTEROP_CENTER_ADDRESS, code]),
    ),
  ];
  if (params.impersonateSystemCaller ?? false) {
    calls.push(rpc(client, 'anvil_impersonateAccount', [systemCaller]));
    calls.push(rpc(client, 'anvil_setBalance', [systemCaller, `0x${SYSTEM_CALLER_FUNDING.toString(16)}`]));
  }
  try {
    await Promise.all(calls);
  } catch (cause) {
    throw new DeployError('Could not install the system contracts (is this an anvil node?).', {
      details: cause instanceof Error ? cause.message : String(cause),
      cause,
    });
  }
  return { ...SYSTEM_CONTRACT_ADDRESSES, systemCaller };
}

// Sends a transaction with everything it needs fetched in one parallel round (viem's sendTransaction asks for
// chain id, nonce, fees and gas one after another, which costs most of a second here) and waits for its receipt.
// anvil's eth_estimateGas can come out a little short for these contracts (it runs with the latest block's
// number), so the gas limit carries a margin.
async function send(client: Client, account: Account | Address, data: Hex, to?: Address) {
  const from = typeof account === 'string' ? account : account.address;
  const [chainId, nonce, gasPrice, estimate] = await Promise.all([
    rpc(client, 'eth_chainId', []),
    rpc(client, 'eth_getTransactionCount', [from, 'pending']),
    rpc(client, 'eth_gasPrice', []),
    rpc(client, 'eth_estimateGas', [{ from, to, data }]),
  ]).then((r) => r.map((x) => BigInt(x as Hex)));
  const gas = (estimate * 12n) / 10n + 20_000n;
  const maxFeePerGas = gasPrice * 2n + 1_000_000_000n;
  const maxPriorityFeePerGas = 1_000_000_000n;
  let hash: Hex;
  if (typeof account === 'string' || !account.signTransaction) {
    hash = (await rpc(client, 'eth_sendTransaction', [
      {
        from,
        to,
        data,
        gas: numberToHex(gas),
        maxFeePerGas: numberToHex(maxFeePerGas),
        maxPriorityFeePerGas: numberToHex(maxPriorityFeePerGas),
      },
    ])) as Hex;
  } else {
    const raw = await account.signTransaction({
      type: 'eip1559',
      chainId: Number(chainId),
      nonce: Number(nonce),
      to,
      data,
      gas,
      maxFeePerGas,
      maxPriorityFeePerGas,
    });
    hash = (await rpc(client, 'eth_sendRawTransaction', [raw])) as Hex;
  }
  const receipt = await waitForTransactionReceipt(client, { hash, pollingInterval: 25 });
  return { hash, receipt };
}

/** A chain settling on the settlement layer and the address that commits its batches. */
export type SettlementChain = { chainId: bigint | number; operator: Address };

/** Parameters of {@link deploySettlementContracts}. */
export type DeploySettlementContractsParameters = ClientOrUrl & {
  /** Deployer; becomes the owner. An Address is sent from as an unlocked (anvil) account. */
  account: Account | Address;
  /** Registered at construction, in this order (shared-tree index 1, 2, …; the settlement layer is 0). */
  chains: readonly SettlementChain[];
};

/** The deployed settlement contract. */
export type DeployedSettlementContracts = { settlement: Address; deployTxHash: Hex; deployBlockNumber: bigint };

/** Deploys InteropSettlement (registry, MessageRoot, batch settlement, verification) and registers `chains`. */
export async function deploySettlementContracts(
  params: DeploySettlementContractsParameters,
): Promise<DeployedSettlementContracts> {
  const client = resolveClient(params);
  const data = encodeDeployData({
    abi: InteropSettlement.abi,
    bytecode: InteropSettlement.bytecode,
    args: [
      typeof params.account === 'string' ? params.account : params.account.address,
      params.chains.map((c) => BigInt(c.chainId)),
      params.chains.map((c) => c.operator),
    ],
  });
  const { hash, receipt } = await send(client, params.account, data);
  if (receipt.status !== 'success' || !receipt.contractAddress) {
    throw new DeployError('Settlement contract deployment failed.', { details: `transaction ${hash}` });
  }
  return { settlement: receipt.contractAddress, deployTxHash: hash, deployBlockNumber: receipt.blockNumber };
}

/** Parameters of {@link registerChain}. */
export type RegisterChainParameters = ClientOrUrl & {
  account: Account | Address;
  settlement: Address;
  chainId: bigint | number;
  operator: Address;
};

/** Registers one more chain (owner only); resolves with the mined transaction's hash. */
export async function registerChain(params: RegisterChainParameters): Promise<Hex> {
  const client = resolveClient(params);
  const data = encodeFunctionData({
    abi: InteropSettlement.abi,
    functionName: 'registerChain',
    args: [BigInt(params.chainId), params.operator],
  });
  const { hash, receipt } = await send(client, params.account, data, params.settlement);
  if (receipt.status !== 'success')
    throw new DeployError('registerChain reverted.', { details: `transaction ${hash}` });
  return hash;
}
