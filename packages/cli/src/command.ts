/** What a command does: runs with its arguments (after the command's name) and resolves to the exit code. */
export type CommandRun = {
  /** Throw CliError for bad input. */
  run(argv: string[]): Promise<number>;
};

/** One entry of the command table. `name` may have several words ("proof verify"). */
export type CommandEntry = {
  name: string;
  summary: string;
  usage: string;
  /** Imports the command's code. */
  load: () => Promise<CommandRun>;
};
