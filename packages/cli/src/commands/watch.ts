import {
  getInteropMessageStatus,
  type InteropMessageStatus,
  interopMessageSentEvent,
  retryBlockOutOfRange,
} from '@interop/sdk';
import { INTEROP_CENTER_ADDRESS } from '@interop/sdk/core';
import type { Hex, PublicClient } from 'viem';
import { getBlockNumber, getLogs } from 'viem/actions';
import { parseCommandArgs } from '../args.js';
import type { CommandRun } from '../command.js';
import { candidateChains, cliClient, loadConfig, networkOptions, toJson } from '../config.js';
import { CliError } from '../errors.js';
import { chainLabel, formatChainId } from '../format.js';

type Watched = {
  interopHash: Hex;
  chainId: bigint;
  client: PublicClient;
  messageNum: bigint;
  stage: string;
  status: InteropMessageStatus | undefined;
  done: boolean;
};

type Source = { chainId: bigint; client: PublicClient; nextBlock: bigint; failing: boolean };

function stageOf(s: InteropMessageStatus): string {
  return s.status === 'imported' ? `imported on ${s.importedOn.join(',')}` : s.status;
}

function line(w: Watched): string {
  const s = w.status;
  const extra =
    s?.l1BatchNumber !== undefined
      ? ` batch ${s.l1BatchNumber}${s.settlementLayer.blockNumber !== undefined ? `, settlement block ${s.settlementLayer.blockNumber}` : ''}`
      : '';
  return `${new Date().toISOString().slice(11, 19)} ${chainLabel(w.chainId)} #${w.messageNum} ${w.interopHash} ${w.stage}${extra}`;
}

function table(list: Watched[]): string {
  const rows = list
    .slice(-30)
    .map((w) => `${formatChainId(w.chainId).padEnd(7)} ${String(w.messageNum).padEnd(6)} ${w.interopHash}  ${w.stage}`);
  return `\x1b[H\x1b[2J${'chain'.padEnd(7)} ${'#'.padEnd(6)} ${'interop hash'.padEnd(66)}  stage\n${rows.join('\n')}\n\n${list.length} message(s); Ctrl-C to stop\n`;
}

/** `interop watch`. */
export const watchCommand: CommandRun = {
  async run(argv) {
    const options = parseWatchOptions(argv);
    const sources = await openSources(options);
    const allChains = sources.map((s) => s.chainId);
    const watched = new Map<Hex, Watched>();
    const live = !options.json && process.stdout.isTTY === true;
    const emit = (w: Watched) => {
      if (options.json) {
        process.stdout.write(
          `${toJson({ interopHash: w.interopHash, chainId: w.chainId, messageNum: w.messageNum, stage: w.status?.status ?? 'sent', status: w.status })}\n`,
        );
      } else if (!live) {
        process.stdout.write(`${line(w)}\n`);
      }
    };
    const tick = async () => {
      const found = await Promise.all(sources.map((src) => pollNewMessages(src, watched, emit)));
      const advanced = await refreshStages(watched, allChains, emit);
      if (live && (found.some(Boolean) || advanced)) process.stdout.write(table([...watched.values()]));
    };
    if (live) process.stdout.write(table([]));
    return runUntilStopped(tick, options.interval, options.duration);
  },
};

type WatchOptions = {
  json: boolean;
  history: boolean;
  interval: number;
  duration: number | undefined;
  chains: ReturnType<typeof candidateChains>;
};

function parseWatchOptions(argv: string[]): WatchOptions {
  const { values, positionals } = parseCommandArgs(argv, {
    ...networkOptions,
    chain: { type: 'string' },
    history: { type: 'boolean', default: false },
    interval: { type: 'string', default: '500' },
    duration: { type: 'string' },
  });
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
  const interval = values.interval ?? '500';
  if (!/^\d+$/.test(interval) || Number(interval) < 10)
    throw new CliError('--interval must be a number of milliseconds ≥ 10');
  if (values.duration !== undefined && !/^\d+(\.\d+)?$/.test(values.duration))
    throw new CliError('--duration must be a number of seconds');
  const config = loadConfig({ dataDir: values['data-dir'] });
  return {
    json: values.json === true,
    history: values.history === true,
    interval: Number(interval),
    duration: values.duration === undefined ? undefined : Number(values.duration),
    chains: candidateChains(config, values),
  };
}

