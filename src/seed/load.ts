import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  EntitySchema,
  markValidated,
  notBefore,
  RELATION_TYPES,
  relationKey,
  RelationSchema,
  Slug,
  SourceSchema,
  CitationSchema,
  FactSchema,
  type Citation,
  type Entity,
  type KnowledgeBase,
  type LoadedRelation,
  type Source,
} from '../model';
import { errorsOf, SeedValidationError, type Problem } from './problems';
import { parseSeedListFast } from './fast-yaml';
import { validEntity, validRelation } from './fast-validate';
import { readTextFile } from './text-file';
import { duplicateKeys } from './duplicate-keys';
import { LocatedList } from './located-list';
import { MAX_SEED_FILE_BYTES, parseYamlList, type LocatedItem } from './yaml-file';

/** How far a citation's context paragraphs may lie from the cited paragraph. */
export const MAX_CONTEXT_DISTANCE = 3;

export interface LoadOptions {
  /** When given, citations are checked against the source texts: the paragraph must exist. */
  sourcesDir?: string;
  /** Paths in messages are shown relative to this folder (default: the working directory). */
  displayRoot?: string;
  /**
   * Called once every entity file has been read, before the last root's relation files, with the
   * entities in knowledge-base order (the list the knowledge base will hold, not yet validated):
   * lets a caller start work that needs only the entities (the search index) while the
   * relations load. Whatever it starts must be dropped if the load then fails. (Not called when
   * the last root is missing: that load fails.)
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
    existsSync(dir) && statSync(dir).isDirectory()
      ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f))
      : [];
  const sourcesFile = path.join(root, 'sources.yaml');
  return {
    sources: existsSync(sourcesFile) ? [sourcesFile] : [],
    entities: yamlIn(path.join(root, 'entities')),
    relations: yamlIn(path.join(root, 'relations')),
  };
}

const relationSubject = (r: Record<string, unknown>) => `relation ${String(r.from ?? '?')} ${String(r.type ?? '?')} ${String(r.to ?? '?')}`;
const entitySubject = (e: Record<string, unknown>) => `entity ${String(e.id ?? '?')}`;
const sourceSubject = (s: Record<string, unknown>) => `source ${String(s.id ?? '?')}`;

/**
 * Reads and validates a whole knowledge base from one or more roots (the seed folder, then any
 * analyst claim folders). Reports every problem in one pass; returns a knowledge base only when
 * there are no errors.
 */
export function loadKnowledgeBase(roots: string | string[], options: LoadOptions = {}): LoadResult {
  const display = (f: string) => path.relative(options.displayRoot ?? process.cwd(), f) || f;
  const problems: Problem[] = [];
  const sources = new LocatedList<Source>();
  const entities = new LocatedList<Entity>();
  const relations = new LocatedList<LoadedRelation>();
  const files: string[] = [];
  // Each entity id's number (its first entity), and each relation's ends as entity numbers (-1:
  // not known when the relation was read; the cross-checks look again once every root is read).
  const entityNumber = new Map<string, number>();
  const fromNumbers: number[] = [];
  const toNumbers: number[] = [];
  let entitiesSeen = 0;
  // Source and entity files none of whose items could be read: references to what they define
  // fail in turn, and those failures are summarised rather than listed.
  const unreadable: UnreadableFile[] = [];
  // Items the schema refused: their references and citations are still checked.
  const rejected = { entities: new LocatedList<Record<string, unknown>>(), relations: new LocatedList<Record<string, unknown>>() };

  const rootList = Array.isArray(roots) ? roots : [roots];
  for (let rootIndex = 0; rootIndex < rootList.length; rootIndex++) {
    const root = rootList[rootIndex]!;
    if (!existsSync(root)) {
      problems.push({ severity: 'error', file: display(root), line: 1, message: 'seed folder does not exist' });
      continue;
    }
    const layout = seedFiles(root);
    const read = <T>(file: string, schema: Parameters<typeof parseYamlList>[2], subject: (r: Record<string, unknown>) => string, into: LocatedList<T>) => {
      files.push(file);
      const content = readTextFile(file, display(file));
      const defines = schema === SourceSchema ? 'source' : schema === EntitySchema ? 'entity' : null;
      if (!content.ok) {
        problems.push(content.problem);
        if (defines) unreadable.push({ defines, file: display(file), line: content.problem.line, text: null });
        return;
      }
      // The fast reader takes the plain shape hand-written seed files have; anything else, and
      // every file with a problem, goes through the full YAML parser, which locates messages.
      const fast = readFast(display(file), file, content.text, schema, subject);
      if (fast) {
        into.addValues(fast.values as T[], (offset, value) => new FastLocatedItem(value, display(file), fast.lines[offset]!, offset, fast.locator));
        return;
      }
      const result = parseYamlList(display(file), content.text, schema, subject);
      // A loop, not push(...spread): a file of 100,000 items would overflow the call stack.
      for (const p of result.problems) problems.push(p);
      if (result.rejected && schema === EntitySchema) rejected.entities.addLocated(result.rejected);
      if (result.rejected && schema === RelationSchema) rejected.relations.addLocated(result.rejected);
      if (result.unreadable && defines) unreadable.push({ defines, file: display(file), line: result.problems[0]?.line ?? 1, text: content.text });
      into.addLocated(result.items as LocatedItem<T>[]);
    };
    for (const f of layout.sources) read(f, SourceSchema, sourceSubject, sources);
    for (const f of layout.entities) read(f, EntitySchema, entitySubject, entities);
    for (; entitiesSeen < entities.length; entitiesSeen++) {
      const id = entities.values[entitiesSeen]!.id;
      if (!entityNumber.has(id)) entityNumber.set(id, entitiesSeen);
    }
    if (rootIndex === rootList.length - 1) options.onEntitiesRead?.(entities.values);
    for (const f of layout.relations) {
      const start = relations.length;
      read(f, RelationSchema, relationSubject, relations);
      // The validated value is a fresh object of our own, so it is completed in place. Its ends
      // become the entities' own id strings: as substrings of the file they would keep the
      // whole file's text alive for as long as the knowledge base lives.
      for (let i = start; i < relations.length; i++) {
        const r = relations.values[i]!;
        const from = entityNumber.get(r.from) ?? -1;
        const to = entityNumber.get(r.to) ?? -1;
        if (from >= 0) r.from = entities.values[from]!.id;
        if (to >= 0) r.to = entities.values[to]!.id;
        fromNumbers.push(from);
        toNumbers.push(to);
        r.key = relationKey(r);
      }
    }
  }

  const ends = { from: Int32Array.from(fromNumbers), to: Int32Array.from(toNumbers) };
  fromNumbers.length = toNumbers.length = 0;
  const checked = crossCheck(sources, entities, relations, ends, options.sourcesDir, rejected);
  for (const p of summariseConsequences(checked.problems, unreadable)) problems.push(p);
  const kb: KnowledgeBase = { sources: sources.values, entities: entities.values, relations: relations.values };
  if (errorsOf(problems).length > 0) return { problems, files };
  markValidated(kb, { entityNumber: checked.entityNumber, ...ends });
  const place = <T>(list: LocatedList<T>) => (index: number, field?: string): FilePlace => {
    const at = list.at(index);
    return { file: at.file, line: field ? at.lineOf(field) : at.line };
  };
  return { kb, locate: { entity: place(entities), relation: place(relations) }, problems, files };
}

/** Like loadKnowledgeBase, but throws SeedValidationError (with every problem) on any error. */
export function loadKnowledgeBaseOrThrow(roots: string | string[], options: LoadOptions = {}): { kb: KnowledgeBase; problems: Problem[] } {
  const result = loadKnowledgeBase(roots, options);
  if (!result.kb) throw new SeedValidationError(result.problems);
  return { kb: result.kb, problems: result.problems };
}

/** Checks that need every file at once: ids, references, citations, date order, usual kinds. */
function crossCheck(
  sources: LocatedList<Source>,
  entities: LocatedList<Entity>,
  relations: LocatedList<LoadedRelation>,
  ends: { from: Int32Array; to: Int32Array },
  sourcesDir: string | undefined,
  rejected: { entities: LocatedList<Record<string, unknown>>; relations: LocatedList<Record<string, unknown>> },
): { problems: Problem[]; entityNumber: Map<string, number> } {
  const problems: Problem[] = [];
  // Items are named by list and index, and located (file, line, subject) only when there is
  // something to report: a string, a closure or a located item per item up front costs seconds
  // at a million relations.
  type Subject = string | ((value: never) => string);
  const report = (severity: Problem['severity']) => <T>(list: LocatedList<T>, index: number, subject: Subject, field: string | undefined, message: string) => {
    const at = list.at(index);
    problems.push({ severity, file: at.file, line: field ? at.lineOf(field) : at.line, subject: typeof subject === 'string' ? subject : subject(at.value as never), ...(field ? { field } : {}), message });
  };
  const error = report('error');
  const warn = report('warning');
  const where = <T>(list: LocatedList<T>, index: number) => {
    const at = list.at(index);
    return `${at.file}:${at.line}`;
  };

  const sourceById = firstById(sources, (s) => s.id, (dup, first) => error(sources, dup, `source ${sources.values[dup]!.id}`, 'id', `duplicate id; first defined at ${where(sources, first)}`));
  const entityById = firstById(entities, (e) => e.id, (dup, first) => error(entities, dup, `entity ${entities.values[dup]!.id}`, 'id', `duplicate id; first defined at ${where(entities, first)}`));
  // Each relation's ends as entity indexes (-1: not an entity), for the key check and the loop
  // below. Found as the files were read; an end read before its entity's root is looked up now.
  const fromIndex = ends.from;
  const toIndex = ends.to;
  for (let k = 0; k < relations.length; k++) {
    if (fromIndex[k]! < 0) fromIndex[k] = entityById.get(relations.values[k]!.from) ?? -1;
    if (toIndex[k]! < 0) toIndex[k] = entityById.get(relations.values[k]!.to) ?? -1;
  }
  for (const [dup, first] of duplicateKeys(relations.values, fromIndex, toIndex, entities.length)) {
    error(relations, dup, relationSubjectOf(relations.values[dup]!), undefined, `duplicate relation (key "${relations.values[dup]!.key}"), first at ${where(relations, first)}; merge the evidence into one relation, or give them distinct ids`);
  }

  const paragraphCounts = new Map<string, number | null>();
  const paragraphCount = (source: Source): number | null => {
    if (!sourcesDir) return null;
    if (!paragraphCounts.has(source.id)) {
      const file = path.join(sourcesDir, source.file);
      paragraphCounts.set(source.id, isFile(file) ? countParagraphs(readFileSync(file, 'utf8')) : null);
    }
    return paragraphCounts.get(source.id) ?? null;
  };

  const checkCitation = <T>(items: LocatedList<T>, at: number, subject: Subject, list: string, index: number, c: Pick<Citation, 'source' | 'paragraph' | 'context'>) => {
    const found = sourceById.get(c.source);
    if (found === undefined) return error(items, at, subject, `${list}.${index}.source`, `unknown source "${c.source}"`);
    const count = paragraphCount(sources.values[found]!);
    if (count !== null && c.paragraph > count) error(items, at, subject, `${list}.${index}.paragraph`, `paragraph ${c.paragraph} does not exist; source "${c.source}" has ${count} paragraphs`);
    if (!c.context) return;
    for (let i = 0; i < c.context.length; i++) {
      const p = c.context[i]!;
      if (p === c.paragraph || Math.abs(p - c.paragraph) > MAX_CONTEXT_DISTANCE) {
        error(items, at, subject, `${list}.${index}.context.${i}`, `context paragraph ${p} must differ from paragraph ${c.paragraph} and lie at most ${MAX_CONTEXT_DISTANCE} paragraphs from it`);
      } else if (count !== null && p > count) {
        error(items, at, subject, `${list}.${index}.context.${i}`, `paragraph ${p} does not exist; source "${c.source}" has ${count} paragraphs`);
      }
    }
  };

  if (sourcesDir) {
    for (let k = 0; k < sources.length; k++) {
      const s = sources.values[k]!;
      if (!isFile(path.join(sourcesDir, s.file))) error(sources, k, `source ${s.id}`, 'file', `"${s.file}" not found in ${sourcesDir}`);
    }
  }

  for (let k = 0; k < entities.length; k++) {
    const entity = entities.values[k]!;
    if (entity.since && entity.until && !notBefore(entity.until, entity.since)) error(entities, k, entitySubjectOf, 'until', `until ${entity.until} is before since ${entity.since}`);
    for (let i = 0; i < entity.facts.length; i++) checkCitation(entities, k, entitySubjectOf, 'facts', i, entity.facts[i]!);
    for (let i = 0; i < entity.mentions.length; i++) checkCitation(entities, k, entitySubjectOf, 'mentions', i, entity.mentions[i]!);
  }

  for (let k = 0; k < relations.length; k++) {
    const rel = relations.values[k]!;
    const subject = relationSubjectOf;
    const from = fromIndex[k]! < 0 ? undefined : entities.values[fromIndex[k]!];
    const to = toIndex[k]! < 0 ? undefined : entities.values[toIndex[k]!];
    if (!from) error(relations, k, subject, 'from', `unknown entity "${rel.from}"`);
    if (!to) error(relations, k, subject, 'to', `unknown entity "${rel.to}"`);
    if (rel.from === rel.to) error(relations, k, subject, 'to', 'a relation cannot join an entity to itself');
    for (let i = 0; i < rel.assertedBy.length; i++) {
      const a = rel.assertedBy[i]!;
      if (!entityById.has(a)) error(relations, k, subject, `assertedBy.${i}`, `unknown entity "${a}"`);
    }
    if (rel.since && rel.until && !notBefore(rel.until, rel.since)) error(relations, k, subject, 'until', `until ${rel.until} is before since ${rel.since}`);
    for (let i = 0; i < rel.evidence.length; i++) checkCitation(relations, k, subject, 'evidence', i, rel.evidence[i]!);
    // A contested claim names who asserts it, or says in its note why the sources name nobody.
    if (rel.status !== 'reported' && rel.assertedBy.length === 0 && !rel.note) {
      warn(relations, k, subject, 'assertedBy', `a claim with status "${rel.status}" should say who asserts it, or say in its note why the sources name nobody`);
    }
    const info = RELATION_TYPES[rel.type];
    if (from && !(info.from as readonly string[]).includes(from.kind)) warn(relations, k, subject, 'from', `${rel.type} usually starts at ${info.from.join('/')}, not ${from.kind}`);
    if (to && !(info.to as readonly string[]).includes(to.kind)) warn(relations, k, subject, 'to', `${rel.type} usually ends at ${info.to.join('/')}, not ${to.kind}`);
  }
  // Items the schema refused (already reported) may hold further mistakes in their other fields:
  // each well-formed reference and citation is checked as above, so one run reports them all.
  const wellFormed = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown): T | undefined => {
    const r = schema.safeParse(value);
    return r.success ? r.data : undefined;
  };
  const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  for (let k = 0; k < rejected.relations.length; k++) {
    const raw = rejected.relations.values[k]!;
    const subject = relationSubject(raw);
    for (const end of ['from', 'to'] as const) {
      const id = wellFormed(Slug, raw[end]);
      if (id !== undefined && !entityById.has(id)) error(rejected.relations, k, subject, end, `unknown entity "${id}"`);
    }
    listOf(raw.assertedBy).forEach((a, i) => {
      const id = wellFormed(Slug, a);
      if (id !== undefined && !entityById.has(id)) error(rejected.relations, k, subject, `assertedBy.${i}`, `unknown entity "${id}"`);
    });
    listOf(raw.evidence).forEach((c, i) => {
      const citation = wellFormed(CitationSchema, c);
      if (citation) checkCitation(rejected.relations, k, subject, 'evidence', i, citation);
    });
  }
  for (let k = 0; k < rejected.entities.length; k++) {
    const raw = rejected.entities.values[k]!;
    const subject = entitySubject(raw);
    listOf(raw.facts).forEach((f, i) => {
      const fact = wellFormed(FactSchema, f);
      if (fact) checkCitation(rejected.entities, k, subject, 'facts', i, fact);
    });
    listOf(raw.mentions).forEach((m, i) => {
      const mention = wellFormed(CitationSchema, m);
      if (mention) checkCitation(rejected.entities, k, subject, 'mentions', i, mention);
    });
  }
  return { problems, entityNumber: entityById };
}

