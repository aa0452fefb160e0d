import { MultiDirectedGraph } from 'graphology';
import neo4j, { type ManagedTransaction, type Node, type Relationship } from 'neo4j-driver';
import { isRelationType } from '../../model';
import { entityAttributes, type EntityAttributes, type GraphAttributes, type RelationAttributes } from '../../model';
import type { CypherOptions, CypherResult } from '../port';
import { CypherQueryError } from '../../model/errors';
import { type GraphJson } from '../../model';
import { query } from './cypher-files';
import { entityFromProps, relationAttributesOf, relationFromProps, sourceFromProps } from './mapping';
import { runStatement, type Sessions } from './sessions';
import { paramsFromJson, toPlain } from './values';

/**
 * Runs a user's read-only Cypher (already passed by src/cypher-guard): Neo4j's own plan must say
 * it reads (refuseUnlessReadOnly), then it runs under runInReadTransaction's limits. The user's
 * text is the one query not read from cypher/: it is sent as written, with its parameters as
 * parameters.
 */
export function runUserCypher(
  sessions: Sessions,
  text: string,
  params: Record<string, unknown>,
  options: CypherOptions,
): Promise<CypherResult> {
  return runInReadTransaction(sessions, text, params, options, (tx) => refuseUnlessReadOnly(tx, text, params));
}

/**
 * The last line of defence and the limits, for runUserCypher (and for the tests that prove this
 * line holds with the ones before it bypassed): a READ transaction, in which Neo4j refuses any
 * write when it is tried, with the server-side timeout. Rows are pulled from the stream in small
 * batches and the stream is cancelled past maxRows, so a huge result is never buffered.
 * `beforeRun` runs first in the same transaction.
 */
