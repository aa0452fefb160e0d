/** A `kg` subcommand: its usage line for help, and a run that returns the exit code. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}
