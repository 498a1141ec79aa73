import { startAnvil } from '@interop/devnet';
import { describe, expect, it } from 'vitest';
import { rpc } from '../helpers/rpc.js';

describe('startAnvil', () => {
  it('starts anvil on a free port with the chain id asked for, and stops it', async () => {
    const anvil = await startAnvil({ chainId: 271 });
    try {
      expect(await rpc<string>(anvil.rpcUrl, 'eth_chainId')).toBe('0x10f');
    } finally {
      await anvil.stop();
    }
    expect(anvil.process.exitCode !== null || anvil.process.signalCode !== null).toBe(true);
    await expect(fetch(anvil.rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