export async function runInReadTransaction(
  sessions: Sessions,
  text: string,
  params: Record<string, unknown>,
  options: CypherOptions,
  beforeRun?: (tx: ManagedTransaction) => Promise<void>,
): Promise<CypherResult> {
  try {
    return await sessions.read(
      async (tx) => {
        await beforeRun?.(tx);
        const result = tx.run(text, paramsFromJson(params) as Record<string, unknown>);
        const columns = await result.keys();
        const rows: unknown[][] = [];
        const collector = new GraphCollector();
        let truncated = false;
        for await (const record of result) {
          if (rows.length >= options.maxRows) {
            truncated = true;
            break;
          }
          rows.push(
            columns.map((c) => {
              const value = record.get(c);
              collector.visit(value);
              return toPlain(value);
            }),
          );
        }
        const missing = collector.missingEnds();
        if (missing.length > 0) {
          for (const r of await runStatement(tx, query('nodes-by-element-id'), { elementIds: missing }))
            collector.visit(r.get('n'));
        }
        const sources = (await runStatement(tx, query('source-list'))).map((r) => sourceFromProps(r.get('source')));
        return { columns: [...columns], rows, graph: collector.toGraph(sources), truncated };
      },
      { timeoutMs: options.timeoutMs, fetchSize: Math.max(1, Math.min(options.maxRows + 1, 1000)) },
    );
  } catch (err) {
    // The person who wrote the query is told the limit it ran into.
    if (err instanceof CypherQueryError && err.reason === 'timeout') {
      throw new CypherQueryError(
        'timeout',
        `the query ran past its time limit of ${formatSeconds(options.timeoutMs)} and was stopped; narrow it (add LIMIT, bound path lengths)`,
      );
    }
    throw err;
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** A leading EXPLAIN or PROFILE (the user's own), which cannot be doubled. */
const PLAN_PREFIX = /^\s*(?:EXPLAIN|PROFILE)\b\s*/i;

/**
 * Defence in depth behind the guard: Neo4j itself plans the query (EXPLAIN runs nothing) and says
 * what kind it is. Anything but a read (`r`: not `rw`, `w` or `s` for schema) is refused before it
 * runs, whatever the guard missed; the READ transaction would refuse a write too, but only once
 * it tried.
 */
export async function refuseUnlessReadOnly(
  tx: Pick<ManagedTransaction, 'run'>,
  text: string,
  params: Record<string, unknown>,
): Promise<void> {
  const planned = `EXPLAIN ${text.replace(PLAN_PREFIX, '')}`;
  const summary = await tx.run(planned, paramsFromJson(params) as Record<string, unknown>).summary();
  if (summary.queryType !== 'r') {
    throw new CypherQueryError(
      'refused',
      `Neo4j plans this query as type "${summary.queryType}", not a read ("r"); only read queries are run`,
    );
  }
}

/**
 * Nodes, relationships and paths found anywhere in the rows (inside lists and maps too). Entities
 * and relations of the knowledge graph keep their ids and keys, so the viewer can merge the
 * result with what it already shows; other nodes and relationships are keyed by element id.
 */
export class GraphCollector {
  private readonly nodes = new Map<string, Node>();
  private readonly relationships = new Map<string, Relationship>();

  visit(value: unknown): void {
    if (value === null || typeof value !== 'object') return;
    if (neo4j.isNode(value)) this.nodes.set((value as Node).elementId, value as Node);
    else if (neo4j.isRelationship(value))
      this.relationships.set((value as Relationship).elementId, value as Relationship);
    else if (neo4j.isPath(value)) {
      const path = value as { segments: { start: Node; relationship: Relationship; end: Node }[]; start: Node };
      this.visit(path.start);
      for (const s of path.segments) {
        this.visit(s.start);
        this.visit(s.relationship);
        this.visit(s.end);
      }
    } else if (Array.isArray(value)) value.forEach((v) => this.visit(v));
    else if (!neo4j.isInt(value)) Object.values(value).forEach((v) => this.visit(v));
  }

  /** Element ids of relationship ends that the rows did not include. */
  missingEnds(): string[] {
    const missing = new Set<string>();
    for (const r of this.relationships.values()) {
      for (const end of [r.startNodeElementId, r.endNodeElementId]) if (!this.nodes.has(end)) missing.add(end);
    }
    return [...missing];
  }

  toGraph(sources: GraphAttributes['sources']): GraphJson {
    const graph = new MultiDirectedGraph<EntityAttributes, RelationAttributes, GraphAttributes>();
    graph.replaceAttributes({ sources });
    const keyOf = new Map<string, string>();
    for (const node of this.nodes.values()) {
      const key =
        node.labels.includes('Entity') && typeof node.properties.id === 'string' ? node.properties.id : node.elementId;
      keyOf.set(node.elementId, key);
      if (!graph.hasNode(key)) graph.addNode(key, nodeAttributes(node));
    }
    for (const rel of this.relationships.values()) {
      const source = keyOf.get(rel.startNodeElementId);
      const target = keyOf.get(rel.endNodeElementId);
      if (source === undefined || target === undefined) continue;
      const key =
        isRelationType(String(rel.properties.type)) && typeof rel.properties.key === 'string'
          ? rel.properties.key
          : rel.elementId;
      if (!graph.hasEdge(key)) graph.addDirectedEdgeWithKey(key, source, target, edgeAttributes(rel, source, target));
    }
    return graph.export() as GraphJson;
  }
}

function nodeAttributes(node: Node): EntityAttributes {
  if (node.labels.includes('Entity')) {
    try {
      return entityAttributes(entityFromProps(node.properties));
    } catch {
      // A node labelled Entity by hand, not by kg seed: shown with what it has.
    }
  }
  const props = toPlain(node.properties) as Record<string, unknown>;
  const name = [props.name, props.title, props.id].find((v) => typeof v === 'string') as string | undefined;
  // Not an entity (a Source, or a node someone added): drawn with its label as its kind.
  return {
    ...props,
    kind: node.labels[0] ?? 'Node',
    name: name ?? node.elementId,
    aliases: [],
    demonyms: [],
    description: '',
    facts: [],
    mentions: [],
  } as unknown as EntityAttributes;
}

function edgeAttributes(rel: Relationship, from: string, to: string): RelationAttributes {
  if (isRelationType(String(rel.properties.type))) {
    try {
      return relationAttributesOf(relationFromProps(rel.properties, from, to));
    } catch {
      // fall through: shown as a plain relationship
    }
  }
  const props = toPlain(rel.properties) as Record<string, unknown>;
  return {
    ...props,
    type: rel.type,
    status: 'reported',
    assertedBy: [],
    evidence: [],
  } as unknown as RelationAttributes;
}
