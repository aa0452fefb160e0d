import { MultiDirectedGraph } from 'graphology';
import type { Entity, KnowledgeBase, LoadedRelation, Relation, Source } from './schemas';

/** Node and edge attributes in the graph (and in its graphology serialisation): the item less its id and ends. */
export type EntityAttributes = Omit<Entity, 'id'>;
export type RelationAttributes = Omit<Relation, 'id' | 'from' | 'to'>;

export type GraphAttributes = { sources: Source[] };

export type KnowledgeGraph = MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>;

export function entityAttributes(e: Entity): EntityAttributes {
  return {
    kind: e.kind,
    name: e.name,
    aliases: e.aliases,
    demonyms: e.demonyms,
    description: e.description,
    ...(e.since ? { since: e.since } : {}),
    ...(e.until ? { until: e.until } : {}),
    facts: e.facts,
    mentions: e.mentions,
  };
}

/**
 * The directed multigraph of a validated knowledge base, one edge per relation key (an allegation and its denial stay
 * two edges). The embedded store's compact index (src/store/memory/adjacency.ts) is held to it by tests.
 */
export function buildGraph(kb: KnowledgeBase): KnowledgeGraph {
  const graph: KnowledgeGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  graph.replaceAttributes({ sources: kb.sources });
  for (const e of kb.entities) graph.addNode(e.id, entityAttributes(e));
  for (const r of kb.relations) graph.addDirectedEdgeWithKey(r.key, r.from, r.to, relationAttributes(r));
  return graph;
}

/**
 * A relation's edge attributes, for both stores. Built by assignment, not spreads: at a million relations the
 * temporaries are seconds of garbage collection. Keys (so the serialisation) come in the order assigned.
 */
export function relationAttributes(r: LoadedRelation): RelationAttributes {
  const a = { type: r.type, status: r.status } as RelationAttributes;
  if (r.since) a.since = r.since;
  if (r.until) a.until = r.until;
  a.assertedBy = r.assertedBy;
  if (r.credibility !== undefined) a.credibility = r.credibility;
  if (r.note) a.note = r.note;
  a.evidence = r.evidence;
  return a;
}
