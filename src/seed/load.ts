import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isDirectory } from '../config';
import { relationKey, type KnowledgeBase } from '../model';
import { crossCheck, ITEMS, type ReadItems } from './cross-check';
import { readPlainSeedList } from './plain-yaml';
import { errorsOf, SeedValidationError, type Problem } from './problems';
import { readTextFile } from './text-file';
import { parseYamlList, type LocatedItem } from './yaml-file';

/**
 * `sourcesDir`: when given, citations are checked against the source texts (the paragraph must exist). `displayRoot`:
 * paths in messages are shown relative to it (default: the working directory).
 */
export type LoadOptions = { sourcesDir?: string; displayRoot?: string };

/** Where entity or relation number i (its index in `kb.entities` / `kb.relations`) was read, or one of its fields (`evidence.0`). */
type Locate = (index: number, field?: string) => Pick<Problem, 'file' | 'line'>;
export type KnowledgeBaseLocator = { entity: Locate; relation: Locate };

/** `kb` (with where its items were read) only when there is no error: it is loaded whole or not at all. */
export type LoadResult = { kb?: KnowledgeBase; locate?: KnowledgeBaseLocator; problems: Problem[] };

/** Seed file layout: `sources.yaml`, `entities/*.yaml`, `relations/*.yaml` under one root. */
export function seedFiles(root: string) {
  const yamlIn = (dir: string) =>
    (isDirectory(dir) ? readdirSync(dir) : []).flatMap((f) => (/\.ya?ml$/.test(f) ? [path.join(dir, f)] : [])).sort();
  const sourcesFile = path.join(root, 'sources.yaml');
  return {
    sources: existsSync(sourcesFile) ? [sourcesFile] : [],
    entities: yamlIn(path.join(root, 'entities')),
    relations: yamlIn(path.join(root, 'relations')),
  };
}

/** A source or entity file none of whose items could be read; `text` is null when it is not text. */
type UnreadableFile = { defines: 'source' | 'entity'; file: string; line: number; text: string | null };

/** Reads and validates a knowledge base from the seed folder, then any claim folders; every problem in one pass. */
export function loadKnowledgeBase(roots: string | string[], options: LoadOptions = {}): LoadResult {
  const display = (f: string) => path.relative(options.displayRoot ?? process.cwd(), f) || f;
  const problems: Problem[] = [];
  const read: ReadItems = { sources: [], entities: [], relations: [], rejected: { entity: [], relation: [] } };
  const unreadable: UnreadableFile[] = [];
  const readFile = <T>(file: string, kind: keyof typeof ITEMS, into: LocatedItem<T>[]) => {
    const shown = display(file);
    const content = readTextFile(file, shown);
    const result = content.ok ? readSeedFile(shown, content.text, kind) : { items: [], problems: [content.problem] };
    for (const p of result.problems) problems.push(p);
    const text = content.ok ? content.text : null;
    if ((text === null || result.unreadable) && kind !== 'relation')
      unreadable.push({ defines: kind, file: shown, line: result.problems[0]!.line, text });
    // Loops, not push(...): a file may hold more items than a call takes arguments.
    if (kind !== 'source') for (const r of result.rejected ?? []) read.rejected[kind].push(r);
    for (const item of result.items) into.push(item as LocatedItem<T>);
  };

  for (const root of [roots].flat()) {
    // A missing folder lists no files.
    if (!existsSync(root))
      problems.push({ severity: 'error', file: display(root), line: 1, message: 'seed folder does not exist' });
    const layout = seedFiles(root);
    for (const f of layout.sources) readFile(f, 'source', read.sources);
    for (const f of layout.entities) readFile(f, 'entity', read.entities);
    for (const f of layout.relations) readFile(f, 'relation', read.relations);
  }

  const kb: KnowledgeBase = {
    sources: read.sources.map((s) => s.value),
    entities: read.entities.map((e) => e.value),
    relations: read.relations.map((r) => Object.assign(r.value, { key: relationKey(r.value) })),
  };
  problems.push(...summariseConsequences(crossCheck(kb, read, options.sourcesDir), unreadable));
  if (errorsOf(problems).length > 0) return { problems };
  const place = (items: LocatedItem<unknown>[]) => (index: number, field?: string) => ({
    file: items[index]!.file,
    line: field ? items[index]!.lineOf(field) : items[index]!.line,
  });
  return { kb, locate: { entity: place(read.entities), relation: place(read.relations) }, problems };
}

