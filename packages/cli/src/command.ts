/** One CLI command. `name` may have several words ("proof verify"). */
export type Command = {
  name: string;
  summary: string;
  usage: string;
  /** Runs the command and resolves to the exit code. Throw CliError for bad input. */
  run(argv: string[]): Promise<number>;
};
