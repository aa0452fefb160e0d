import type { NeighborhoodResult } from '../model';

/**
 * The UTF-8 JSON of each frozen element a store answers with, keyed by the object. The embedded
 * store answers with its own frozen entities and relations, so a neighbourhood's body is a series
 * of copies of bytes written once per element, instead of a JSON text built and encoded per
 * request (a few hundred kilobytes at depth 2; see README, Design notes, for the measured figures).
 * Objects that are not frozen (Neo4j's, new per answer) are written each time and never kept.
 */
const written = new WeakMap<object, Buffer>();
const COMMA = Buffer.from(',');

function bytesOf(element: object): Buffer {
  if (!Object.isFrozen(element)) return Buffer.from(JSON.stringify(element));
  let bytes = written.get(element);
  if (!bytes) written.set(element, (bytes = Buffer.from(JSON.stringify(element))));
  return bytes;
}

/** Exactly `JSON.stringify(answer)` as UTF-8, in one buffer from `allocate` (the API lends pooled ones). */
export function neighborhoodJson(
  answer: NeighborhoodResult,
  allocate: (length: number) => Buffer = Buffer.allocUnsafe,
): Buffer {
  const { graph, truncated, counts } = answer;
  const parts: Uint8Array[] = [Buffer.from(`{"graph":{"options":${JSON.stringify(graph.options)},"attributes":`)];
  parts.push(bytesOf(graph.attributes));
  for (const [open, elements] of [
    [',"nodes":[', graph.nodes],
    ['],"edges":[', graph.edges],
  ] as const) {
    parts.push(Buffer.from(open));
    elements.forEach((element, i) => {
      if (i > 0) parts.push(COMMA);
      parts.push(bytesOf(element));
    });
  }
  parts.push(Buffer.from(`]},"truncated":${truncated},"counts":${JSON.stringify(counts)}}`));
  let length = 0;
  for (const part of parts) length += part.length;
  const out = allocate(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
