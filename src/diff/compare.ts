import type { Citation, CitedEvidence, Fact, KnowledgeBase, LoadedRelation } from '../model';
import { byCodeUnits, entityOrder } from '../model';
import { citeEvidence } from '../store/explain';
import type { FieldChange, KnowledgeBaseDiff, RelationChange, RelationRef, Side } from './changes';
import { pairRelations } from './pair-relations';

type Labelled = { label: string; kb: KnowledgeBase };

/**
 * Sources and entities matched by id, relations as pairRelations pairs them. Both sides come from
 * the loader, defaults filled in alike, so only what a reader would call a change is reported.
 */
export function diffKnowledgeBases(old: Labelled, next: Labelled): KnowledgeBaseDiff {
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
    ...facts(a.facts, b.facts),
    ...citations('mentions', oldCite(a.mentions), newCite(b.mentions)),
  ]);

  const { pairs, added, removed } = pairRelations(old.kb.relations, next.kb.relations);
  // Unset fields are undefined, which JSON leaves out.
  const relationRef = (r: LoadedRelation, cite: typeof oldCite): RelationRef => {
    const { key, type, from, to, status, assertedBy, since, until, evidence } = r;
    return { key, type, from, to, status, assertedBy, since, until, evidence: cite(evidence) };
  };
  const relations = {
    added: added.map((r) => relationRef(r, newCite)),
    removed: removed.map((r) => relationRef(r, oldCite)),
    changed: pairs.flatMap(([a, b]): RelationChange[] => {
      const changes = [
        ...values(a, b, ['status']),
        ...list('assertedBy', a.assertedBy, b.assertedBy),
        ...values(a, b, ['since', 'until', 'credibility', 'note']),
        ...citations('evidence', oldCite(a.evidence), newCite(b.evidence)),
      ];
      if (changes.length === 0 && a.key === b.key) return [];
      return [{ ...relationRef(b, newCite), previousKey: a.key !== b.key ? a.key : undefined, changes }];
    }),
  };

  const nameOf = new Map([...old.kb.entities, ...next.kb.entities].map((e) => [e.id, e.name]));
  const refs = [...relations.added, ...relations.removed, ...relations.changed];
  const named = refs.flatMap((r) => [r.from, r.to, ...r.assertedBy]);
  for (const c of relations.changed.flatMap((r) => r.changes))
    if (c.kind === 'list') named.push(...c.added, ...c.removed);
  const names = Object.fromEntries([...new Set(named)].sort(byCodeUnits).map((id) => [id, nameOf.get(id) ?? id]));
  return { old: side(old), new: side(next), sources, entities, relations, names };
}

function side({ label, kb }: Labelled): Side {
  return { label, sources: kb.sources.length, entities: kb.entities.length, relations: kb.relations.length };
}

/** What came and what went, items matched by `keyOf`: a reordering alone is no change. */
function cameAndWent<T>(before: readonly T[], after: readonly T[], keyOf: (item: T) => unknown = (item) => item) {
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

/** A list of names or ids: what came and what went. */
function list(field: string, before: readonly string[], after: readonly string[]): FieldChange[] {
  const { added, removed } = cameAndWent(before, after);
  return added.length + removed.length > 0 ? [{ field, kind: 'list', added, removed }] : [];
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

/** Facts are compared whole: a figure revised is the old one removed and the new one added. */
function facts(before: Fact[], after: Fact[]): FieldChange[] {
  const text = (f: Fact) => JSON.stringify(Object.entries(f).sort(([x], [y]) => byCodeUnits(x, y)));
  const { added, removed } = cameAndWent(before, after, text);
  return added.length + removed.length > 0 ? [{ field: 'facts', kind: 'facts', added, removed }] : [];
}
