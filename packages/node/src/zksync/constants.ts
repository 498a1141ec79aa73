/** Transaction type byte of ZKsync's EIP-712 transactions. */
export const EIP712_TX_TYPE = 0x71;

/**
 * Gas per pubdata byte this node reports. No pubdata is charged on a plain EVM chain; the value is the default
 * ZKsync tooling signs with, so transactions built from it are never refused for it.
 */
export const DEFAULT_GAS_PER_PUBDATA = 50_000n;

/** Name and version of ZKsync's EIP-712 domain (the chain id completes it). */
export const ZKSYNC_EIP712_DOMAIN = { name: 'zkSync', version: '2' } as const;

/** The struct a ZKsync account signs; addresses are typed uint256 on purpose (that is how ZKsync defines it). */
export const ZKSYNC_EIP712_TYPES = {
  Transaction: [
    { name: 'txType', type: 'uint256' },
    { name: 'from', type: 'uint256' },
    { name: 'to', type: 'uint256' },
    { name: 'gasLimit', type: 'uint256' },
    { name: 'gasPerPubdataByteLimit', type: 'uint256' },
    { name: 'maxFeePerGas', type: 'uint256' },
    { name: 'maxPriorityFeePerGas', type: 'uint256' },
    { name: 'paymaster', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'value', type: 'uint256' },
    { name: 'data', type: 'bytes' },
    { name: 'factoryDeps', type: 'bytes32[]' },
    { name: 'paymasterInput', type: 'bytes' },
  ],
} as const;
