import type { DevnetInfo } from './types.js';

function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** The human summary printed once the devnet is up: chains, contracts, accounts. */
export function formatDevnetSummary(info: DevnetInfo): string {
  const out: string[] = [];
  out.push('Chains', '');
  out.push(
    ...table(
      ['name', 'chain id', 'settles on', 'rpc url'],
      [
        [info.gateway ? 'L1' : 'settlement layer', String(info.l1.chainId), '-', info.l1.rpcUrl],
        ...(info.gateway
          ? [['Gateway', String(info.gateway.chainId), String(info.l1.chainId), info.gateway.rpcUrl]]
          : []),
        ...info.l2s.map((c, i) => [`L2 #${i + 1}`, String(c.chainId), String(c.settlesOn), c.rpcUrl]),
      ],
    ),
  );
  if (info.explorer) out.push('', `explorer  ${info.explorer.url}`);
  out.push('', 'Contracts', '');
  out.push(
    ...table(
      ['name', 'address'],
      Object.entries(info.contracts).map(([name, address]) => [name, address]),
    ),
  );
  out.push('', 'Funded accounts (10,000 ETH on every chain; anvil\'s default mnemonic "test test … junk")', '');
  out.push(
    ...table(
      ['#', 'address', 'private key'],
      info.accounts.map((a, i) => [String(i), a.address, a.privateKey]),
    ),
  );
  out.push('', 'The devnet sends only from its own keys, never from the accounts above:');
  for (const s of info.devnetSenders) out.push(`  ${s.label.padEnd(22)} ${s.address}`);
  const mining =
    info.blockTime === undefined
      ? 'a block per transaction'
      : `the L2s a block every ${info.blockTime} s, the settlement layer a block per transaction`;
  out.push('', `Batches every ${info.batchMs} ms; mining: ${mining}. Data dir: ${info.dataDir}`);
  return out.join('\n');
}
