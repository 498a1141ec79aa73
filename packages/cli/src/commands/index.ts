// The command table: names, summaries and usage only. A command's code (and viem, the node, the devnet behind it)
// is imported when that command runs, so `interop --help` starts fast.
import type { CommandEntry } from '../command.js';
import {
  devnetUsage,
  explorerUsage,
  nodeUsage,
  proofUsage,
  proofVerifyUsage,
  sendUsage,
  statusUsage,
  verifyUsage,
  waitUsage,
  watchUsage,
} from './usage.js';

/** Every command of the CLI. Each lives in its own file in this folder. */
export const commands: CommandEntry[] = [
  {
    name: 'send',
    summary: 'send an interop message from a chain',
    usage: sendUsage,
    load: async () => (await import('./send.js')).sendCommand,
  },
  {
    name: 'status',
    summary: 'show where a message is (sent, sealed, executed, imported)',
    usage: statusUsage,
    load: async () => (await import('./status.js')).statusCommand,
  },
  {
    name: 'proof',
    summary: 'print the proof of a message (from the node, or rebuilt from the settlement layer)',
    usage: proofUsage,
    load: async () => (await import('./proof.js')).proofCommand,
  },
  {
    name: 'proof verify',
    summary: 'verify a message proof offline (optionally against a root or a chain)',
    usage: proofVerifyUsage,
    load: async () => (await import('./proof-verify.js')).proofVerifyCommand,
  },
  {
    name: 'verify',
    summary: 'verify a message on a chain (eth_call to its InteropCenter)',
    usage: verifyUsage,
    load: async () => (await import('./verify.js')).verifyCommand,
  },
  {
    name: 'wait',
    summary: 'wait until a message verifies on a chain, showing its progress',
    usage: waitUsage,
    load: async () => (await import('./wait.js')).waitCommand,
  },
  {
    name: 'watch',
    summary: 'live view of messages across chains and their stage',
    usage: watchUsage,
    load: async () => (await import('./watch.js')).watchCommand,
  },
  {
    name: 'node',
    summary: 'run the interop node (sequencer, root importer, proof RPC) from a JSON config',
    usage: nodeUsage,
    load: async () => (await import('./node.js')).nodeCommand,
  },
  {
    name: 'devnet',
    summary: 'run a local interop network (settlement layer + L2s, node, proofs)',
    usage: devnetUsage,
    load: async () => (await import('./devnet.js')).devnetCommand,
  },
  {
    name: 'explorer',
    summary: 'serve the explorer (web page) for a running node',
    usage: explorerUsage,
    load: async () => (await import('./explorer.js')).explorerCommand,
  },
];
