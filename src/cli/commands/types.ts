import type { parseArgs, ParseArgsConfig } from 'node:util';
import { knowledgeRoots, loadConfig, type AppConfig } from '../../config';
import { errorsOf, formatProblem, loadKnowledgeBase, seedFiles } from '../../seed';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A `kg` subcommand; an option it does not take, or an unwanted operand, is refused (exit 2) before `run`. */
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

/** Input a command cannot use: kg prints it after the command's name, as "diff: no such folder", and exits 2. */
export class InputError extends Error {}

/** Says why on stderr and gives the exit code, as in `if (...) return failWith(2, 'export: ...')`. */
export function failWith(code: 1 | 2, message: string): number {
  console.error(message);
  return code;
}

/** Says, in one line, which checks a command could not make without the source texts (nothing when it has them). */
export function noticeSkippedChecks(config: AppConfig, command: string, also: readonly string[] = []): void {
  if (config.sourcesDir || !config.sourcesMissing) return;
  // What the loader checks against the source texts (src/seed/cross-check.ts), then the command's own.
  const checks = [
    'whether each source file is in the sources folder',
    'whether each cited paragraph exists in its source',
  ];
  const skipped = [...checks, ...also].join('; ');
  console.error(`notice: ${command}: no source texts, ${config.sourcesMissing.reason}; skipped: ${skipped}`);
}

/** The seed with the imported claims as validate and seed read it, every problem printed; `files` counts files read. */
export function loadPrintingProblems(command: string) {
  const config = loadConfig();
  const roots = knowledgeRoots(config);
  const { kb, problems } = loadKnowledgeBase(roots, { sourcesDir: config.sourcesDir });
  for (const p of problems) console.error(formatProblem(p));
  noticeSkippedChecks(config, command);
  const files = roots.flatMap((root) => Object.values(seedFiles(root)).flat()).length;
  const counts = kb && `${kb.sources.length} sources, ${kb.entities.length} entities, ${kb.relations.length} relations`;
  return { kb, problems, errors: errorsOf(problems).length, files, counts };
}
