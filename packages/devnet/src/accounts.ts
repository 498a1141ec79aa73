import { type Address, type Hex, keccak256, toHex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';

/** A funded account of the devnet. */
export type DevnetAccount = { address: Address; privateKey: Hex };

/**
 * The first ten keys of anvil's default mnemonic ("test test … junk", path m/44'/60'/0'/0/i).
 * Every devnet chain funds them with 10,000 ETH. The devnet itself never sends from them,
 * so users own their nonces.
 */
export const ANVIL_DEFAULT_PRIVATE_KEYS: readonly Hex[] = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
  '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e',
  '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356',
  '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97',
  '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6',
];

/** The user accounts of the devnet: anvil's ten default keys, in order. */
export function getDevnetAccounts(): DevnetAccount[] {
  return ANVIL_DEFAULT_PRIVATE_KEYS.map((privateKey) => ({ address: privateKeyToAddress(privateKey), privateKey }));
}

// The devnet's own keys are derived from fixed labels rather than taken from anvil's list, so a
// user sending from any default account never races the deployer or an operator for a nonce.
function labelKey(label: string): Hex {
  return keccak256(toHex(`interop devnet ${label}`));
}

/** Key that deploys and owns the settlement-layer contracts (funded on the settlement layer at start). */
export const DEVNET_DEPLOYER_PRIVATE_KEY: Hex = labelKey('deployer');

/** Key of the operator that commits and executes the batches of `chainId` on the settlement layer. */
export function getOperatorPrivateKey(chainId: bigint): Hex {
  return labelKey(`operator ${chainId}`);
}

/**
 * Key of InteropCenter's system caller on `chainId`: the only account that imports roots there. The node signs
 * its import transactions with it, and its endpoints refuse anyone else's transaction from that address.
 */
export function getSystemCallerPrivateKey(chainId: bigint): Hex {
  return labelKey(`system caller ${chainId}`);
}
