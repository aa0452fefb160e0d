import { createHash } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';

/**
 * What a Neo4j database holds, read back with Cypher, in a form two reads can be compared by:
 * every node and every relationship under a stable name, with its labels or type, its ends, its
 * properties in a canonical text (keys sorted, integers and floats told apart) and its element id
 * (so "updated in place" and "deleted and created again" differ). Independent of the code under
 * test: it reads with its own driver and plain Cypher, not with the store.
 */

export interface Item {
  /** The server's element id: equal before and after means the same node or relationship. */
  elementId: string;
  /** Labels or type, ends and properties, canonical: equal texts mean equal content, byte for byte. */
  content: string;
}

export interface Snapshot {
  /** `Entity:<id>`, `Source:<id>`, or `?:<elementId>` for a node the seed does not manage. */
  nodes: Map<string, Item>;
  /** An entity relation by its key; a source link as `SUPPORTS <source> -> <entity>`. */
  relationships: Map<string, Item>;
}

/** Neo4j values as tagged JSON: an Integer and a float of the same value are different texts. */
function canonical(value: unknown): unknown {
  if (neo4j.isInt(value)) return { $int: value.toString() };
  if (typeof value === 'number') return { $float: Object.is(value, -0) ? '-0' : String(value) };
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const text = (value: unknown) => JSON.stringify(canonical(value));

function nodeName(labels: string[], id: unknown, elementId: string): string {
  if (typeof id === 'string' && labels.includes('Entity')) return `Entity:${id}`;
  if (typeof id === 'string' && labels.includes('Source')) return `Source:${id}`;
  return `?:${elementId}`;
}

/** Reads every node and relationship of the database. */
export async function snapshot(driver: Driver, database?: string): Promise<Snapshot> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ, ...(database ? { database } : {}) });
  try {
    const nodes = new Map<string, Item>();
    const names = new Map<string, string>();
    const n = await session.run('MATCH (n) RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props');
    for (const r of n.records) {
      const labels = [...(r.get('labels') as string[])].sort();
      const props = r.get('props') as Record<string, unknown>;
      const name = nodeName(labels, props.id, r.get('eid'));
      if (nodes.has(name)) throw new Error(`two nodes are named ${name}`);
      names.set(r.get('eid'), name);
      nodes.set(name, { elementId: r.get('eid'), content: text({ labels, props }) });
    }
    const relationships = new Map<string, Item>();
    const rels = await session.run(
      'MATCH (a)-[r]->(b) RETURN elementId(r) AS eid, type(r) AS type, elementId(a) AS a, elementId(b) AS b, properties(r) AS props',
    );
    for (const r of rels.records) {
      const props = r.get('props') as Record<string, unknown>;
      const from = names.get(r.get('a'))!;
      const to = names.get(r.get('b'))!;
      const name =
        typeof props.key === 'string'
          ? props.key
          : `${r.get('type')} ${from.replace(/^\w+:/, '')} -> ${to.replace(/^\w+:/, '')}`;
      if (relationships.has(name)) throw new Error(`two relationships are named ${name}`);
      relationships.set(name, { elementId: r.get('eid'), content: text({ type: r.get('type'), from, to, props }) });
    }
    return { nodes, relationships };
  } finally {
    await session.close();
  }
}

/** One hash of the whole content (element ids left out): equal hashes, equal databases. */
export function contentHash(s: Snapshot): string {
  const hash = createHash('sha256');
  for (const [section, items] of [
    ['nodes', s.nodes],
    ['relationships', s.relationships],
  ] as const) {
    for (const name of [...items.keys()].sort()) hash.update(`${section}\0${name}\0${items.get(name)!.content}\n`);
  }
  return hash.digest('hex');
}

export interface Difference {
  added: string[];
  removed: string[];
  /** Same element, other content: updated in place. */
  changed: string[];
  /** Same name, other element id: deleted and created again (content may be equal). */
  recreated: string[];
}

function compare(before: Map<string, Item>, after: Map<string, Item>): Difference {
  const d: Difference = { added: [], removed: [], changed: [], recreated: [] };
  for (const [name, item] of after) {
    const old = before.get(name);
    if (!old) d.added.push(name);
    else if (old.elementId !== item.elementId) d.recreated.push(name);
    else if (old.content !== item.content) d.changed.push(name);
  }
  for (const name of before.keys()) if (!after.has(name)) d.removed.push(name);
  for (const list of Object.values(d)) list.sort();
  return d;
}

/** What changed between two snapshots, per node and per relationship. */
export function difference(before: Snapshot, after: Snapshot): { nodes: Difference; relationships: Difference } {
  return {
    nodes: compare(before.nodes, after.nodes),
    relationships: compare(before.relationships, after.relationships),
  };
}

export const NO_DIFFERENCE: Difference = { added: [], removed: [], changed: [], recreated: [] };

/**
 * Counts as Cypher gives them: nodes per label; relationships between entities per type and
 * status; source links (Source to Entity) apart, since the relation type `supports` is stored
 * under the same Neo4j type, SUPPORTS, as the source links.
 */
export async function cypherCounts(
  driver: Driver,
  database?: string,
): Promise<{
  nodes: number;
  relationships: number;
  byLabel: Record<string, number>;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
  sourceLinks: number;
}> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ, ...(database ? { database } : {}) });
  const num = (v: unknown) => (neo4j.isInt(v) ? v.toNumber() : Number(v));
  const table = (records: { get(k: string): unknown }[]) =>
    Object.fromEntries(records.map((r) => [String(r.get('k')), num(r.get('n'))]));
  try {
    const total = (
      await session.run(
        'MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships',
      )
    ).records[0]!;
    const byLabel = table((await session.run('MATCH (n) UNWIND labels(n) AS k RETURN k, count(*) AS n')).records);
    const byType = table(
      (await session.run('MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS k, count(*) AS n')).records,
    );
    const byStatus = table(
      (await session.run('MATCH (:Entity)-[r]->(:Entity) RETURN r.status AS k, count(*) AS n')).records,
    );
    const sourceLinks = num(
      (await session.run('MATCH (:Source)-[l]->(:Entity) RETURN count(l) AS n')).records[0]!.get('n'),
    );
    return {
      nodes: num(total.get('nodes')),
      relationships: num(total.get('relationships')),
      byLabel,
      byType,
      byStatus,
      sourceLinks,
    };
  } finally {
    await session.close();
  }
}