function relationSubjectOf(r: Pick<LoadedRelation, 'from' | 'type' | 'to'>): string {
  return `relation ${r.from} ${r.type} ${r.to}`;
}

function entitySubjectOf(e: Pick<Entity, 'id'>): string {
  return `entity ${e.id}`;
}

/** The index of each id's first item; `onDuplicate(index, firstIndex)` for every later one. */
function firstById<T>(items: LocatedList<T>, idOf: (value: T) => string, onDuplicate: (dup: number, first: number) => void): Map<string, number> {
  const map = new Map<string, number>();
  for (let k = 0; k < items.length; k++) {
    const id = idOf(items.values[k]!);
    const first = map.get(id);
    if (first !== undefined) onDuplicate(k, first);
    else map.set(id, k);
  }
  return map;
}

/** Paragraph N of a source is its N-th non-empty line. */
export function splitParagraphs(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim().length > 0);
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

function countParagraphs(text: string): number {
  return splitParagraphs(text).length;
}

type ItemSchema = Parameters<typeof parseYamlList>[2];

/**
 * The fast way through a file: the fast reader plus the same schema. Any doubt (a shape the fast
 * reader does not take, an invalid item, a file too large or binary) returns null and the file
 * goes through the general parser, which reports every problem with its line. Field lines of
 * fast-read items are found only when a message needs one, by reading that file the general way.
 */
