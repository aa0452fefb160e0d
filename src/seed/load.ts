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
  /**
   * Called once every entity file has been read, before the last root's relation files, with the
   * entities in knowledge-base order (not yet cross-checked): lets a caller start work that needs
   * only the entities (the search index) while the relations load. Whatever it starts must be
   * dropped if the load then fails. (Not called when the last root is missing: that load fails.)
   */
  onEntitiesRead?: (entities: readonly Entity[]) => void;
}

export interface LoadResult {
  /** Present only when there is no error: a knowledge base is loaded whole or not at all. */
  kb?: KnowledgeBase;
  /** With the knowledge base: where each of its entities and relations was read. */
  locate?: KnowledgeBaseLocator;
  problems: Problem[];
  files: string[];
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
  const files: string[] = [];
  const read: ReadItems = { sources: [], entities: [], relations: [], rejected: { entity: [], relation: [] } };
  // Source and entity files none of whose items could be read: references to what they define
  // fail in turn, and those failures are summarised rather than listed.
  const unreadable: UnreadableFile[] = [];

  const readFile = <T>(file: string, kind: keyof typeof ITEMS, into: LocatedItem<T>[]) => {
    files.push(file);
    const shown = display(file);
    const content = readTextFile(file, shown);
    const defines = kind === 'relation' ? null : kind;
    if (!content.ok) {
      problems.push(content.problem);
      if (defines) unreadable.push({ defines, file: shown, line: content.problem.line, text: null });
      return;
    }
    const result = readSeedFile(shown, content.text, kind);
    for (const p of result.problems) problems.push(p);
    if (result.unreadable && defines) {
      unreadable.push({ defines, file: shown, line: result.problems[0]?.line ?? 1, text: content.text });
    }
    if (kind !== 'source') for (const r of result.rejected ?? []) read.rejected[kind].push(r);
    for (const item of result.items) into.push(item as LocatedItem<T>);
  };

  const rootList = Array.isArray(roots) ? roots : [roots];
  rootList.forEach((root, rootIndex) => {
    if (!existsSync(root)) {
      problems.push({ severity: 'error', file: display(root), line: 1, message: 'seed folder does not exist' });
      return;
    }
    const layout = seedFiles(root);
    for (const f of layout.sources) readFile(f, 'source', read.sources);
    for (const f of layout.entities) readFile(f, 'entity', read.entities);
    if (rootIndex === rootList.length - 1) options.onEntitiesRead?.(read.entities.map((e) => e.value));
    for (const f of layout.relations) readFile(f, 'relation', read.relations);
  });

  const kb: KnowledgeBase = {
    sources: read.sources.map((s) => s.value),
    entities: read.entities.map((e) => e.value),
    relations: read.relations.map((r) => Object.assign(r.value, { key: relationKey(r.value) })),
  };
  const checked = crossCheck(kb, read, options.sourcesDir);
  problems.push(...summariseConsequences(checked.problems, unreadable));
  if (errorsOf(problems).length > 0) return { problems, files };
  markValidated(kb, checked.ends);
  const place =
    (items: LocatedItem<unknown>[]) =>
    (index: number, field?: string): FilePlace => ({
      file: items[index]!.file,
      line: field ? items[index]!.lineOf(field) : items[index]!.line,
    });
  return { kb, locate: { entity: place(read.entities), relation: place(read.relations) }, problems, files };
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
  const plain = text.length > 0 && Buffer.byteLength(text) <= MAX_PLAIN_BYTES ? readPlainSeedList(text) : null;
  const values = plain?.map((item) => schema.safeParse(item.value));
  if (!plain || !values || values.some((v) => !v.success)) return parseYamlList(file, text, schema, subject);
  let located: LocatedItem<unknown>[] | undefined;
  const lineOf = (index: number, field: string) =>
    (located ??= parseYamlList(file, text, schema, subject).items)[index]?.lineOf(field) ?? plain[index]!.line;
  const items = plain.map((item, index) => ({
    value: values[index]!.data,
    file,
    line: item.line,
    lineOf: (field: string) => lineOf(index, field),
  }));
  return { items, problems: [] };
}

