import { parseArgs } from 'node:util';
import { ConfigError, SETTINGS } from '../config';
import { RevisionError } from '../diff';
import { errorsOf, formatProblem, SeedValidationError } from '../seed';
import { operatorMessage } from '../store/operator-message';
import { diffCommand } from './commands/diff';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { mentionsCommand } from './commands/mentions';
import { seedCommand } from './commands/seed';
import { serveCommand } from './commands/serve';
import { statsCommand } from './commands/stats';
import { failWith, InputError, type Command } from './commands/types';
import { validateCommand } from './commands/validate';
import { verifyCommand } from './commands/verify';

/** Every kg command, in the order `kg help` lists them. One file per command. */
export const COMMANDS: Command[] = [
  validateCommand,
  verifyCommand,
  statsCommand,
  exportCommand,
  seedCommand,
  serveCommand,
  importCommand,
  mentionsCommand,
  diffCommand,
];

function usage(): string {
  // Long usages (export's filters) take a line of their own rather than widening every row.
  const width = Math.min(32, Math.max(...COMMANDS.map((c) => c.usage.length)));
  const ownLine = `\n  ${''.padEnd(width)}`;
  const variables = Object.keys(SETTINGS.shape).filter((k) => !k.startsWith('--'));
  const commands = COMMANDS.map(
    (c) => `  ${c.usage.padEnd(width)}${c.usage.length > width ? ownLine : ''}  ${c.summary}`,
  );
  const environment = `environment: ${variables.join(', ')} (see the README's configuration table)`;
  return ['usage: npm run kg -- <command> [options]', '', 'commands:', ...commands, '', environment].join('\n');
}

/** Runs one kg command, returning its exit code (tests call it in-process); only data goes to stdout, so it pipes. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || ['help', '--help', '-h'].includes(name)) {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return failWith(2, `kg: unknown command "${name}"\n\n${usage()}`);
  let args;
  try {
    args = parseArgs({ args: rest, options: command.options, allowPositionals: command.operands ?? false });
  } catch (err) {
    // Node's first sentence says what was wrong; its advice about "--" is for other programs.
    const what = (err as Error).message.split(/(?<=\.)\s|\. /)[0]!.replace(/\.$/, '');
    return failWith(2, `kg ${name}: ${what}\nusage: npm run kg -- ${command.usage}\n       ${command.summary}`);
  }
  try {
    return await command.run(args);
  } catch (err) {
    if (err instanceof ConfigError) return failWith(2, `kg ${name}: ${err.message}`);
    if (err instanceof InputError || err instanceof RevisionError) return failWith(2, `${name}: ${err.message}`);
    if (err instanceof SeedValidationError) {
      const errors = errorsOf(err.problems);
      for (const p of errors) console.error(formatProblem(p));
      return failWith(1, `kg ${name}: the seed files do not validate (${errors.length} error(s)); nothing loaded`);
    }
    return failWith(1, `kg ${name}: ${operatorMessage(err)}`);
  }
}