function readFast(displayName: string, file: string, text: string, schema: ItemSchema, subject: (r: Record<string, unknown>) => string): { values: unknown[]; lines: Int32Array; locator: FieldLocator } | null {
  if (text.length * 3 > MAX_SEED_FILE_BYTES && Buffer.byteLength(text) > MAX_SEED_FILE_BYTES) return null;
  if (text.includes('\u0000')) return null;
  const raw = parseSeedListFast(text);
  if (!raw) return null;
  const fastCheck = schema === EntitySchema ? validEntity : schema === RelationSchema ? validRelation : undefined;
  const values: unknown[] = new Array(raw.length);
  const lines = new Int32Array(raw.length);
  for (let index = 0; index < raw.length; index++) {
    // The hand-written check answers for valid items; anything it is not sure of goes to the schema.
    let value: unknown = fastCheck?.(raw[index]!.value);
    if (value === undefined) {
      const parsed = schema.safeParse(raw[index]!.value);
      if (!parsed.success) return null;
      value = parsed.data;
    }
    values[index] = value;
    lines[index] = raw[index]!.line;
  }
  return { values, lines, locator: new FieldLocator(displayName, file, schema, subject) };
}

class FieldLocator {
  private located: LocatedItem<unknown>[] | null = null;

  constructor(
    private readonly displayName: string,
    private readonly file: string,
    private readonly schema: ItemSchema,
    private readonly subject: (r: Record<string, unknown>) => string,
  ) {}

