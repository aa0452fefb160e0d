import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  CitationSchema,
  EntitySchema,
  FactSchema,
  markValidated,
  notBefore,
  RELATION_TYPES,
  relationKey,
  RelationSchema,
  Slug,
  SourceSchema,
  type Citation,
  type Entity,
  type KnowledgeBase,
  type LoadedRelation,
  type Relation,
  type Source,
} from '../model';
import { readPlainSeedList } from './plain-yaml';
import { errorsOf, SeedValidationError, type Problem } from './problems';
import { summariseConsequences, type UnreadableFile } from './unreadable';
import { readTextFile } from './text-file';
import { parseYamlList, type LocatedItem } from './yaml-file';

/** How far a citation's context paragraphs may lie from the cited paragraph. */
export const MAX_CONTEXT_DISTANCE = 3;

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
export interface FilePlace {
  file: string;
  line: number;
}

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
    isDirectory(dir)
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

type Raw = Record<string, unknown>;
const ITEMS = {
  source: { schema: SourceSchema, subject: (s: Raw) => `source ${String(s.id ?? '?')}` },
  entity: { schema: EntitySchema, subject: (e: Raw) => `entity ${String(e.id ?? '?')}` },
  relation: {
    schema: RelationSchema,
    subject: (r: Raw) => `relation ${String(r.from ?? '?')} ${String(r.type ?? '?')} ${String(r.to ?? '?')}`,
  },
};

/** What was read from every file, each item with its place; items the schema refused kept apart. */
interface ReadItems {
  sources: LocatedItem<Source>[];
  entities: LocatedItem<Entity>[];
  relations: LocatedItem<Relation>[];
  rejected: { entity: LocatedItem<Raw>[]; relation: LocatedItem<Raw>[] };
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
  const checked = crossCheck(kb, read, options.sourcesDir);
  problems.push(...summariseConsequences(checked.problems, unreadable));
  if (errorsOf(problems).length > 0) return { problems };
  markValidated(kb, checked.ends);
  const place =
    (items: LocatedItem<unknown>[]) =>
    (index: number, field?: string): FilePlace => ({
      file: items[index]!.file,
      line: field ? items[index]!.lineOf(field) : items[index]!.line,
    });
  return { kb, locate: { entity: place(read.entities), relation: place(read.relations) }, problems };
}

