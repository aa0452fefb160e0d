import type { ParseArgsConfig } from 'node:util';

/**
 * A `kg` subcommand: its usage line for help (which names every option), the options it takes,
 * and a run that returns the exit code. The command line runs each command only after checking
 * its arguments against `options`: an option it does not take is refused (exit 2), never ignored.
 */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether it takes operands (file names); without, an operand is refused like an unknown option. */
  operands?: boolean;
  run(args: string[]): Promise<number>;
}

/** Says why on stderr and gives the exit code, as in `if (...) return failWith(2, 'export: ...')`. */
export function failWith(code: 1 | 2, message: string): number {
  console.error(message);
  return code;
}
