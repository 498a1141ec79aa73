import type { Command } from '../command.js';

/** Every command of the CLI. Each lives in its own file in this folder. */
export const commands: Command[] = [];