  lineOf(index: number, field: string, fallback: number): number {
    this.located ??= parseYamlList(this.displayName, readFileSync(this.file, 'utf8'), this.schema, this.subject).items;
    return this.located[index]?.lineOf(field) ?? fallback;
  }
}

class FastLocatedItem<T> implements LocatedItem<T> {
  constructor(
    readonly value: T,
    readonly file: string,
    readonly line: number,
    private readonly index: number,
    private readonly locator: FieldLocator,
  ) {}

  lineOf(field: string): number {
    return this.locator.lineOf(this.index, field, this.line);
  }
}

interface UnreadableFile {
  /** What the file would have defined. */
  defines: 'source' | 'entity';
  file: string;
  /** Where reading it failed. */
  line: number;
  /** Its text, when it is text at all. */
  text: string | null;
}

/**
 * A source or entity file that cannot be read leaves every reference to what it defines unknown:
 * one unterminated quote would bury its own message under dozens of "unknown entity" errors.
 * Those errors are summarised in one line at the unreadable file; a reference to an id the
 * file does not mention (when its text can be read at all) is a mistake of its own and stays listed.
 */
function summariseConsequences(problems: Problem[], unreadable: readonly UnreadableFile[]): Problem[] {
  if (unreadable.length === 0) return problems;
  const summaries: Problem[] = [];
  for (const defines of ['source', 'entity'] as const) {
    const files = unreadable.filter((u) => u.defines === defines);
    if (files.length === 0) continue;
    // The ids these files appear to define; a binary file could define anything.
    const anyId = files.some((f) => f.text === null);
    const ids = new Set(files.flatMap((f) => [...(f.text ?? '').matchAll(/\bid:\s*["']?([A-Za-z0-9][A-Za-z0-9_.-]*)/g)].map((m) => m[1]!)));
    const pattern = new RegExp(`^unknown ${defines} "(.*)"$`);
    const followed: { problem: Problem; id: string }[] = [];
    const rest: Problem[] = [];
    for (const p of problems) {
      const m = p.severity === 'error' ? pattern.exec(p.message) : null;
      if (m && (anyId || ids.has(m[1]!))) followed.push({ problem: p, id: m[1]! });
      else rest.push(p);
    }
    problems = rest;
    if (followed.length === 0) continue;
    const names = [...new Set(followed.map((f) => f.id))];
    const shown = names.slice(0, 8).map((n) => `"${n}"`).join(', ') + (names.length > 8 ? ` and ${names.length - 8} more` : '');
    const where = [...new Set(followed.map((f) => f.problem.file))].join(', ');
    const first = files[0]!;
    summaries.push({
      severity: 'error',
      file: first.file,
      line: first.line,
      message: `${followed.length} more error${followed.length === 1 ? ' follows' : 's follow'} from ${files.length === 1 ? 'this file' : `the unreadable files ${files.map((f) => f.file).join(', ')}`} not being read: unknown ${defines} ${shown} (in ${where}); fix the file and validate again`,
    });
  }
  return [...summaries, ...problems];
}
