import type { NeighborhoodResult } from '../model';

/**
 * The JSON text of each frozen element a store answers with, keyed by the object. The embedded
 * store answers with its own frozen entity and relation objects, so a neighbourhood's body is its
 * elements' texts, each written once, joined. At 100k entities one process served 320 depth-2
 * answers/s with `res.json` against the target of 1,000 (README, Design notes). Objects that are
 * not frozen (Neo4j's, new per answer) are written each time and never kept.
 */
const texts = new WeakMap<object, string>();

function textOf(element: object): string {
  if (!Object.isFrozen(element)) return JSON.stringify(element);
  let text = texts.get(element);
  if (text === undefined) texts.set(element, (text = JSON.stringify(element)));
  return text;
}

/** Exactly `JSON.stringify(answer)`. */
export function neighborhoodJson({ graph, truncated, counts }: NeighborhoodResult): string {
  const { options, attributes, nodes, edges } = graph;
  return `{"graph":{"options":${JSON.stringify(options)},"attributes":${textOf(attributes)},"nodes":[${nodes.map(textOf).join()}],"edges":[${edges.map(textOf).join()}]},"truncated":${truncated},"counts":${JSON.stringify(counts)}}`;
}
