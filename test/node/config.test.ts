import { NodeConfigError, resolveNodeConfig } from '@interop/node';
import { describe, expect, it } from 'vitest';

const key = `0x${'11'.repeat(32)}`;
const valid = {
  settlement: {
    chainId: 9,
    rpcUrl: 'http://127.0.0.1:8545',
    contracts: { settlement: '0x5FbDB2315678afecb367f032d93F642f64180aa3', deployBlockNumber: '0x3' },
  },
  chains: [
    { chainId: '271', rpcUrl: 'http://127.0.0.1:9271', port: 0, operatorPrivateKey: key, systemCaller: 'impersonate' },
  ],
  dataDir: '/tmp/x',
};

describe('resolveNodeConfig', () => {
  it('fills defaults and normalises chain ids', () => {
    const c = resolveNodeConfig(valid);
    expect(c.settlement.chainId).toBe(9n);
    expect(c.chains[0].chainId).toBe(271n);
    expect(c.settlement.startBlock).toBe(3);
    expect(c.batchMs).toBe(250);
    expect(c.maxLogsPerBatch).toBe(16384);
    expect(c.maxCommitGas).toBe(15_000_000);
    expect(c.maxCommitBytes).toBe(900_000);
    expect(c.maxUnsettledBatches).toBe(8);
    expect(c.passThroughMethods).toContain('eth_sendRawTransaction');
    expect(c.passThroughMethods).not.toContain('eth_sendTransaction');
    expect(c.allowedOrigins).toEqual(['http://127.0.0.1:*', 'http://localhost:*', 'http://[::1]:*']);
    expect(c.host).toBe('127.0.0.1');
  });

  it.each([
    ['settlement.contracts.settlement', { ...valid, settlement: { ...valid.settlement, contracts: {} } }],
    ['chains must be a non-empty array', { ...valid, chains: [] }],
    ['chains[0].operatorPrivateKey', { ...valid, chains: [{ ...valid.chains[0], operatorPrivateKey: '0x12' }] }],
    ['chains[0].port', { ...valid, chains: [{ ...valid.chains[0], port: 70000 }] }],
    ['chains[0].rpcUrl', { ...valid, chains: [{ ...valid.chains[0], rpcUrl: 'localhost' }] }],
    ['same chainId', { ...valid, chains: [valid.chains[0], valid.chains[0]] }],
    ['settlement layer chainId', { ...valid, chains: [{ ...valid.chains[0], chainId: 9 }] }],
    ['batchMs', { ...valid, batchMs: 0 }],
    ['systemCaller', { ...valid, chains: [{ ...valid.chains[0], systemCaller: 'sudo' }] }],
    // A block at L1Messenger's per-block limit (4,096 messages) must stay committable.
    // Never a silent default to impersonation.
    ['chains[0].systemCaller is required', { ...valid, chains: [{ ...valid.chains[0], systemCaller: undefined }] }],
    ['passThroughMethods', { ...valid, passThroughMethods: ['eth_chainId', 'not a method'] }],
    ['allowedOrigins', { ...valid, allowedOrigins: ['evil.example'] }],
    ['protectedSenders', { ...valid, protectedSenders: ['0x12'] }],
    ['maxCommitGas', { ...valid, maxCommitGas: 10_000_000 }],
    ['maxCommitBytes', { ...valid, maxCommitBytes: 400_000 }],
    ['maxUnsettledBatches', { ...valid, maxUnsettledBatches: 0 }],
  ])('names the wrong field: %s', (field, config) => {
    expect(() => resolveNodeConfig(config)).toThrow(NodeConfigError);
    expect(() => resolveNodeConfig(config)).toThrow(field);
  });
});
