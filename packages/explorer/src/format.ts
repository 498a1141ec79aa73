// Small display helpers.
import type { Hex } from 'viem';

/** 0x1234…abcd */
export function shortHash(hash: string, keep = 6): string {
  return hash.length <= 2 + keep * 2 + 1 ? hash : `${hash.slice(0, 2 + keep)}…${hash.slice(-keep)}`;
}

/** "12 s ago", "3 min ago" … from unix seconds. */
export function ago(seconds: number | null | undefined, now = Date.now() / 1000): string {
  if (seconds === null || seconds === undefined) return '—';
  const d = Math.max(0, Math.round(now - seconds));
  if (d < 60) return `${d} s ago`;
  if (d < 3600) return `${Math.floor(d / 60)} min ago`;
  if (d < 86400) return `${Math.floor(d / 3600)} h ago`;
  return `${Math.floor(d / 86400)} d ago`;
}

/** Local date and time of unix seconds. */
export function time(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  return new Date(seconds * 1000).toLocaleString();
}

/** The bytes as text when they are printable UTF-8, else undefined. */
export function printable(data: Hex): string | undefined {
  if (data.length <= 2) return undefined;
  const bytes = new Uint8Array((data.length - 2) / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(data.slice(2 + i * 2, 4 + i * 2), 16);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // Printable: no control characters other than tab and newlines.
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return undefined;
  }
  return text;
}
