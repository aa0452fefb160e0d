import neo4j from 'neo4j-driver';
import { EntitySchema, isEntityKind, isRelationType, RelationSchema, SourceSchema } from '../../model';
import type { Entity, LoadedRelation, Source } from '../../model';

const TEMPORAL = ['isDate', 'isDateTime', 'isLocalDateTime', 'isLocalTime', 'isTime', 'isDuration'] as const;

/**
 * Neo4j values as plain JSON. Integers become numbers (or decimal strings past 2^53, which a
 * number would silently round), temporal values their ISO text, graph values plain objects.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return neo4j.integer.inSafeRange(value) ? value.toNumber() : value.toString();
  if (typeof value !== 'object') return value;
  if (TEMPORAL.some((is) => neo4j[is](value))) return String(value);
  // A 2D point's z is undefined, so the JSON answer leaves it out.
  if (neo4j.isPoint(value)) return { srid: toPlain(value.srid), x: value.x, y: value.y, z: value.z };
  if (neo4j.isNode(value))
    return { elementId: value.elementId, labels: [...value.labels], properties: toPlain(value.properties) };
  if (neo4j.isRelationship(value)) {
    const { elementId, type, startNodeElementId: start, endNodeElementId: end, properties } = value;
    return { elementId, type, start, end, properties: toPlain(properties) };
  }
  if (neo4j.isPath(value)) return toPlain({ start: value.start, end: value.end, segments: value.segments });
  if (Array.isArray(value)) return value.map(toPlain);
  // The driver reads a byte array as an Int8Array: its bytes as base64, not an object keyed by index.
  if (ArrayBuffer.isView(value))
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
}

/**
 * Parameters a user sends as JSON, ready for the driver: whole numbers become Integers, since
 * Cypher refuses a float where it needs an integer (LIMIT 10.0) and compares 3 = 3.0 as equal.
 */
export function paramsFromJson(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(paramsFromJson);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, paramsFromJson(v)]));
  return value;
}

/**
 * The model fields a schema names, from a property map src/model/neo4j-rows.ts wrote, absent ones
 * left out; `json` fields are JSON text, since Neo4j properties cannot hold maps.
 */
function fields(schema: { shape: object }, value: unknown, json: readonly string[] = []): Record<string, unknown> {
  const p = toPlain(value) as Record<string, unknown>;
  const present = Object.keys(schema.shape).filter((k) => p[k] != null);
  return Object.fromEntries(present.map((k) => [k, json.includes(k) ? JSON.parse(p[k] as string) : p[k]]));
}

// The defaults fill in a node labelled Entity (or a relationship given a relation type) by hand.
export function entityFromProps(value: unknown): Entity {
  const e: Partial<Entity> = fields(EntitySchema, value, ['facts', 'mentions']);
  const kind = String(e.kind ?? '');
  if (!isEntityKind(kind)) throw new Error(`entity ${String(e.id)} has unknown kind "${kind}"; re-run kg seed`);
  return { aliases: [], demonyms: [], description: '', facts: [], mentions: [], ...e } as Entity;
}

export function relationFromProps(value: unknown, from: string, to: string): LoadedRelation {
  const key = (value as { key: string }).key;
  const r: Partial<LoadedRelation> = fields(RelationSchema, value, ['evidence']);
  const type = String(r.type ?? '');
  if (!isRelationType(type)) throw new Error(`relation ${String(key)} has unknown type "${type}"; re-run kg seed`);
  return { key, status: 'reported', assertedBy: [], evidence: [], ...r, from, to } as LoadedRelation;
}

export const sourceFromProps = (value: unknown) => fields(SourceSchema, value) as Source;
