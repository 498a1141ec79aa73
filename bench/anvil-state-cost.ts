// What one block costs anvil as its state grows: the wall the settlement layer's batch rate meets with history.
// Each settled batch leaves two new storage slots on the settlement layer (its root and the block's message root)
// and one on every L2 that imports the root, and anvil mines every transaction of the devnet's automine chains in
// a block of its own. This measures anvil alone (no node, no project contract): a contract that writes new slots
// (the filler) grows the state to each --sizes total, then --samples transactions to a second, small contract that
// each write 2 new slots (like a settled batch) are sent one at a time, and anvil's CPU and the wall time per
// transaction are printed. The measured contract's own storage stays small, so a cost that grows with the filler's
// slots is anvil's per-block work over the whole state (its state root), not the contract's.
// Run: npm run build && node dist/bench/anvil-state-cost.js [--sizes 0,50000,100000,200000] [--samples 300]
//        [--anvil-args '--prune-history'] (extra anvil arguments, space-separated)
import { loadavg } from 'node:os';
import { startAnvil } from '@interop/devnet';
import type { Address, Hex } from 'viem';
import { flags, rpc } from './devnet-common.js';
import { cpuSeconds } from './drain-load.js';

const opts = flags({ sizes: '0,50000,100000,200000', samples: '300', 'anvil-args': '' });
const FILL_SLOTS_PER_TX = 100;

// Runtime code: `count` times SSTORE(NUMBER * 256 + i, 1), then STOP — new slots in every block that calls it.
function slotWriterRuntime(count: number): string {
  let code = '';
  for (let i = 0; i < count; i++) code += `6001${`60${i.toString(16).padStart(2, '0')}`}43610100020155`;
  return `${code}00`;
}

// Init code that returns `runtime`: PUSH2 len, DUP1, PUSH1 14 (this prefix's length), PUSH1 0, CODECOPY, PUSH1 0, RETURN.
function deployCode(runtime: string): Hex {
  const len = (runtime.length / 2).toString(16).padStart(4, '0');
  return `0x61${len}80600e6000396000f3${runtime}`;
}

const extraArgs = opts['anvil-args'] === '' ? [] : opts['anvil-args'].split(' ');
const anvil = await startAnvil({ chainId: 31337, args: ['--gas-limit', '100000000', ...extraArgs] });
try {
  const url = anvil.rpcUrl;
  const [from] = await rpc<Address[]>(url, 'eth_accounts');
  const send = (tx: Record<string, unknown>) =>
    rpc<Hex>(url, 'eth_sendTransaction', [{ from, gas: '0x1000000', ...tx }]);
  const mined = async (hash: Hex) => {
    for (;;) {
      const r = await rpc<{ contractAddress: Address | null } | null>(url, 'eth_getTransactionReceipt', [hash]);
      if (r) return r;
    }
  };
  const deploy = async (slots: number) =>
    (await mined(await send({ data: deployCode(slotWriterRuntime(slots)) }))).contractAddress!;
  const filler = await deploy(FILL_SLOTS_PER_TX);
  const measured = await deploy(2);
  const perTx = async (to: Address) => {
    const cpu0 = cpuSeconds(anvil.pid);
    const t0 = performance.now();
    for (let i = 0; i < Number(opts.samples); i++) await mined(await send({ to }));
    const n = Number(opts.samples);
    return { cpuMs: ((cpuSeconds(anvil.pid) - cpu0) * 1000) / n, wallMs: (performance.now() - t0) / n };
  };
  console.log(`anvil state cost, ${new Date().toISOString()}, load average ${loadavg()[0].toFixed(1)}`);
  console.log('state slots  anvil CPU ms/tx  wall ms/tx');
  let slots = 0;
  for (const size of opts.sizes.split(',').map(Number)) {
    while (slots < size) {
      await mined(await send({ to: filler }));
      slots += FILL_SLOTS_PER_TX;
    }
    const r = await perTx(measured);
    slots += 2 * Number(opts.samples);
    console.log([slots, r.cpuMs.toFixed(2), r.wallMs.toFixed(2)].join('\t'));
  }
  console.log(`load average at the end ${loadavg()[0].toFixed(1)}`);
} finally {
  await anvil.stop();
}
