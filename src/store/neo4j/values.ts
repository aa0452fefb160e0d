import neo4j, { type Integer, type Node, type Path, type Relationship } from 'neo4j-driver';

/**
 * Neo4j values as plain JSON. Integers become numbers (or decimal strings past 2^53, which a
 * number would silently round), temporal values their ISO text, graph values plain objects.
 */
export interface PlainNode {
  elementId: string;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface PlainRelationship {
  elementId: string;
  type: string;
  start: string;
  end: string;
  properties: Record<string, unknown>;
}

export function integerToPlain(value: Integer): number | string {
  return neo4j.integer.inSafeRange(value) ? value.toNumber() : value.toString();
}

function isTemporal(value: unknown): boolean {
  return (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isDuration(value)
  );
}

export function nodeToPlain(node: Node): PlainNode {
  return { elementId: node.elementId, labels: [...node.labels], properties: toPlainMap(node.properties) };
}

export function relationshipToPlain(rel: Relationship): PlainRelationship {
  return {
    elementId: rel.elementId,
    type: rel.type,
    start: rel.startNodeElementId,
    end: rel.endNodeElementId,
    properties: toPlainMap(rel.properties),
  };
}

function toPlainMap(map: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, toPlain(v)]));
}

export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return integerToPlain(value as Integer);
  if (typeof value !== 'object') return value;
  if (isTemporal(value)) return String(value);
  if (neo4j.isPoint(value)) {
    const p = value as { srid: unknown; x: number; y: number; z?: number };
    return { srid: toPlain(p.srid), x: p.x, y: p.y, ...(p.z !== undefined ? { z: p.z } : {}) };
  }
  if (neo4j.isNode(value)) return nodeToPlain(value as Node);
  if (neo4j.isRelationship(value)) return relationshipToPlain(value as Relationship);
  if (neo4j.isPath(value)) {
    const path = value as Path;
    return {
      start: nodeToPlain(path.start),
      end: nodeToPlain(path.end),
      segments: path.segments.map((s) => ({
        start: nodeToPlain(s.start),
        relationship: relationshipToPlain(s.relationship),
        end: nodeToPlain(s.end),
      })),
    };
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return toPlainMap(value as Record<string, unknown>);
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
