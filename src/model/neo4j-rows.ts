import { hash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import { firstDay, lastDay, searchKey } from './index';
import type { Entity, KnowledgeBase, LoadedRelation, Source } from './index';

/**
 * The knowledge base as Neo4j property maps, for both `kg seed` and `kg export --format csv` (so
 * both load the same database); not in src/model/index.ts, since the viewer bundles the model.
 * Rows add what the named queries filter and search on (day bounds of partial dates, folded search
 * keys); citations and facts are JSON text (properties cannot hold maps); `hash` lets a sync tell
 * an unchanged item from an updated one.
 */
type Props = Record<string, unknown>;

/** The properties without undefined values (the driver cannot send them; absent is the same), and their hash. */
function row(all: Props): Props {
  const props = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
  const text = JSON.stringify(props, (_k, v) => (neo4j.isInt(v) ? `int:${String(v)}` : v));
  return { ...props, hash: hash('sha256', text).slice(0, 32) };
}

export function sourceRow(s: Source, order: number): Props {
  return row({
    id: s.id,
    title: s.title,
    authors: s.authors,
    publisher: s.publisher,
    published: s.published,
    publishedFirst: firstDay(s.published),
    file: s.file,
    url: s.url,
    reliability: s.reliability,
    note: s.note,
    order: neo4j.int(order),
  });
}

/** A period as stored, plus its first and last day, which Cypher's date filters compare. */
const period = ({ since, until }: { since?: string; until?: string }) => ({
  since,
  until,
  sinceFirst: since ? firstDay(since) : undefined,
  untilLast: until ? lastDay(until) : undefined,
});

export function entityRow(e: Entity): Props {
  const keys = [e.name, ...e.aliases, ...e.demonyms].map(searchKey);
  return row({
    id: e.id,
    kind: e.kind,
    name: e.name,
    aliases: e.aliases,
    demonyms: e.demonyms,
    description: e.description,
    ...period(e),
    facts: JSON.stringify(e.facts),
    mentions: JSON.stringify(e.mentions),
    // Tokens of the entity_search full-text index (cypher/schema.cypher).
    searchCompact: keys.flatMap((k) => k.replace(/ /g, '') || []).join(' '),
    aliasText: e.aliases.join(' | '),
    demonymText: e.demonyms.join(' | '),
  });
}

export function relationRow(r: LoadedRelation, publishedBySource: ReadonlyMap<string, string>) {
  return {
    from: r.from,
    to: r.to,
    props: row({
      key: r.key,
      id: r.id,
      type: r.type,
      status: r.status,
      ...period(r),
      assertedBy: r.assertedBy,
      credibility: r.credibility === undefined ? undefined : neo4j.int(r.credibility),
      note: r.note,
      evidence: JSON.stringify(r.evidence),
      evidenceSources: r.evidence.map((c) => c.source),
      // The last day each cited source's date could mean: knownBy reads a source dated 2024 as
      // surely published only on 2024-12-31 (validation guarantees the source exists).
      evidencePublished: r.evidence.map((c) => lastDay(publishedBySource.get(c.source) ?? '9999')),
    }),
  };
}

/** One SUPPORTS link per (source, entity) pair cited by the entity's facts or mentions. */
export function supportRows(entities: readonly Entity[]) {
  return entities.flatMap((e) => {
    const bySource = new Map<string, number[]>();
    for (const c of [...e.facts, ...e.mentions])
      bySource.set(c.source, [...(bySource.get(c.source) ?? []), c.paragraph]);
    return [...bySource].map(([source, paragraphs]) => ({
      source,
      entity: e.id,
      citations: neo4j.int(paragraphs.length),
      paragraphs: [...new Set(paragraphs)].sort((a, b) => a - b).map((p) => neo4j.int(p)),
    }));
  });
}

export type SeedRows = ReturnType<typeof seedRows>;

export function seedRows(kb: KnowledgeBase) {
  const published = new Map(kb.sources.map((s) => [s.id, s.published]));
  return {
    sources: kb.sources.map((s, i) => sourceRow(s, i)),
    entities: kb.entities.map(entityRow),
    relations: kb.relations.map((r) => relationRow(r, published)),
    supports: supportRows(kb.entities),
  };
}
