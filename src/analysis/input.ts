import { RELATION_TYPE_IDS, type RelationType } from '../model';
import type { GraphJson } from '../model';

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

/** The relation type numbered `i` in an AnalysisInput. */
export const relationTypeAt = (i: number): RelationType => RELATION_TYPE_IDS[i]!;

/** From any store's `graph(filters)` output (the Neo4j store's path). Unknown types are dropped. */
export function inputFromGraphJson(json: GraphJson): AnalysisInput {
  const n = json.nodes.length;
  const ids = new Array<string>(n);
  const names = new Array<string>(n);
  const kinds = new Array<string>(n);
  const index = new Map<string, number>();
  json.nodes.forEach((node, i) => {
    ids[i] = node.key;
    names[i] = String(node.attributes?.name ?? node.key);
    kinds[i] = String(node.attributes?.kind ?? '');
    index.set(node.key, i);
  });
  const source: number[] = [];
  const target: number[] = [];
  const type: number[] = [];
  for (const e of json.edges) {
    const t = TYPE_NUMBER.get(String(e.attributes?.type));
    const s = index.get(e.source);
    const d = index.get(e.target);
    if (t === undefined || s === undefined || d === undefined) continue;
    source.push(s);
    target.push(d);
    type.push(t);
  }
  return {
    ids,
    names,
    kinds,
    source: Int32Array.from(source),
    target: Int32Array.from(target),
    type: Uint8Array.from(type),
  };
}

/** A JSON graph that is already an AnalysisInput is left alone. */
export function isAnalysisInput(x: GraphJson | AnalysisInput): x is AnalysisInput {
  return 'ids' in x && x.source instanceof Int32Array;
}

/** A rough measure of the work an analysis of this input will take (entities + relations). */
export const inputSize = (input: AnalysisInput): number => input.ids.length + input.source.length;

/** The number of a relation type in an AnalysisInput (undefined for an unknown type). */
export function relationTypeNumber(type: string): number | undefined {
  return TYPE_NUMBER.get(type);
}
