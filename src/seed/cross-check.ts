import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CitationSchema, EntitySchema, FactSchema, RelationSchema, SourceSchema } from '../model';
import { notBefore, RELATION_TYPES, Slug } from '../model';
import type { Citation, Entity, KnowledgeBase, Relation, Source } from '../model';
import type { Problem } from './problems';
import type { LocatedItem, Raw } from './yaml-file';

/** How far a citation's context paragraphs may lie from the cited paragraph. */
export const MAX_CONTEXT_DISTANCE = 3;

const named = (kind: string, ...names: unknown[]) => `${kind} ${names.map((n) => String(n ?? '?')).join(' ')}`;
export const ITEMS = {
  source: { schema: SourceSchema, subject: (s: Raw) => named('source', s.id) },
  entity: { schema: EntitySchema, subject: (e: Raw) => named('entity', e.id) },
  relation: { schema: RelationSchema, subject: (r: Raw) => named('relation', r.from, r.type, r.to) },
};

/** What was read from every file, each item with its place; items the schema refused kept apart. */
export interface ReadItems {
  sources: LocatedItem<Source>[];
  entities: LocatedItem<Entity>[];
  relations: LocatedItem<Relation>[];
  rejected: { entity: LocatedItem<Raw>[]; relation: LocatedItem<Raw>[] };
}

