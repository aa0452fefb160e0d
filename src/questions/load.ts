import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isMap, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { REPO_ROOT, setting } from '../config';
import { byCodeUnits } from '../model';
import { QuestionSchema, type Question } from '../model/questions';
import { errorsOf, formatProblem, readTextFile, yamlErrorProblems, type Problem } from '../seed';

export const QUESTIONS_DIR = path.join(REPO_ROOT, 'questions');

/** Alias expansion cap, as for the seed: defuses "billion laughs" YAML bombs. */
const MAX_ALIAS_COUNT = 100;

/** Thrown when a question folder does not validate; carries every problem, each as file:line. */
export class QuestionFilesError extends Error {
  override readonly name = 'QuestionFilesError';
  constructor(readonly problems: readonly Problem[]) {
    const errors = errorsOf(problems).map(formatProblem);
    super(`${errors.length} problem${errors.length === 1 ? '' : 's'} in the question files:\n${errors.join('\n')}`);
  }
}

type Parsed = { question?: Question; idLine?: number; problems: Problem[] };

/** One question file, reported as the seed's are: YAML errors the seed's way, schema issues at their field's line. */
function parseQuestionFile(file: string, text: string): Parsed {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  // The line of the deepest node of the path that the file has (of the whole mapping for none).
  const lineOf = (keys: PropertyKey[] = []): number => {
    for (let n = keys.length; n >= 0; n--) {
      const offset = ((n > 0 ? doc.getIn(keys.slice(0, n), true) : doc.contents) as YamlNode | null)?.range?.[0];
      if (offset !== undefined) return counter.linePos(offset).line;
    }
    return 1;
  };
  const fail = (line: number, message: string): Parsed => ({ problems: [{ severity: 'error', file, line, message }] });
  const problems = yamlErrorProblems(file, doc, counter);
  if (problems.length > 0) return { problems };
  if (!isMap(doc.contents))
    return fail(lineOf(), 'a question file holds one mapping (id, title, description, parameters, recipe)');
  let raw: { id?: unknown };
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return fail(1, (e as Error).message.split('\n')[0]!);
  }
  const parsed = QuestionSchema.safeParse(raw);
  if (parsed.success) return { question: parsed.data, idLine: lineOf(['id']), problems };
  const subject = typeof raw.id === 'string' ? { subject: `question ${raw.id}` } : {};
  const issues = parsed.error.issues.map((issue): Problem => {
    // An unknown field is placed at its own line, and named.
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const field = [...issue.path, ...(unknown.length > 0 ? [unknown.join(', ')] : [])].join('.');
    const message =
      unknown.length > 0 ? `unknown field${unknown.length > 1 ? 's' : ''}; check the spelling` : issue.message;
    const line = lineOf([...issue.path, ...unknown.slice(0, 1)]);
    return { severity: 'error', file, line, message, ...subject, ...(field && { field }) };
  });
  return { problems: issues };
}

/** A folder's questions by id, or QuestionFilesError: all or nothing, so a server never answers from half of them. */
export function loadQuestions(dir: string = path.resolve(setting('KG_QUESTIONS_DIR') ?? QUESTIONS_DIR)): Question[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n));
  } catch (e) {
    const message = `cannot read the question folder: ${(e as Error).message}`;
    throw new QuestionFilesError([{ severity: 'error', file: dir, line: 1, message }]);
  }
  const problems: Problem[] = [];
  const fileOf = new Map<string, string>();
  const questions: Question[] = [];
  for (const name of names.sort()) {
    // Named as a person at the terminal would open it.
    const file = path.relative(process.cwd(), path.join(dir, name));
    const read = readTextFile(path.join(dir, name), file);
    const parsed: Parsed = read.ok ? parseQuestionFile(file, read.text) : { problems: [read.problem] };
    problems.push(...parsed.problems);
    const q = parsed.question;
    if (!q) continue;
    const message = `question id "${q.id}" is already used by ${fileOf.get(q.id)}`;
    if (fileOf.has(q.id)) problems.push({ severity: 'error', file, line: parsed.idLine!, field: 'id', message });
    else fileOf.set(q.id, file);
    questions.push(q);
  }
  if (errorsOf(problems).length > 0) throw new QuestionFilesError(problems);
  return questions.sort((a, b) => byCodeUnits(a.id, b.id));
}
