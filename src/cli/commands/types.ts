import type { parseArgs, ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A `kg` subcommand. kg parses its arguments against `options` before `run`: an option it does not
 * take, or an operand where it takes none, is refused (exit 2), never ignored.
 */
export interface Command<O extends Options = Options> {
  name: string;
  usage: string;
  summary: string;
  options: O;
  operands?: boolean;
  run(args: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>): Promise<number>;
}

/** A command whose `run` sees its options typed. */
export const command = <const O extends Options>(c: Command<O>): Command => c;

/** Says why on stderr and gives the exit code, as in `if (...) return failWith(2, 'export: ...')`. */
export function failWith(code: 1 | 2, message: string): number {
  console.error(message);
  return code;
}