/** Like loadKnowledgeBase, but throws SeedValidationError (with every problem) on any error. */
export function loadKnowledgeBaseOrThrow(
  roots: string | string[],
  options: LoadOptions = {},
): { kb: KnowledgeBase; problems: Problem[] } {
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

/** Checks that need every file at once: ids, references, citations, date order, usual kinds. */
function crossCheck(
  kb: KnowledgeBase,
  read: ReadItems,
  sourcesDir: string | undefined,
): { problems: Problem[]; ends: { entityNumber: Map<string, number>; from: Int32Array; to: Int32Array } } {
  const problems: Problem[] = [];
  type Item = LocatedItem<unknown> & { value: object };
  const report =
    (severity: Problem['severity']) =>
    (kind: keyof typeof ITEMS, at: Item, field: string | undefined, message: string) => {
      const subject = ITEMS[kind].subject(at.value as Raw);
      const line = field ? at.lineOf(field) : at.line;
      problems.push({ severity, file: at.file, line, subject, ...(field ? { field } : {}), message });
    };
  const error = report('error');
  const warn = report('warning');
  const where = (at: Item) => `${at.file}:${at.line}`;

  /** The index of each id's first item; a later item with the same id is an error. */
  const firstById = (kind: keyof typeof ITEMS, items: Item[], idOf: (at: Item) => string) => {
    const first = new Map<string, number>();
    for (let k = 0; k < items.length; k++) {
      const seen = first.get(idOf(items[k]!));
      if (seen === undefined) first.set(idOf(items[k]!), k);
      else if (kind === 'relation') {
        const key = idOf(items[k]!);
        const message = `duplicate relation (key "${key}"), first at ${where(items[seen]!)}; merge the evidence into one relation, or give them distinct ids`;
        error(kind, items[k]!, undefined, message);
      } else error(kind, items[k]!, 'id', `duplicate id; first defined at ${where(items[seen]!)}`);
    }
    return first;
  };
  const sourceById = firstById('source', read.sources, (at) => (at.value as Source).id);
  const entityById = firstById('entity', read.entities, (at) => (at.value as Entity).id);
  firstById('relation', read.relations, (at) => (at.value as LoadedRelation).key);

  const paragraphCounts = new Map<string, number | null>();
  const paragraphCount = (source: Source): number | null => {
    if (!sourcesDir) return null;
    if (!paragraphCounts.has(source.id)) {
      const file = path.join(sourcesDir, source.file);
      paragraphCounts.set(source.id, isFile(file) ? splitParagraphs(readFileSync(file, 'utf8')).length : null);
    }
    return paragraphCounts.get(source.id) ?? null;
  };
  /** Citation `list.index` of an item: a known source, paragraphs it has, context near the paragraph. */
  const checkCitation = (kind: keyof typeof ITEMS, at: Item, list: string, index: number, c: CitationLike) => {
    const field = `${list}.${index}`;
    const found = sourceById.get(c.source);
    if (found === undefined) return error(kind, at, `${field}.source`, `unknown source "${c.source}"`);
    const count = paragraphCount(kb.sources[found]!);
    const beyond = (p: number) => `paragraph ${p} does not exist; source "${c.source}" has ${count} paragraphs`;
    if (count !== null && c.paragraph > count) error(kind, at, `${field}.paragraph`, beyond(c.paragraph));
    for (const [i, p] of (c.context ?? []).entries()) {
      if (p === c.paragraph || Math.abs(p - c.paragraph) > MAX_CONTEXT_DISTANCE) {
        const message = `context paragraph ${p} must differ from paragraph ${c.paragraph} and lie at most ${MAX_CONTEXT_DISTANCE} paragraphs from it`;
        error(kind, at, `${field}.context.${i}`, message);
      } else if (count !== null && p > count) error(kind, at, `${field}.context.${i}`, beyond(p));
    }
  };
  const checkCitations = (kind: keyof typeof ITEMS, at: Item, list: string, citations: readonly CitationLike[]) => {
    for (let i = 0; i < citations.length; i++) checkCitation(kind, at, list, i, citations[i]!);
  };
  const checkDates = (kind: keyof typeof ITEMS, at: Item, { since, until }: { since?: string; until?: string }) => {
    if (since && until && !notBefore(until, since)) error(kind, at, 'until', `until ${until} is before since ${since}`);
  };

  for (const at of sourcesDir ? read.sources : []) {
    const s = at.value;
    if (!isFile(path.join(sourcesDir!, s.file))) error('source', at, 'file', `"${s.file}" not found in ${sourcesDir}`);
  }

  for (const at of read.entities) {
    checkDates('entity', at, at.value);
    checkCitations('entity', at, 'facts', at.value.facts);
    checkCitations('entity', at, 'mentions', at.value.mentions);
  }

  // Each relation's ends as entity numbers, which the store takes instead of looking them up again.
  const from = new Int32Array(kb.relations.length);
  const to = new Int32Array(kb.relations.length);
  for (let k = 0; k < kb.relations.length; k++) {
    const rel = kb.relations[k]!;
    const at = read.relations[k]!;
    const fromEntity = kb.entities[(from[k] = entityById.get(rel.from) ?? -1)];
    const toEntity = kb.entities[(to[k] = entityById.get(rel.to) ?? -1)];
    if (!fromEntity) error('relation', at, 'from', `unknown entity "${rel.from}"`);
    if (!toEntity) error('relation', at, 'to', `unknown entity "${rel.to}"`);
    if (rel.from === rel.to) error('relation', at, 'to', 'a relation cannot join an entity to itself');
    for (const [i, a] of rel.assertedBy.entries()) {
      if (!entityById.has(a)) error('relation', at, `assertedBy.${i}`, `unknown entity "${a}"`);
    }
    checkDates('relation', at, rel);
    checkCitations('relation', at, 'evidence', rel.evidence);
    // A contested claim names who asserts it, or says in its note why the sources name nobody.
    if (rel.status !== 'reported' && rel.assertedBy.length === 0 && !rel.note) {
      const message = `a claim with status "${rel.status}" should say who asserts it, or say in its note why the sources name nobody`;
      warn('relation', at, 'assertedBy', message);
    }
    const usual = RELATION_TYPES[rel.type] as { from: readonly string[]; to: readonly string[] };
    if (fromEntity && !usual.from.includes(fromEntity.kind)) {
      warn('relation', at, 'from', `${rel.type} usually starts at ${usual.from.join('/')}, not ${fromEntity.kind}`);
    }
    if (toEntity && !usual.to.includes(toEntity.kind)) {
      warn('relation', at, 'to', `${rel.type} usually ends at ${usual.to.join('/')}, not ${toEntity.kind}`);
    }
  }

  // Items the schema refused (already reported) may hold further mistakes in their other fields:
  // each well-formed reference and citation is checked as above, so one run reports them all.
  const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const checkWellFormed = (kind: keyof typeof ITEMS, at: Item, list: string, schema: CitationParser) => {
    listOf((at.value as Raw)[list]).forEach((c, i) => {
      const citation = schema.safeParse(c).data;
      if (citation) checkCitation(kind, at, list, i, citation);
    });
  };
  for (const at of read.rejected.relation) {
    const asserters = listOf(at.value.assertedBy).map((a, i) => [`assertedBy.${i}`, a] as const);
    for (const [field, value] of [['from', at.value.from] as const, ['to', at.value.to] as const, ...asserters]) {
      const id = Slug.safeParse(value).data;
      if (id !== undefined && !entityById.has(id)) error('relation', at, field, `unknown entity "${id}"`);
    }
    checkWellFormed('relation', at, 'evidence', CitationSchema);
  }
  for (const at of read.rejected.entity) {
    checkWellFormed('entity', at, 'facts', FactSchema);
    checkWellFormed('entity', at, 'mentions', CitationSchema);
  }
  return { problems, ends: { entityNumber: entityById, from, to } };
}

type CitationLike = Pick<Citation, 'source' | 'paragraph' | 'context'>;
type CitationParser = { safeParse(value: unknown): { data?: CitationLike } };

/** Paragraph N of a source is its N-th non-empty line. */
export function splitParagraphs(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim().length > 0);
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}
