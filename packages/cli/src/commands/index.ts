import type { Command } from '../command.js';
import { devnetCommand } from './devnet.js';
import { explorerCommand } from './explorer.js';
import { nodeCommand } from './node.js';
import { proofCommand } from './proof.js';
import { proofVerifyCommand } from './proof-verify.js';
import { sendCommand } from './send.js';
import { statusCommand } from './status.js';
import { verifyCommand } from './verify.js';
import { waitCommand } from './wait.js';
import { watchCommand } from './watch.js';

/** Every command of the CLI. Each lives in its own file in this folder. */
export const commands: Command[] = [
  sendCommand,
  statusCommand,
  proofCommand,
  proofVerifyCommand,
  verifyCommand,
  waitCommand,
  watchCommand,
  nodeCommand,
  devnetCommand,
  explorerCommand,
];