/** Like loadKnowledgeBase, but throws SeedValidationError (with every problem) on any error. */
export function loadKnowledgeBaseOrThrow(roots: string | string[], options: LoadOptions = {}) {
  const { kb, problems } = loadKnowledgeBase(roots, options);
  if (!kb) throw new SeedValidationError(problems);
  return { kb, problems };
}

/**
 * One seed file's items: by the plain reader (plain-yaml.ts) when the file has its shape and no problem, else by the
 * `yaml` library, which places every message (and, read only then, the field lines of plainly read items).
 */
function readSeedFile(file: string, text: string, kind: keyof typeof ITEMS): ReturnType<typeof parseYamlList> {
  const { schema, subject } = ITEMS[kind];
  const plain = readPlainSeedList(text);
  const values = plain?.map((item) => schema.safeParse(item.value));
  if (!plain || !values || values.some((v) => !v.success)) return parseYamlList(file, text, schema, subject);
  let located: LocatedItem<unknown>[] | undefined;
  // One lineOf for the file's items, each knowing its index, rather than a closure per item.
  function lineOf(this: { index: number; line: number }, field: string) {
    return (located ??= parseYamlList(file, text, schema, subject).items)[this.index]?.lineOf(field) ?? this.line;
  }
  return {
    items: plain.map((item, i) => ({ value: values[i]!.data, file, line: item.line, index: i, lineOf })),
    problems: [],
  };
}

/**
 * An unreadable source or entity file leaves every reference to what it defines unknown: one unterminated quote would
 * bury its own message under dozens of "unknown entity" errors, so those become one line at the file. A reference to an
 * id the file does not mention (when it is text at all) is a mistake of its own and stays listed.
 */
function summariseConsequences(problems: Problem[], unreadable: readonly UnreadableFile[]): Problem[] {
  const summaries: Problem[] = [];
  for (const defines of ['source', 'entity'] as const) {
    const files = unreadable.filter((u) => u.defines === defines);
    const anyId = files.some((f) => f.text === null);
    const ids = new Set(files.flatMap((f) => [...(f.text ?? '').matchAll(DEFINED_ID)].map((m) => m[1]!)));
    const pattern = new RegExp(`^unknown ${defines} "(.*)"$`);
    const idOf = (p: Problem) => (p.severity === 'error' ? pattern.exec(p.message)?.[1] : undefined);
    const follows = (p: Problem, id = idOf(p)) => id !== undefined && (anyId || ids.has(id));
    const followed = problems.filter((p) => follows(p));
    if (followed.length === 0) continue;
    problems = problems.filter((p) => !follows(p));
    const names = [...new Set(followed.map((p) => `"${idOf(p)}"`))];
    const shown = names.slice(0, 8).join(', ') + (names.length > 8 ? ` and ${names.length - 8} more` : '');
    const where = [...new Set(followed.map((p) => p.file))].join(', ');
    const from = files.length === 1 ? 'this file' : `the unreadable files ${files.map((f) => f.file).join(', ')}`;
    const more = `${followed.length} more error${followed.length === 1 ? ' follows' : 's follow'}`;
    const message = `${more} from ${from} not being read: unknown ${defines} ${shown} (in ${where}); fix the file and validate again`;
    summaries.push({ severity: 'error', file: files[0]!.file, line: files[0]!.line, message });
  }
  return [...summaries, ...problems];
}

/** The ids an unreadable file appears to define. */
const DEFINED_ID = /\bid:\s*["']?([A-Za-z0-9][A-Za-z0-9_.-]*)/g;