const MAX_PLAIN_BYTES = 5 * 1024 * 1024;

/** Checks that need every file at once: ids, references, citations, date order, usual kinds. */
function crossCheck(
  kb: KnowledgeBase,
  read: ReadItems,
  sourcesDir: string | undefined,
): { problems: Problem[]; ends: { entityNumber: Map<string, number>; from: Int32Array; to: Int32Array } } {
  const problems: Problem[] = [];
  const report =
    (severity: Problem['severity']) =>
    (at: LocatedItem<unknown>, subject: string, field: string | undefined, message: string) => {
      problems.push({
        severity,
        file: at.file,
        line: field ? at.lineOf(field) : at.line,
        subject,
        ...(field ? { field } : {}),
        message,
      });
    };
  const error = report('error');
  const warn = report('warning');
  const where = (at: LocatedItem<unknown>) => `${at.file}:${at.line}`;
  const relationSubject = (r: Pick<Relation, 'from' | 'type' | 'to'>) => `relation ${r.from} ${r.type} ${r.to}`;

  /** The index of each id's first item; a later item with the same id is an error. */
  const firstById = <T>(items: LocatedItem<T>[], idOf: (value: T) => string, subject: (value: T) => string) => {
    const first = new Map<string, number>();
    items.forEach((item, k) => {
      const id = idOf(item.value);
      const seen = first.get(id);
      if (seen === undefined) first.set(id, k);
      else error(item, subject(item.value), 'id', `duplicate id; first defined at ${where(items[seen]!)}`);
    });
    return first;
  };
  const sourceById = firstById(read.sources, (s) => s.id, (s) => `source ${s.id}`);
  const entityById = firstById(read.entities, (e) => e.id, (e) => `entity ${e.id}`);
  const firstWithKey = new Map<string, number>();
  kb.relations.forEach((r, k) => {
    const seen = firstWithKey.get(r.key);
    if (seen === undefined) firstWithKey.set(r.key, k);
    else {
      const message = `duplicate relation (key "${r.key}"), first at ${where(read.relations[seen]!)}; merge the evidence into one relation, or give them distinct ids`;
      error(read.relations[k]!, relationSubject(r), undefined, message);
    }
  });

  const paragraphCounts = new Map<string, number | null>();
  const paragraphCount = (source: Source): number | null => {
    if (!sourcesDir) return null;
    if (!paragraphCounts.has(source.id)) {
      const file = path.join(sourcesDir, source.file);
      paragraphCounts.set(source.id, isFile(file) ? splitParagraphs(readFileSync(file, 'utf8')).length : null);
    }
    return paragraphCounts.get(source.id) ?? null;
  };
  const checkCitation = (
    at: LocatedItem<unknown>,
    subject: string,
    field: string,
    c: Pick<Citation, 'source' | 'paragraph' | 'context'>,
  ) => {
    const found = sourceById.get(c.source);
    if (found === undefined) return error(at, subject, `${field}.source`, `unknown source "${c.source}"`);
    const count = paragraphCount(kb.sources[found]!);
    const beyond = (p: number) => `paragraph ${p} does not exist; source "${c.source}" has ${count} paragraphs`;
    if (count !== null && c.paragraph > count) error(at, subject, `${field}.paragraph`, beyond(c.paragraph));
    c.context?.forEach((p, i) => {
      if (p === c.paragraph || Math.abs(p - c.paragraph) > MAX_CONTEXT_DISTANCE) {
        const message = `context paragraph ${p} must differ from paragraph ${c.paragraph} and lie at most ${MAX_CONTEXT_DISTANCE} paragraphs from it`;
        error(at, subject, `${field}.context.${i}`, message);
      } else if (count !== null && p > count) error(at, subject, `${field}.context.${i}`, beyond(p));
    });
  };

  if (sourcesDir) {
    read.sources.forEach((at) => {
      const s = at.value;
      if (!isFile(path.join(sourcesDir, s.file))) error(at, `source ${s.id}`, 'file', `"${s.file}" not found in ${sourcesDir}`);
    });
  }

  read.entities.forEach((at) => {
    const e = at.value;
    const subject = `entity ${e.id}`;
    if (e.since && e.until && !notBefore(e.until, e.since)) {
      error(at, subject, 'until', `until ${e.until} is before since ${e.since}`);
    }
    e.facts.forEach((f, i) => checkCitation(at, subject, `facts.${i}`, f));
    e.mentions.forEach((m, i) => checkCitation(at, subject, `mentions.${i}`, m));
  });

  // Each relation's ends as entity numbers, which the store takes instead of looking them up again.
  const from = new Int32Array(kb.relations.length);
  const to = new Int32Array(kb.relations.length);
  kb.relations.forEach((rel, k) => {
    const at = read.relations[k]!;
    const subject = relationSubject(rel);
    const fromEntity = kb.entities[(from[k] = entityById.get(rel.from) ?? -1)];
    const toEntity = kb.entities[(to[k] = entityById.get(rel.to) ?? -1)];
    if (!fromEntity) error(at, subject, 'from', `unknown entity "${rel.from}"`);
    if (!toEntity) error(at, subject, 'to', `unknown entity "${rel.to}"`);
    if (rel.from === rel.to) error(at, subject, 'to', 'a relation cannot join an entity to itself');
    rel.assertedBy.forEach((a, i) => {
      if (!entityById.has(a)) error(at, subject, `assertedBy.${i}`, `unknown entity "${a}"`);
    });
    if (rel.since && rel.until && !notBefore(rel.until, rel.since)) {
      error(at, subject, 'until', `until ${rel.until} is before since ${rel.since}`);
    }
    rel.evidence.forEach((c, i) => checkCitation(at, subject, `evidence.${i}`, c));
    // A contested claim names who asserts it, or says in its note why the sources name nobody.
    if (rel.status !== 'reported' && rel.assertedBy.length === 0 && !rel.note) {
      const message = `a claim with status "${rel.status}" should say who asserts it, or say in its note why the sources name nobody`;
      warn(at, subject, 'assertedBy', message);
    }
    const info = RELATION_TYPES[rel.type];
    const fromKind = fromEntity?.kind;
    const toKind = toEntity?.kind;
    if (fromKind && !(info.from as readonly string[]).includes(fromKind)) {
      warn(at, subject, 'from', `${rel.type} usually starts at ${info.from.join('/')}, not ${fromKind}`);
    }
    if (toKind && !(info.to as readonly string[]).includes(toKind)) {
      warn(at, subject, 'to', `${rel.type} usually ends at ${info.to.join('/')}, not ${toKind}`);
    }
  });

  // Items the schema refused (already reported) may hold further mistakes in their other fields:
  // each well-formed reference and citation is checked as above, so one run reports them all.
  const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const checkReference = (at: LocatedItem<unknown>, subject: string, field: string, value: unknown) => {
    const id = Slug.safeParse(value).data;
    if (id !== undefined && !entityById.has(id)) error(at, subject, field, `unknown entity "${id}"`);
  };
  for (const at of read.rejected.relation) {
    const subject = ITEMS.relation.subject(at.value);
    checkReference(at, subject, 'from', at.value.from);
    checkReference(at, subject, 'to', at.value.to);
    listOf(at.value.assertedBy).forEach((a, i) => checkReference(at, subject, `assertedBy.${i}`, a));
    listOf(at.value.evidence).forEach((c, i) => {
      const citation = CitationSchema.safeParse(c).data;
      if (citation) checkCitation(at, subject, `evidence.${i}`, citation);
    });
  }
  for (const at of read.rejected.entity) {
    const subject = ITEMS.entity.subject(at.value);
    listOf(at.value.facts).forEach((f, i) => {
      const fact = FactSchema.safeParse(f).data;
      if (fact) checkCitation(at, subject, `facts.${i}`, fact);
    });
    listOf(at.value.mentions).forEach((m, i) => {
      const mention = CitationSchema.safeParse(m).data;
      if (mention) checkCitation(at, subject, `mentions.${i}`, mention);
    });
  }
  return { problems, ends: { entityNumber: entityById, from, to } };
}

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
