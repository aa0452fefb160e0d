import { MultiDirectedGraph } from 'graphology';
import neo4j, { type ManagedTransaction, type Node, type Relationship } from 'neo4j-driver';
import { entityAttributes, isRelationType, relationAttributes } from '../../model';
import type { EntityAttributes, GraphJson, KnowledgeGraph, RelationAttributes, Source } from '../../model';
import { CypherQueryError } from '../../model/errors';
import type { CypherOptions, CypherResult } from '../port';
import { query } from './cypher-files';
import { runStatement, type Params, type Sessions } from './driver';
import { entityFromProps, paramsFromJson, relationFromProps, sourceFromProps, toPlain } from './values';

/**
 * Runs a user's Cypher (passed by src/cypher-guard) in a READ transaction (Neo4j refuses any write
 * tried in it) under the server-side timeout, after `beforeRun`. Rows come in small batches and the
 * stream is cancelled past maxRows, so a huge result is never buffered.
 */
export async function runInReadTransaction(
  sessions: Sessions,
  text: string,
  params: Params,
  { timeoutMs, maxRows }: CypherOptions,
  beforeRun?: (tx: ManagedTransaction) => Promise<void>,
): Promise<CypherResult> {
  const work = async (tx: ManagedTransaction): Promise<CypherResult> => {
    await beforeRun?.(tx);
    const result = tx.run(text, paramsFromJson(params) as Params);
    const columns = await result.keys();
    const rows: unknown[][] = [];
    const found: Found = { nodes: new Map(), relationships: new Map() };
    let seen = 0;
    for await (const record of result) {
      if (++seen > maxRows) break;
      const values = columns.map((c) => record.get(c) as unknown);
      values.forEach((v) => collect(v, found));
      rows.push(values.map(toPlain));
    }
    // Relationship ends the rows did not include, so the graph has both ends of every edge.
    const ends = [...found.relationships.values()].flatMap((r) => [r.startNodeElementId, r.endNodeElementId]);
    const missing = [...new Set(ends.filter((end) => !found.nodes.has(end)))];
    if (missing.length > 0)
      for (const r of await runStatement(tx, query('nodes-by-element-id'), { elementIds: missing }))
        collect(r.get('n'), found);
    const sources = (await runStatement(tx, query('source-list'))).map((r) => sourceFromProps(r.get('source')));
    return { columns: [...columns], rows, graph: toGraph(found, sources), truncated: seen > maxRows };
  };
  return sessions.read(work, { timeoutMs, fetchSize: Math.max(1, Math.min(maxRows + 1, 1000)) });
}

/**
 * Defence in depth behind the guard: Neo4j plans the query (EXPLAIN runs nothing), and anything but
 * a read (`r`) is refused before it runs; the READ transaction would refuse a write only once it
 * tried. A leading EXPLAIN or PROFILE of the user's own cannot be doubled, so it is dropped.
 */
export async function refuseUnlessReadOnly(tx: Pick<ManagedTransaction, 'run'>, text: string, params: Params) {
  const planned = `EXPLAIN ${text.replace(/^\s*(?:EXPLAIN|PROFILE)\b\s*/i, '')}`;
  const { queryType } = await tx.run(planned, paramsFromJson(params) as Params).summary();
  if (queryType !== 'r')
    throw new CypherQueryError(
      'refused',
      `Neo4j plans this query as type "${queryType}", not a read ("r"); only read queries are run`,
    );
}

/** Nodes and relationships by element id. */
type Found = { nodes: Map<string, Node>; relationships: Map<string, Relationship> };

/** Collects the nodes and relationships anywhere in a value: inside paths, lists and maps too. */
function collect(value: unknown, found: Found): void {
  if (value === null || typeof value !== 'object' || neo4j.isInt(value)) return;
  if (neo4j.isNode(value)) found.nodes.set(value.elementId, value);
  else if (neo4j.isRelationship(value)) found.relationships.set(value.elementId, value);
  else Object.values(value).forEach((v) => collect(v, found));
}

/**
 * The graphology serialisation, as the stores write it. Entities and relations of the knowledge
 * graph keep their ids and keys, so the viewer can merge the result with what it already shows;
 * other nodes and relationships are keyed by element id. The first with a key wins.
 */
function toGraph(found: Found, sources: Source[]): GraphJson {
  const graph: KnowledgeGraph = new MultiDirectedGraph();
  graph.replaceAttributes({ sources });
  const keyOf = new Map<string, string>();
  for (const node of found.nodes.values()) {
    const id = node.properties.id;
    const key = node.labels.includes('Entity') && typeof id === 'string' ? id : node.elementId;
    keyOf.set(node.elementId, key);
    if (!graph.hasNode(key)) graph.addNode(key, nodeAttributes(node));
  }
  for (const rel of found.relationships.values()) {
    const [source, target] = [keyOf.get(rel.startNodeElementId), keyOf.get(rel.endNodeElementId)];
    if (source === undefined || target === undefined) continue; // an end deleted between the two reads
    const { key, type } = rel.properties;
    const edgeKey = isRelationType(String(type)) && typeof key === 'string' ? key : rel.elementId;
    if (!graph.hasEdge(edgeKey)) graph.addEdgeWithKey(edgeKey, source, target, edgeAttributes(rel, source, target));
  }
  return graph.export();
}

/** A node labelled Entity by kg seed as its entity; any other (a Source, one added by hand) drawn with what it has. */
function nodeAttributes(node: Node): EntityAttributes {
  try {
    if (node.labels.includes('Entity')) return entityAttributes(entityFromProps(node.properties));
  } catch {
    // A node labelled Entity by hand: shown with what it has.
  }
  const props = toPlain(node.properties) as Record<string, unknown>;
  const name = [props.name, props.title, props.id].find((v) => typeof v === 'string') ?? node.elementId;
  const none = { aliases: [], demonyms: [], description: '', facts: [], mentions: [] };
  return { ...props, kind: node.labels[0] ?? 'Node', name, ...none } as unknown as EntityAttributes;
}

/** A relation of the knowledge graph as the graph serialisation holds it; any other relationship as a plain one. */
function edgeAttributes(rel: Relationship, from: string, to: string): RelationAttributes {
  try {
    return relationAttributes(relationFromProps(rel.properties, from, to));
  } catch {
    // Not of a relation type of the knowledge graph: shown as a plain relationship.
  }
  const plain = { type: rel.type, status: 'reported', assertedBy: [], evidence: [] };
  return { ...(toPlain(rel.properties) as object), ...plain } as unknown as RelationAttributes;
}
