import {
  byCodeUnits,
  entityOrder,
  type Citation,
  type CitedEvidence,
  type Entity,
  type Fact,
  type KnowledgeBase,
  type LoadedRelation,
  type Source,
} from '../model';
import { citeEvidence } from '../store/explain';
import type { EntityRef, FieldChange, KnowledgeBaseDiff, RelationRef, SourceRef } from './changes';
import { pairRelations } from './pair-relations';

/**
 * What changed from one knowledge base to another: sources and entities matched by id, relations
 * as pairRelations matches them, and for each item on both sides the fields that differ. Both
 * knowledge bases come from the loader, so defaults are filled in alike (an absent `aliases` and
 * `aliases: []` are the same) and only what a reader would call a change is reported.
 */
export function diffKnowledgeBases(
  old: { label: string; kb: KnowledgeBase },
  next: { label: string; kb: KnowledgeBase },
): KnowledgeBaseDiff {
  const oldSources = new Map(old.kb.sources.map((s) => [s.id, s]));
  const newSources = new Map(next.kb.sources.map((s) => [s.id, s]));
  // Citations are resolved against the side they belong to: a removed citation of a removed source still has its title.
  const oldCite = (evidence: readonly Citation[]) => citeEvidence(evidence, oldSources);
  const newCite = (evidence: readonly Citation[]) => citeEvidence(evidence, newSources);

  const sources = byId(old.kb.sources, next.kb.sources, sourceRef, (a, b) => [
    ...values(a, b, ['title', 'publisher', 'published', 'file', 'url', 'reliability', 'note']),
    ...list('authors', a.authors, b.authors),
  ]);

  const entities = byId(old.kb.entities, next.kb.entities, entityRef, (a, b) => [
    ...values(a, b, ['kind', 'name']),
    ...list('aliases', a.aliases, b.aliases),
    ...list('demonyms', a.demonyms, b.demonyms),
    ...values(a, b, ['description', 'since', 'until']),
    ...facts(a.facts, b.facts),
    ...citations('mentions', oldCite(a.mentions), newCite(b.mentions)),
  ]);

  const { pairs, added, removed } = pairRelations(old.kb.relations, next.kb.relations);
  const relationRef = (r: LoadedRelation, cite: typeof oldCite): RelationRef => ({
    key: r.key,
    type: r.type,
    from: r.from,
    to: r.to,
    status: r.status,
    assertedBy: r.assertedBy,
    ...(r.since ? { since: r.since } : {}),
    ...(r.until ? { until: r.until } : {}),
    evidence: cite(r.evidence),
  });
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
      return [{ ...relationRef(b, newCite), ...(a.key !== b.key ? { previousKey: a.key } : {}), changes }];
    }),
  };

  const side = (s: { label: string; kb: KnowledgeBase }) => ({
    label: s.label,
    sources: s.kb.sources.length,
    entities: s.kb.entities.length,
    relations: s.kb.relations.length,
  });
  const nameOf = new Map([...old.kb.entities, ...next.kb.entities].map((e) => [e.id, e.name]));
  const asserterChanges = relations.changed.flatMap((r) =>
    r.changes.flatMap((c) => (c.kind === 'list' ? [...c.added, ...c.removed] : [])),
  );
  const named = [
    ...[...relations.added, ...relations.removed, ...relations.changed].flatMap((r) => [r.from, r.to, ...r.assertedBy]),
    ...asserterChanges,
  ];
  const names = Object.fromEntries([...new Set(named)].sort(byCodeUnits).map((id) => [id, nameOf.get(id) ?? id]));
  return { old: side(old), new: side(next), sources, entities, relations, names };
}

const sourceRef = (s: Source): SourceRef => ({ id: s.id, title: s.title });
const entityRef = (e: Entity): EntityRef => ({ id: e.id, kind: e.kind, name: e.name });

/** Items matched by id: added and removed as references, changed with their field changes (new side's names). */
function byId<T extends { id: string }, Ref>(
  oldItems: readonly T[],
  newItems: readonly T[],
  ref: (item: T) => Ref,
  compare: (a: T, b: T) => FieldChange[],
) {
  const oldById = new Map(oldItems.map((i) => [i.id, i]));
  const newById = new Map(newItems.map((i) => [i.id, i]));
  const sorted = (items: Iterable<T>) => [...items].sort(entityOrder);
  return {
    added: sorted(newItems.filter((i) => !oldById.has(i.id))).map(ref),
    removed: sorted(oldItems.filter((i) => !newById.has(i.id))).map(ref),
    changed: sorted(newItems.filter((i) => oldById.has(i.id))).flatMap((b) => {
      const changes = compare(oldById.get(b.id)!, b);
      return changes.length > 0 ? [{ ...ref(b), changes }] : [];
    }),
  };
}

/** Scalar fields that differ, in the order asked. */
function values<T>(a: T, b: T, fields: (keyof T & string)[]): FieldChange[] {
  return fields.flatMap((field) => {
    const before = a[field] as string | number | undefined;
    const after = b[field] as string | number | undefined;
    if (before === after) return [];
    return [
      { field, kind: 'value', ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) },
    ];
  });
}

/** A list of names or ids: what came and what went (a reordering alone is no change). */
function list(field: string, before: readonly string[], after: readonly string[]): FieldChange[] {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  return added.length + removed.length > 0 ? [{ field, kind: 'list', added, removed }] : [];
}

/**
 * Citations are the same when they point at the same paragraph of the same source; one whose note
 * or context changed is listed as changed (as it is now).
 */
function citations(field: string, before: CitedEvidence[], after: CitedEvidence[]): FieldChange[] {
  const where = (c: Citation) => `${c.source}\u0000${c.paragraph}`;
  const beforeAt = new Map(before.map((c) => [where(c), c]));
  const afterAt = new Map(after.map((c) => [where(c), c]));
  const added = after.filter((c) => !beforeAt.has(where(c)));
  const removed = before.filter((c) => !afterAt.has(where(c)));
  const changed = after.filter((c) => {
    const was = beforeAt.get(where(c));
    return was !== undefined && (was.note !== c.note || String(was.context) !== String(c.context));
  });
  return added.length + removed.length + changed.length > 0
    ? [{ field, kind: 'citations', added, removed, changed }]
    : [];
}

/** Facts are compared whole: a figure revised is the old one removed and the new one added. */
function facts(before: Fact[], after: Fact[]): FieldChange[] {
  const text = (f: Fact) => JSON.stringify(Object.entries(f).sort(([x], [y]) => byCodeUnits(x, y)));
  const beforeTexts = new Set(before.map(text));
  const afterTexts = new Set(after.map(text));
  const added = after.filter((f) => !beforeTexts.has(text(f)));
  const removed = before.filter((f) => !afterTexts.has(text(f)));
  return added.length + removed.length > 0 ? [{ field: 'facts', kind: 'facts', added, removed }] : [];
}
