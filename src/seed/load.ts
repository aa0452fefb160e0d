import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  EntitySchema,
  notBefore,
  RELATION_TYPES,
  relationKey,
  RelationSchema,
  SourceSchema,
  type Citation,
  type Entity,
  type KnowledgeBase,
  type LoadedRelation,
  type Source,
} from '../model';
import { errorsOf, SeedValidationError, type Problem } from './problems';
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
  problems: Problem[];
  files: string[];
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
  const sources: LocatedItem<Source>[] = [];
  const entities: LocatedItem<Entity>[] = [];
  const relations: LocatedItem<LoadedRelation>[] = [];
  const files: string[] = [];

  for (const root of Array.isArray(roots) ? roots : [roots]) {
    if (!existsSync(root)) {
      problems.push({ severity: 'error', file: display(root), line: 1, message: 'seed folder does not exist' });
      continue;
    }
    const layout = seedFiles(root);
    const read = <T>(file: string, schema: Parameters<typeof parseYamlList>[2], subject: (r: Record<string, unknown>) => string, into: LocatedItem<T>[]) => {
      files.push(file);
      const content = readTextFile(file, display(file));
      if (!content.ok) {
        problems.push(content.problem);
        return;
      }
      const result = parseYamlList(display(file), content.text, schema, subject);
      problems.push(...result.problems);
      into.push(...(result.items as LocatedItem<T>[]));
    };
    for (const f of layout.sources) read(f, SourceSchema, sourceSubject, sources);
    for (const f of layout.entities) read(f, EntitySchema, entitySubject, entities);
    const rawRelations: LocatedItem<LoadedRelation>[] = [];
    for (const f of layout.relations) read(f, RelationSchema, relationSubject, rawRelations);
    for (const r of rawRelations) relations.push({ ...r, value: { ...r.value, key: relationKey(r.value) } });
  }

  problems.push(...crossCheck(sources, entities, relations, options.sourcesDir));
  const kb: KnowledgeBase = {
    sources: sources.map((s) => s.value),
    entities: entities.map((e) => e.value),
    relations: relations.map((r) => r.value),
  };
  return errorsOf(problems).length === 0 ? { kb, problems, files } : { problems, files };
}

/** Like loadKnowledgeBase, but throws SeedValidationError (with every problem) on any error. */
export function loadKnowledgeBaseOrThrow(roots: string | string[], options: LoadOptions = {}): { kb: KnowledgeBase; problems: Problem[] } {
  const result = loadKnowledgeBase(roots, options);
  if (!result.kb) throw new SeedValidationError(result.problems);
  return { kb: result.kb, problems: result.problems };
}

