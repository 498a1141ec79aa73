import { startAnvil } from '@interop/devnet';
import { describe, expect, it } from 'vitest';

describe('startAnvil', () => {
  it('starts anvil on a free port with the chain id asked for, and stops it', async () => {
    const anvil = await startAnvil({ chainId: 271 });
    try {
      const res = await fetch(anvil.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      expect(((await res.json()) as { result: string }).result).toBe('0x10f');
    } finally {
      await anvil.stop();
    }
    expect(anvil.process.exitCode !== null || anvil.process.signalCode !== null).toBe(true);
    await expect(fetch(anvil.rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
