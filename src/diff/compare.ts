import type { Citation, CitedEvidence, Fact, KnowledgeBase, LoadedRelation } from '../model';
import { byCodeUnits, entityOrder } from '../model';
import { citeEvidence } from '../store/explain';
import { pairRelations } from './pair-relations';

/** What changed (`kg diff --json`), each list in one order (by id, key, field order): the same bytes each time. */
export type KnowledgeBaseDiff = ReturnType<typeof diffKnowledgeBases>;

export type RelationRef = ReturnType<typeof relationRef>;

/** One field that differs. Scalars give both values (absent when unset); lists give what came and went. */
export type FieldChange =
  | { field: string; kind: 'value'; before?: string | number; after?: string | number }
  | { field: string; kind: 'list'; added: string[]; removed: string[] }
  | { field: string; kind: 'citations'; added: CitedEvidence[]; removed: CitedEvidence[]; changed: CitedEvidence[] }
  | { field: string; kind: 'facts'; added: Fact[]; removed: Fact[] };

/** A side compared: a git revision ("HEAD~1"), "working tree", or a folder as named. */
type Labelled = { label: string; kb: KnowledgeBase };

/** Both sides come from the loader, defaults filled in alike: only what a reader would call a change is reported. */
export function diffKnowledgeBases(old: Labelled, next: Labelled) {
  const oldSources = new Map(old.kb.sources.map((s) => [s.id, s]));
  const newSources = new Map(next.kb.sources.map((s) => [s.id, s]));
  // Citations are resolved against the side they belong to: a removed citation of a removed source still has its title.
  const oldCite = (evidence: readonly Citation[]) => citeEvidence(evidence, oldSources);
  const newCite = (evidence: readonly Citation[]) => citeEvidence(evidence, newSources);

  const sources = byId(old.kb.sources, next.kb.sources, ['id', 'title'], (a, b) => [
    ...values(a, b, ['title', 'publisher', 'published', 'file', 'url', 'reliability', 'note']),
    ...list('authors', a.authors, b.authors),
  ]);
  const entities = byId(old.kb.entities, next.kb.entities, ['id', 'kind', 'name'], (a, b) => [
    ...values(a, b, ['kind', 'name']),
    ...list('aliases', a.aliases, b.aliases),
    ...list('demonyms', a.demonyms, b.demonyms),
    ...values(a, b, ['description', 'since', 'until']),
    ...list('facts', a.facts, b.facts),
    ...citations('mentions', oldCite(a.mentions), newCite(b.mentions)),
  ]);

  const { pairs, added, removed } = pairRelations(old.kb.relations, next.kb.relations);
  const relations = {
    added: added.map((r) => relationRef(r, newCite)),
    removed: removed.map((r) => relationRef(r, oldCite)),
    changed: pairs.flatMap(([a, b]) => {
      const changes = [
        ...values(a, b, ['status']),
        ...list('assertedBy', a.assertedBy, b.assertedBy),
        ...values(a, b, ['since', 'until', 'credibility', 'note']),
        ...citations('evidence', oldCite(a.evidence), newCite(b.evidence)),
      ];
      if (changes.length === 0 && a.key === b.key) return [];
      // `previousKey` when the key changed (a new status or asserter).
      return [{ ...relationRef(b, newCite), previousKey: a.key !== b.key ? a.key : undefined, changes }];
    }),
  };

  // The name of every entity the relations name (ends, asserters, those added or removed): as now, or as when removed.
  const nameOf = new Map([...old.kb.entities, ...next.kb.entities].map((e) => [e.id, e.name]));
  const refs = [...relations.added, ...relations.removed, ...relations.changed];
  const named = refs.flatMap((r) => [r.from, r.to, ...r.assertedBy]);
  for (const c of relations.changed.flatMap((r) => r.changes))
    if (c.kind === 'list') named.push(...c.added, ...c.removed);
  const names = Object.fromEntries([...new Set(named)].sort(byCodeUnits).map((id) => [id, nameOf.get(id) ?? id]));
  return { old: side(old), new: side(next), sources, entities, relations, names };
}

/** A relation as one side holds it, its citations resolved against that side's sources (unset fields: left out). */
function relationRef(r: LoadedRelation, cite: (evidence: readonly Citation[]) => CitedEvidence[]) {
  const { key, type, from, to, status, assertedBy, since, until, evidence } = r;
  return { key, type, from, to, status, assertedBy, since, until, evidence: cite(evidence) };
}

function side({ label, kb }: Labelled) {
  return { label, sources: kb.sources.length, entities: kb.entities.length, relations: kb.relations.length };
}

/** What came and what went, items matched by `keyOf`: a reordering alone is no change. */
function cameAndWent<T>(before: readonly T[], after: readonly T[], keyOf: (item: T) => unknown) {
  const had = new Set(before.map(keyOf));
  const has = new Set(after.map(keyOf));
  return { added: after.filter((x) => !had.has(keyOf(x))), removed: before.filter((x) => !has.has(keyOf(x))) };
}

/** Items matched by id: added and removed as references, changed with their field changes (new side's names). */
function byId<T extends { id: string }, K extends keyof T>(
  oldItems: readonly T[],
  newItems: readonly T[],
  shown: K[],
  compare: (a: T, b: T) => FieldChange[],
) {
  const ref = (item: T) => Object.fromEntries(shown.map((k) => [k, item[k]])) as Pick<T, K>;
  const oldById = new Map(oldItems.map((i) => [i.id, i]));
  const { added, removed } = cameAndWent(oldItems, newItems, (i) => i.id);
  return {
    added: added.sort(entityOrder).map(ref),
    removed: removed.sort(entityOrder).map(ref),
    changed: [...newItems].sort(entityOrder).flatMap((b) => {
      const changes = oldById.has(b.id) ? compare(oldById.get(b.id)!, b) : [];
      return changes.length > 0 ? [{ ...ref(b), changes }] : [];
    }),
  };
}

/** Scalar fields that differ, in the order asked (an unset one is undefined, left out of the JSON). */
function values<T>(a: T, b: T, fields: (keyof T & string)[]): FieldChange[] {
  return fields.flatMap((field) => {
    const [before, after] = [a[field], b[field]] as (string | number | undefined)[];
    return before === after ? [] : [{ field, kind: 'value', before, after }];
  });
}

/** Names or ids, or facts compared whole (a figure revised is the old one removed and the new one added). */
function list<T extends string | Fact>(field: string, before: readonly T[], after: readonly T[]): FieldChange[] {
  const whole = (x: T) =>
    typeof x === 'string' ? x : JSON.stringify(Object.entries(x).sort(([a], [b]) => byCodeUnits(a, b)));
  const { added, removed } = cameAndWent(before, after, whole);
  const kind = field === 'facts' ? 'facts' : 'list';
  return added.length + removed.length > 0 ? [{ field, kind, added, removed } as FieldChange] : [];
}

/** Citations match by source and paragraph; one whose note or context changed is listed as changed (as it is now). */
function citations(field: string, before: CitedEvidence[], after: CitedEvidence[]): FieldChange[] {
  const where = (c: Citation) => `${c.source}\u0000${c.paragraph}`;
  const beforeAt = new Map(before.map((c) => [where(c), c]));
  const { added, removed } = cameAndWent(before, after, where);
  const changed = after.filter((c) => {
    const was = beforeAt.get(where(c));
    return was !== undefined && (was.note !== c.note || String(was.context) !== String(c.context));
  });
  const change: FieldChange = { field, kind: 'citations', added, removed, changed };
  return added.length + removed.length + changed.length > 0 ? [change] : [];
}
