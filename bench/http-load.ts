// A lean HTTP/1.1 load generator for loopback benchmarks: N keep-alive connections over raw sockets, each with
// one request in flight (so N is the concurrency), requests built once as bytes. On a 2-core machine the client
// shares the CPU with the server it measures; node:http's client (or fetch) spends about as much CPU per call as
// the server does, so it would cap the figure. This one only finds the end of each response (Content-Length) and
// checks it with byte searches; callers check a sample of answers in full with a real JSON parse.
import { connect, type Socket } from 'node:net';

/** What {@link runHttpLoad} measured. */
export type HttpLoadResult = {
  /** Completed responses with status 200. */
  responses: number;
  /** Per response, ms from write to the last byte read. */
  latencies: number[];
  seconds: number;
  /** Responses other than 200 and broken connections. */
  failures: number;
  /** One response body per connection (its first), for a full check by the caller. */
  samples: Buffer[];
  /** `check`'s sum over every body. */
  checked: number;
};

const HEADER_END = Buffer.from('\r\n\r\n');

/** A POST of `body` to `url` as raw HTTP/1.1 bytes (keep-alive is HTTP/1.1's default). */
export function postRequestBytes(url: string, body: string): Buffer {
  const u = new URL(url);
  const payload = Buffer.from(body);
  return Buffer.concat([
    Buffer.from(
      `POST ${u.pathname} HTTP/1.1\r\nhost: ${u.host}\r\ncontent-type: application/json\r\n` +
        `content-length: ${payload.length}\r\n\r\n`,
    ),
    payload,
  ]);
}

// Index of the end of the headers and the body's length, or undefined while the headers are incomplete.
function responseHead(data: Buffer): { bodyStart: number; length: number; status: number } | undefined {
  const end = data.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const head = data.toString('latin1', 0, end).toLowerCase();
  const at = head.indexOf('\r\ncontent-length:');
  if (at < 0) throw new Error('response without content-length');
  const length = Number.parseInt(head.slice(at + 17), 10);
  return { bodyStart: end + 4, length, status: Number(head.slice(9, 12)) };
}

/**
 * Sends requests (`requests[i % requests.length]`, i counting across connections) over `concurrency` keep-alive
 * connections for `durationMs`; `check(body)` returns a count summed into `checked` (e.g. the proofs found).
 */
export async function runHttpLoad(p: {
  url: string;
  requests: Buffer[];
  concurrency: number;
  durationMs: number;
  check: (body: Buffer) => number;
}): Promise<HttpLoadResult> {
  const u = new URL(p.url);
  const result: HttpLoadResult = { responses: 0, latencies: [], seconds: 0, failures: 0, samples: [], checked: 0 };
  let next = 0;
  const t0 = performance.now();
  const end = t0 + p.durationMs;
  const runConnection = (socket: Socket, done: () => void) => {
    let pending: Buffer = Buffer.alloc(0);
    let sentAt = 0;
    let first = true;
    const send = () => {
      if (performance.now() >= end) {
        socket.end();
        done();
        return;
      }
      sentAt = performance.now();
      socket.write(p.requests[next++ % p.requests.length]);
    };
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const head = responseHead(pending);
      if (!head || pending.length < head.bodyStart + head.length) return;
      const body = pending.subarray(head.bodyStart, head.bodyStart + head.length);
      pending = pending.subarray(head.bodyStart + head.length);
      result.latencies.push(performance.now() - sentAt);
      if (head.status !== 200) result.failures++;
      else result.responses++;
      result.checked += p.check(body);
      if (first) result.samples.push(Buffer.from(body));
      first = false;
      send();
    });
    send();
  };
  await Promise.all(
    Array.from(
      { length: p.concurrency },
      () =>
        new Promise<void>((resolve) => {
          const socket = connect({ host: u.hostname, port: Number(u.port), noDelay: true }, () =>
            runConnection(socket, resolve),
          );
          socket.on('error', () => {
            result.failures++;
            resolve();
          });
        }),
    ),
  );
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}

/** How many times `needle` occurs in `haystack` (byte search, no parsing). */
export function countOccurrences(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}
