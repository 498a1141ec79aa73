import { type Hex, numberToHex } from 'viem';
import { DEFAULT_GAS_PER_PUBDATA } from './constants.js';
import { ZkSyncCompatError } from './errors.js';
import { stripZkSyncFields } from './rewrite.js';
import type { Upstream } from './upstream.js';

/** ZKsync's fee answer, hex quantities, in the snake_case shape ZKsync nodes use. */
export type ZksEstimateFeeReturnType = {
  gas_limit: Hex;
  gas_per_pubdata_limit: Hex;
  max_fee_per_gas: Hex;
  max_priority_fee_per_gas: Hex;
};

/**
 * Answers `zks_estimateFee([request])` from the node's own gas estimate and gas price. Requests asking for a
 * paymaster or factory deps are refused, as their transactions would be.
 */
export async function zksEstimateFee(params: unknown[], upstream: Upstream): Promise<ZksEstimateFeeReturnType> {
  const request = Array.isArray(params) ? params[0] : undefined;
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    throw new ZkSyncCompatError('Invalid params for zks_estimateFee', {
      details: 'expected [transactionRequest]',
    });
  const meta = (request as { eip712Meta?: { paymasterParams?: unknown; factoryDeps?: unknown[] } }).eip712Meta;
  if (meta?.paymasterParams)
    throw new ZkSyncCompatError('Paymasters are not supported on this chain', {
      details: 'estimate without paymasterParams (the sender pays)',
    });
  if (Array.isArray(meta?.factoryDeps) && meta.factoryDeps.length > 0)
    throw new ZkSyncCompatError('Factory dependencies are not supported on this chain');
  const [gas, gasPrice] = await Promise.all([
    upstream('eth_estimateGas', [stripZkSyncFields(request)]),
    upstream('eth_gasPrice', []),
  ]);
  return {
    gas_limit: gas as Hex,
    gas_per_pubdata_limit: numberToHex(DEFAULT_GAS_PER_PUBDATA),
    max_fee_per_gas: gasPrice as Hex,
    max_priority_fee_per_gas: '0x0',
  };
}

/** Answers `zks_gasPerPubdata`: the default ZKsync tooling signs with (no pubdata is charged here). */
export function zksGasPerPubdata(): Hex {
  return numberToHex(DEFAULT_GAS_PER_PUBDATA);
}
