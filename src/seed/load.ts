import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { relationKey, type KnowledgeBase } from '../model';
import { crossCheck, ITEMS, type ReadItems } from './cross-check';
import { readPlainSeedList } from './plain-yaml';
import { errorsOf, SeedValidationError, type Problem } from './problems';
import { summariseConsequences, type UnreadableFile } from './unreadable';
import { readTextFile } from './text-file';
import { parseYamlList, type LocatedItem } from './yaml-file';

export interface LoadOptions {
  /** When given, citations are checked against the source texts: the paragraph must exist. */
  sourcesDir?: string;
  /** Paths in messages are shown relative to this folder (default: the working directory). */
  displayRoot?: string;
}

export interface LoadResult {
  /** Present only when there is no error: a knowledge base is loaded whole or not at all. */
  kb?: KnowledgeBase;
  /** With the knowledge base: where each of its entities and relations was read. */
  locate?: KnowledgeBaseLocator;
  problems: Problem[];
}

/** A place in the seed files, as messages name it. */
export type FilePlace = Pick<Problem, 'file' | 'line'>;

/**
 * Where the items of a loaded knowledge base were read: entity or relation number i (its index in
 * `kb.entities` / `kb.relations`), and the line of one of its fields (`evidence.0`, `facts.2`).
 */
export interface KnowledgeBaseLocator {
  entity(index: number, field?: string): FilePlace;
  relation(index: number, field?: string): FilePlace;
}

/** Seed file layout: `sources.yaml`, `entities/*.yaml`, `relations/*.yaml` under one root. */
export function seedFiles(root: string): { sources: string[]; entities: string[]; relations: string[] } {
  const yamlIn = (dir: string) =>
    existsSync(dir) && statSync(dir).isDirectory()
      ? readdirSync(dir)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => path.join(dir, f))
      : [];
  const sourcesFile = path.join(root, 'sources.yaml');
  return {
    sources: existsSync(sourcesFile) ? [sourcesFile] : [],
    entities: yamlIn(path.join(root, 'entities')),
    relations: yamlIn(path.join(root, 'relations')),
  };
}

/**
 * Reads and validates a whole knowledge base from one or more roots (the seed folder, then any
 * analyst claim folders). Reports every problem in one pass; returns a knowledge base only when
 * there are no errors.
 */
export function loadKnowledgeBase(roots: string | string[], options: LoadOptions = {}): LoadResult {
  const display = (f: string) => path.relative(options.displayRoot ?? process.cwd(), f) || f;
  const problems: Problem[] = [];
  const read: ReadItems = { sources: [], entities: [], relations: [], rejected: { entity: [], relation: [] } };
  // Source and entity files none of whose items could be read: references to what they define
  // fail in turn, and those failures are summarised rather than listed.
  const unreadable: UnreadableFile[] = [];

  const readFile = <T>(file: string, kind: keyof typeof ITEMS, into: LocatedItem<T>[]) => {
    const shown = display(file);
    const content = readTextFile(file, shown);
    const result = content.ok
      ? readSeedFile(shown, content.text, kind)
      : { items: [], problems: [content.problem], unreadable: true, rejected: [] };
    for (const p of result.problems) problems.push(p);
    if (result.unreadable && kind !== 'relation') {
      const text = content.ok ? content.text : null;
      unreadable.push({ defines: kind, file: shown, line: result.problems[0]?.line ?? 1, text });
    }
    if (kind !== 'source') for (const r of result.rejected ?? []) read.rejected[kind].push(r);
    for (const item of result.items) into.push(item as LocatedItem<T>);
  };

  for (const root of Array.isArray(roots) ? roots : [roots]) {
    if (!existsSync(root)) {
      problems.push({ severity: 'error', file: display(root), line: 1, message: 'seed folder does not exist' });
      continue;
    }
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
  const place =
    (items: LocatedItem<unknown>[]) =>
    (index: number, field?: string): FilePlace => ({
      file: items[index]!.file,
      line: field ? items[index]!.lineOf(field) : items[index]!.line,
    });
  return { kb, locate: { entity: place(read.entities), relation: place(read.relations) }, problems };
}

/** Like loadKnowledgeBase, but throws SeedValidationError (with every problem) on any error. */
export function loadKnowledgeBaseOrThrow(roots: string | string[], options: LoadOptions = {}) {
  const result = loadKnowledgeBase(roots, options);
  if (!result.kb) throw new SeedValidationError(result.problems);
  return { kb: result.kb, problems: result.problems };
}

/**
 * One seed file's items. A file in the plain shape most seed files have is read by the small
 * reader of plain-yaml.ts (the library alone misses the build target at the scale line); any
 * other file, and any file with a problem, by the `yaml` library, which places every message.
 * The lines of fields inside plainly read items are found, when a message needs one, by reading
 * that file with the library.
 */
function readSeedFile(file: string, text: string, kind: keyof typeof ITEMS): ReturnType<typeof parseYamlList> {
  const { schema, subject } = ITEMS[kind];
  const plain = readPlainSeedList(text);
  const values = plain?.map((item) => schema.safeParse(item.value));
  if (!plain || !values || values.some((v) => !v.success)) return parseYamlList(file, text, schema, subject);
  let located: LocatedItem<unknown>[] | undefined;
  const locate = () => (located ??= parseYamlList(file, text, schema, subject).items);
  return { items: plain.map((item, i) => new PlainItem(values[i]!.data, file, item.line, i, locate)), problems: [] };
}

/** An item read by the plain reader: the line of a field is found by reading its file with the library. */
class PlainItem<T> implements LocatedItem<T> {
  constructor(
    readonly value: T,
    readonly file: string,
    readonly line: number,
    private readonly index: number,
    private readonly locate: () => LocatedItem<unknown>[],
  ) {}

  lineOf(field: string): number {
    return this.locate()[this.index]?.lineOf(field) ?? this.line;
  }
}
