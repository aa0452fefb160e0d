import { MultiDirectedGraph } from 'graphology';
import type { Entity, KnowledgeBase, LoadedRelation, Relation, Source } from './schemas';

/** Node and edge attributes in the graph (and in its graphology serialisation): the item less its id and ends. */
export type EntityAttributes = Omit<Entity, 'id'>;
export type RelationAttributes = Omit<Relation, 'id' | 'from' | 'to'>;

export interface GraphAttributes {
  sources: Source[];
}

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
 * Builds the directed multigraph of a validated knowledge base: one node per entity keyed by its
 * id, one edge per relation keyed by its relation key (two claims about the same pair, such as
 * an allegation and its denial, stay two edges). The embedded store does not build it: its
 * compact index (src/store/memory/adjacency.ts) is held to this graph by tests, order included.
 */
export function buildGraph(kb: KnowledgeBase): KnowledgeGraph {
  const graph: KnowledgeGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  graph.replaceAttributes({ sources: kb.sources });
  for (const e of kb.entities) graph.addNode(e.id, entityAttributes(e));
  for (const r of kb.relations) graph.addDirectedEdgeWithKey(r.key, r.from, r.to, relationAttributes(r));
  return graph;
}

/**
 * Edge attributes of a relation, as the graph and its serialisation hold them (both stores use
 * this). Built by assignment rather than spreads of temporary objects:
 * at a million relations the temporaries are seconds of garbage collection. Key order (and so
 * the serialisation) is the same as listing the fields in this order.
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