/** Checks that need every file at once: ids, references, citations, date order, usual kinds. */
export function crossCheck(kb: KnowledgeBase, read: ReadItems, sourcesDir: string | undefined): Problem[] {
  const problems: Problem[] = [];
  type Kind = keyof typeof ITEMS;
  type Item = LocatedItem<object>;
  const report =
    (severity: Problem['severity']) => (kind: Kind, at: Item, field: string | undefined, message: string) => {
      const [subject, line] = [ITEMS[kind].subject(at.value as Raw), field ? at.lineOf(field) : at.line];
      problems.push({ severity, file: at.file, line, subject, ...(field ? { field } : {}), message });
    };
  const [error, warn] = [report('error'), report('warning')];

  /** The index of each id's (or relation key's) first item; a later item with the same one is an error. */
  const firstById = (kind: Kind, items: Item[], key: 'id' | 'key') => {
    const first = new Map<string, number>();
    items.forEach((at, k) => {
      const id = (at.value as Raw)[key] as string;
      const seen = first.get(id);
      if (seen === undefined) return first.set(id, k);
      const where = `${items[seen]!.file}:${items[seen]!.line}`;
      if (kind !== 'relation') return error(kind, at, 'id', `duplicate id; first defined at ${where}`);
      const advice = 'merge the evidence into one relation, or give them distinct ids';
      error(kind, at, undefined, `duplicate relation (key "${id}"), first at ${where}; ${advice}`);
    });
    return first;
  };
  const sourceById = firstById('source', read.sources, 'id');
  const entityById = firstById('entity', read.entities, 'id');
  firstById('relation', read.relations, 'key');

  const paragraphsOf = sourcesDir ? sourceParagraphs(sourcesDir) : () => null;
  /** Citations in `list` of an item (none where one is malformed): a known source, paragraphs it has, context near. */
  const checkCitations = (kind: Kind, at: Item, list: string, citations: readonly (CitationLike | undefined)[]) =>
    citations.forEach((c, index) => {
      if (!c) return;
      const field = `${list}.${index}`;
      const found = sourceById.get(c.source);
      if (found === undefined) return error(kind, at, `${field}.source`, `unknown source "${c.source}"`);
      const count = paragraphsOf(kb.sources[found]!)?.length ?? null;
      const beyond = (p: number) => `paragraph ${p} does not exist; source "${c.source}" has ${count} paragraphs`;
      if (count !== null && c.paragraph > count) error(kind, at, `${field}.paragraph`, beyond(c.paragraph));
      for (const [i, p] of (c.context ?? []).entries()) {
        if (p === c.paragraph || Math.abs(p - c.paragraph) > MAX_CONTEXT_DISTANCE) {
          const message = `context paragraph ${p} must differ from paragraph ${c.paragraph} and lie at most ${MAX_CONTEXT_DISTANCE} paragraphs from it`;
          error(kind, at, `${field}.context.${i}`, message);
        } else if (count !== null && p > count) error(kind, at, `${field}.context.${i}`, beyond(p));
      }
    });
  const checkDates = (kind: Kind, at: Item, { since, until }: { since?: string; until?: string }) => {
    if (since && until && !notBefore(until, since)) error(kind, at, 'until', `until ${until} is before since ${since}`);
  };

  for (const at of sourcesDir ? read.sources : []) {
    const { file } = at.value;
    if (!isFile(path.join(sourcesDir!, file))) error('source', at, 'file', `"${file}" not found in ${sourcesDir}`);
  }
  for (const at of read.entities) {
    checkDates('entity', at, at.value);
    checkCitations('entity', at, 'facts', at.value.facts);
    checkCitations('entity', at, 'mentions', at.value.mentions);
  }

  for (const [k, rel] of kb.relations.entries()) {
    const at = read.relations[k]!;
    const fromEntity = kb.entities[entityById.get(rel.from) ?? -1];
    const toEntity = kb.entities[entityById.get(rel.to) ?? -1];
    if (!fromEntity) error('relation', at, 'from', `unknown entity "${rel.from}"`);
    if (!toEntity) error('relation', at, 'to', `unknown entity "${rel.to}"`);
    if (rel.from === rel.to) error('relation', at, 'to', 'a relation cannot join an entity to itself');
    for (const [i, a] of rel.assertedBy.entries())
      if (!entityById.has(a)) error('relation', at, `assertedBy.${i}`, `unknown entity "${a}"`);
    checkDates('relation', at, rel);
    checkCitations('relation', at, 'evidence', rel.evidence);
    const asserts = 'should say who asserts it, or say in its note why the sources name nobody';
    if (rel.status !== 'reported' && rel.assertedBy.length === 0 && !rel.note)
      warn('relation', at, 'assertedBy', `a claim with status "${rel.status}" ${asserts}`);
    const usual = RELATION_TYPES[rel.type];
    if (fromEntity && !usual.from.includes(fromEntity.kind))
      warn('relation', at, 'from', `${rel.type} usually starts at ${usual.from.join('/')}, not ${fromEntity.kind}`);
    if (toEntity && !usual.to.includes(toEntity.kind))
      warn('relation', at, 'to', `${rel.type} usually ends at ${usual.to.join('/')}, not ${toEntity.kind}`);
  }

  // Refused items (already reported) may hold more mistakes: their well-formed references and citations are checked.
  const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const wellFormed = (at: Item, list: string, schema: typeof CitationSchema | typeof FactSchema) =>
    listOf((at.value as Raw)[list]).map((c) => schema.safeParse(c).data);
  for (const at of read.rejected.relation) {
    const asserters = listOf(at.value.assertedBy).map((a, i) => [`assertedBy.${i}`, a] as const);
    for (const [field, value] of [['from', at.value.from] as const, ['to', at.value.to] as const, ...asserters]) {
      const id = Slug.safeParse(value).data;
      if (id !== undefined && !entityById.has(id)) error('relation', at, field, `unknown entity "${id}"`);
    }
    checkCitations('relation', at, 'evidence', wellFormed(at, 'evidence', CitationSchema));
  }
  for (const at of read.rejected.entity) {
    checkCitations('entity', at, 'facts', wellFormed(at, 'facts', FactSchema));
    checkCitations('entity', at, 'mentions', wellFormed(at, 'mentions', CitationSchema));
  }
  return problems;
}

type CitationLike = Pick<Citation, 'source' | 'paragraph' | 'context'>;

/** Each source's paragraphs, read once; null when its file is not in the folder. */
export function sourceParagraphs(sourcesDir: string): (source: Source) => string[] | null {
  const texts = new Map<string, string[] | null>();
  return (source) => {
    const file = path.join(sourcesDir, source.file);
    if (!texts.has(file)) texts.set(file, isFile(file) ? splitParagraphs(readFileSync(file, 'utf8')) : null);
    return texts.get(file) ?? null;
  };
}

/** Paragraph N of a source is its N-th non-empty line. */
export const splitParagraphs = (text: string): string[] => text.split(/\r?\n/).filter((line) => line.trim().length > 0);

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();
