import { RELATION_TYPE_IDS, type GraphJson } from '../model';

/**
 * What the analysis needs of a graph, and nothing else: entities numbered 0..n-1 with their
 * name and kind, relations as parallel typed arrays of entity numbers and relation-type numbers
 * (indices into RELATION_TYPE_IDS). It is built without copying evidence, facts or descriptions,
 * and its typed arrays are transferred (not copied) to the analysis worker.
 */
export interface AnalysisInput {
  ids: string[];
  names: string[];
  kinds: string[];
  source: Int32Array;
  target: Int32Array;
  type: Uint8Array;
}

const TYPE_NUMBER = new Map<string, number>(RELATION_TYPE_IDS.map((t, i) => [t, i]));

/** The number of a relation type in an AnalysisInput (undefined for an unknown type). */
export const relationTypeNumber = (type: string): number | undefined => TYPE_NUMBER.get(type);

/** From any store's `graph(filters)` output. Unknown types are dropped. */
export function inputFromGraphJson(json: GraphJson): AnalysisInput {
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

/** A JSON graph that is already an AnalysisInput is left alone. */
export const asInput = (x: GraphJson | AnalysisInput): AnalysisInput =>
  'ids' in x && x.source instanceof Int32Array ? x : inputFromGraphJson(x as GraphJson);

/** A rough measure of the work an analysis of this input will take (entities + relations). */
export const inputSize = (input: AnalysisInput): number => input.ids.length + input.source.length;
