import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isMap, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { REPO_ROOT, setting } from '../config';
import type { Question } from '../model/questions';
import { errorsOf, formatProblem, readTextFile, yamlErrorProblems, type Problem } from '../seed';
import { QuestionSchema } from './schema';

/**
 * Reads the question files (`questions/*.yaml`, one question per file) and reports every problem
 * at its file and line the way the seed loader does: YAML errors through the seed's own
 * reporting, schema issues at the line of the field they are about.
 */

export const QUESTIONS_DIR = path.join(REPO_ROOT, 'questions');

/** Alias expansion cap, as for the seed: defuses "billion laughs" YAML bombs. */
const MAX_ALIAS_COUNT = 100;

/** Thrown when a question folder does not validate; carries every problem, each as file:line. */
export class QuestionFilesError extends Error {
  override readonly name = 'QuestionFilesError';
  constructor(readonly problems: readonly Problem[]) {
    const errors = errorsOf(problems);
    super(
      `${errors.length} problem${errors.length === 1 ? '' : 's'} in the question files:\n${errors.map(formatProblem).join('\n')}`,
    );
  }
}

/** Parses one question file; `question` is set only when it has no problem. */
export function parseQuestionFile(
  file: string,
  text: string,
): { question?: Question; idLine?: number; problems: Problem[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const problems = yamlErrorProblems(file, doc, counter);
  if (problems.length > 0) return { problems };
  const lineAt = (node: unknown): number => {
    const offset = (node as YamlNode | null)?.range?.[0];
    return offset === undefined ? 1 : counter.linePos(offset).line;
  };
  if (!isMap(doc.contents)) {
    const message = 'a question file holds one mapping (id, title, description, parameters, recipe)';
    return { problems: [{ severity: 'error', file, line: lineAt(doc.contents), message }] };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return { problems: [{ severity: 'error', file, line: 1, message: (e as Error).message.split('\n')[0]! }] };
  }
  const lineOf = (keys: PropertyKey[]): number => {
    for (let n = keys.length; n > 0; n--) {
      const found = doc.getIn(keys.slice(0, n), true);
      if (found && typeof found === 'object' && 'range' in found) return lineAt(found);
    }
    return lineAt(doc.contents);
  };
  const parsed = QuestionSchema.safeParse(raw);
  if (parsed.success) return { question: parsed.data, idLine: lineOf(['id']), problems };
  const subject = typeof (raw as { id?: unknown }).id === 'string' ? `question ${(raw as { id: string }).id}` : '';
  for (const issue of parsed.error.issues) {
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
    const field = [...issue.path, ...(unknown ? [unknown.join(', ')] : [])].join('.');
    problems.push({
      severity: 'error',
      file,
      line: lineOf([...issue.path, ...(unknown?.slice(0, 1) ?? [])]),
      ...(subject ? { subject } : {}),
      ...(field ? { field } : {}),
      message: unknown ? `unknown field${unknown.length > 1 ? 's' : ''}; check the spelling` : issue.message,
    });
  }
  return { problems };
}

/**
 * Every question of a folder, in id order, or QuestionFilesError with every problem found
 * (all or nothing, like the seed: a server never answers from half its questions).
 */
export function loadQuestions(dir: string = path.resolve(setting('KG_QUESTIONS_DIR') ?? QUESTIONS_DIR)): Question[] {
  const problems: Problem[] = [];
  const questions: Question[] = [];
  const seen = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n));
  } catch (e) {
    const message = `cannot read the question folder: ${(e as Error).message}`;
    throw new QuestionFilesError([{ severity: 'error', file: dir, line: 1, message }]);
  }
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    // Named as a person at the terminal would open it.
    const shown = path.relative(process.cwd(), file) || file;
    const read = readTextFile(file, shown);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const result = parseQuestionFile(shown, read.text);
    problems.push(...result.problems);
    const q = result.question;
    if (!q) continue;
    const earlier = seen.get(q.id);
    if (earlier) {
      const message = `question id "${q.id}" is already used by ${earlier}`;
      problems.push({ severity: 'error', file: shown, line: result.idLine!, field: 'id', message });
      continue;
    }
    seen.set(q.id, shown);
    questions.push(q);
  }
  if (errorsOf(problems).length > 0) throw new QuestionFilesError(problems);
  return questions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