/** Checks that need every file at once: ids, references, citations, date order, usual kinds. */
function crossCheck(
  sources: LocatedItem<Source>[],
  entities: LocatedItem<Entity>[],
  relations: LocatedItem<LoadedRelation>[],
  sourcesDir: string | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const report = (severity: Problem['severity']) => (at: LocatedItem<unknown>, subject: string, field: string | undefined, message: string) =>
    problems.push({ severity, file: at.file, line: field ? at.lineOf(field) : at.line, subject, ...(field ? { field } : {}), message });
  const error = report('error');
  const warn = report('warning');

  const sourceById = firstById(sources, (s) => s.value.id, (dup, first) => error(dup, `source ${dup.value.id}`, 'id', `duplicate id; first defined at ${first.file}:${first.line}`));
  const entityById = firstById(entities, (e) => e.value.id, (dup, first) => error(dup, `entity ${dup.value.id}`, 'id', `duplicate id; first defined at ${first.file}:${first.line}`));
  firstById(relations, (r) => r.value.key, (dup, first) =>
    error(dup, relationSubjectOf(dup.value), undefined, `duplicate relation (key "${dup.value.key}"), first at ${first.file}:${first.line}; merge the evidence into one relation, or give them distinct ids`),
  );

  const paragraphCounts = new Map<string, number | null>();
  const paragraphCount = (source: Source): number | null => {
    if (!sourcesDir) return null;
    if (!paragraphCounts.has(source.id)) {
      const file = path.join(sourcesDir, source.file);
      paragraphCounts.set(source.id, isFile(file) ? countParagraphs(readFileSync(file, 'utf8')) : null);
    }
    return paragraphCounts.get(source.id) ?? null;
  };

  const checkCitation = (at: LocatedItem<unknown>, subject: string, field: string, c: Pick<Citation, 'source' | 'paragraph' | 'context'>) => {
    const source = sourceById.get(c.source)?.value;
    if (!source) return error(at, subject, `${field}.source`, `unknown source "${c.source}"`);
    const count = paragraphCount(source);
    if (count !== null && c.paragraph > count) error(at, subject, `${field}.paragraph`, `paragraph ${c.paragraph} does not exist; source "${c.source}" has ${count} paragraphs`);
    for (const [i, p] of (c.context ?? []).entries()) {
      if (p === c.paragraph || Math.abs(p - c.paragraph) > MAX_CONTEXT_DISTANCE) {
        error(at, subject, `${field}.context.${i}`, `context paragraph ${p} must differ from paragraph ${c.paragraph} and lie at most ${MAX_CONTEXT_DISTANCE} paragraphs from it`);
      } else if (count !== null && p > count) {
        error(at, subject, `${field}.context.${i}`, `paragraph ${p} does not exist; source "${c.source}" has ${count} paragraphs`);
      }
    }
  };

  if (sourcesDir) {
    for (const s of sources) {
      if (!isFile(path.join(sourcesDir, s.value.file))) error(s, `source ${s.value.id}`, 'file', `"${s.value.file}" not found in ${sourcesDir}`);
    }
  }

  for (const e of entities) {
    const subject = `entity ${e.value.id}`;
    if (e.value.since && e.value.until && !notBefore(e.value.until, e.value.since)) error(e, subject, 'until', `until ${e.value.until} is before since ${e.value.since}`);
    e.value.facts.forEach((f, i) => checkCitation(e, subject, `facts.${i}`, f));
    e.value.mentions.forEach((m, i) => checkCitation(e, subject, `mentions.${i}`, m));
  }

  for (const r of relations) {
    const rel = r.value;
    const subject = relationSubjectOf(rel);
    const from = entityById.get(rel.from)?.value;
    const to = entityById.get(rel.to)?.value;
    if (!from) error(r, subject, 'from', `unknown entity "${rel.from}"`);
    if (!to) error(r, subject, 'to', `unknown entity "${rel.to}"`);
    if (rel.from === rel.to) error(r, subject, 'to', 'a relation cannot join an entity to itself');
    rel.assertedBy.forEach((a, i) => {
      if (!entityById.has(a)) error(r, subject, `assertedBy.${i}`, `unknown entity "${a}"`);
    });
    if (rel.since && rel.until && !notBefore(rel.until, rel.since)) error(r, subject, 'until', `until ${rel.until} is before since ${rel.since}`);
    rel.evidence.forEach((c, i) => checkCitation(r, subject, `evidence.${i}`, c));
    if (rel.status !== 'reported' && rel.assertedBy.length === 0) warn(r, subject, 'assertedBy', `a claim with status "${rel.status}" should say who asserts it`);
    const info = RELATION_TYPES[rel.type];
    if (from && !(info.from as readonly string[]).includes(from.kind)) warn(r, subject, 'from', `${rel.type} usually starts at ${info.from.join('/')}, not ${from.kind}`);
    if (to && !(info.to as readonly string[]).includes(to.kind)) warn(r, subject, 'to', `${rel.type} usually ends at ${info.to.join('/')}, not ${to.kind}`);
  }
  return problems;
}

function relationSubjectOf(r: Pick<LoadedRelation, 'from' | 'type' | 'to'>): string {
  return `relation ${r.from} ${r.type} ${r.to}`;
}

function firstById<T>(items: LocatedItem<T>[], idOf: (i: LocatedItem<T>) => string, onDuplicate: (dup: LocatedItem<T>, first: LocatedItem<T>) => void): Map<string, LocatedItem<T>> {
  const map = new Map<string, LocatedItem<T>>();
  for (const item of items) {
    const id = idOf(item);
    const first = map.get(id);
    if (first) onDuplicate(item, first);
    else map.set(id, item);
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