/** One source per watched chain, starting at its next block (or block 0 with --history). */
async function openSources(options: WatchOptions): Promise<Source[]> {
  const sources: Source[] = [];
  for (const c of options.chains) {
    const client = cliClient(c.rpcUrl);
    let head: bigint;
    try {
      head = await getBlockNumber(client, { cacheTime: 0 });
    } catch {
      throw new CliError(
        `RPC endpoint ${c.rpcUrl} is unreachable (is the devnet running? start it with \`interop devnet\`)`,
        2,
      );
    }
    const chainId = c.chainId ?? BigInt(await client.getChainId());
    sources.push({ chainId, client, nextBlock: options.history ? 0n : head + 1n, failing: false });
  }
  return sources;
}

/** Reads the source's new InteropMessageSent events and adds the new messages; true when there was one. */
async function pollNewMessages(src: Source, watched: Map<Hex, Watched>, emit: (w: Watched) => void): Promise<boolean> {
  let changed = false;
  try {
    const head = await getBlockNumber(src.client, { cacheTime: 0 });
    if (head < src.nextBlock) return false;
    const logs = await retryBlockOutOfRange(() =>
      getLogs(src.client, {
        address: INTEROP_CENTER_ADDRESS,
        event: interopMessageSentEvent,
        fromBlock: src.nextBlock,
        toBlock: head,
      }),
    );
    src.nextBlock = head + 1n;
    src.failing = false;
    for (const log of logs) {
      const hash = log.args.interopHash!;
      if (watched.has(hash)) continue;
      const w: Watched = {
        interopHash: hash,
        chainId: src.chainId,
        client: src.client,
        messageNum: log.args.messageNum!,
        stage: 'sent',
        status: undefined,
        done: false,
      };
      watched.set(hash, w);
      emit(w);
      changed = true;
    }
  } catch (err) {
    // One line per failure streak, not one per tick.
    if (!src.failing) {
      src.failing = true;
      process.stderr.write(
        `interop watch: ${chainLabel(src.chainId)}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`,
      );
    }
  }
  return changed;
}

/** Asks each unfinished message's status; true when one moved to another stage. */
async function refreshStages(
  watched: Map<Hex, Watched>,
  allChains: bigint[],
  emit: (w: Watched) => void,
): Promise<boolean> {
  let changed = false;
  await Promise.all(
    [...watched.values()]
      .filter((w) => !w.done)
      .map(async (w) => {
        try {
          const status = await getInteropMessageStatus(w.client, { interopHash: w.interopHash });
          const stage = stageOf(status);
          w.done = status.status === 'imported' && allChains.every((c) => status.importedOn.includes(c));
          if (stage !== w.stage) {
            w.stage = stage;
            w.status = status;
            emit(w);
            changed = true;
          }
        } catch {
          // a transient failure; the next tick asks again
        }
      }),
  );
  return changed;
}

/** Runs `tick` every `intervalMs` until SIGINT/SIGTERM or `durationS` seconds; resolves to exit code 0. */
function runUntilStopped(tick: () => Promise<void>, intervalMs: number, durationS: number | undefined) {
  return new Promise<number>((resolve) => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      clearTimeout(durationTimer);
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const durationTimer = durationS !== undefined ? setTimeout(stop, durationS * 1000) : undefined;
    const loop = async () => {
      if (stopped) return;
      await tick();
      if (!stopped) timer = setTimeout(loop, intervalMs);
    };
    void loop();
  });
}
