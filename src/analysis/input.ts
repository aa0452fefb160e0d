import { RELATION_TYPE_IDS, type GraphJson } from '../model';
import type { GraphStructure } from '../store/port';

const TYPE_NUMBER = new Map<string, number>(RELATION_TYPE_IDS.map((t, i) => [t, i]));

/** From any store's `graph(filters)` output, for a store without graphStructure. Unknown types are dropped. */
export function inputFromGraphJson(json: GraphJson): GraphStructure {
  const index = new Map(json.nodes.map((node, i) => [node.key, i]));
  const edges = json.edges.flatMap((e) => {
    const ends = [index.get(e.source), index.get(e.target), TYPE_NUMBER.get(String(e.attributes?.type))];
    return ends.includes(undefined) ? [] : [ends as number[]];
  });
  return {
    ids: json.nodes.map((n) => n.key),
    names: json.nodes.map((n) => String(n.attributes?.name ?? n.key)),
    kinds: json.nodes.map((n) => String(n.attributes?.kind ?? '')),
    source: Int32Array.from(edges, (e) => e[0]!),
    target: Int32Array.from(edges, (e) => e[1]!),
    type: Uint8Array.from(edges, (e) => e[2]!),
  };
}

/** What the analysis reads: a store's GraphStructure as it is, or one built from a JSON graph. */
export const asInput = (x: GraphJson | GraphStructure): GraphStructure =>
  'ids' in x && x.source instanceof Int32Array ? x : inputFromGraphJson(x as GraphJson);

/** A rough measure of the work an analysis of this input will take (entities + relations). */
export const inputSize = (input: GraphStructure): number => input.ids.length + input.source.length;
