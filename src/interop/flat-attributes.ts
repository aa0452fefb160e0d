import { ENTITY_KINDS, RELATION_TYPES, type EntityAttributes, type GraphJson, type RelationAttributes } from '../model';

/**
 * The graph's attributes as scalars for GEXF and GraphML (README, "Export"): string lists as GEXF lists when
 * list-safe, else (and in GraphML) JSON text, as are objects; plus display attributes that reading back ignores.
 */

export const STRING_LIST_FIELDS = ['aliases', 'demonyms', 'assertedBy'] as const;

export type FlatValue = string | number | string[];
export type FlatAttributes = Record<string, FlatValue>;

/** Walked anew on each call (a format's passes hold no whole-graph copy): ids, then flat data and display values. */
export function flatElements<D>(json: GraphJson, format: 'gexf' | 'graphml', finish: (data: FlatAttributes) => D) {
  const listsAsJson = (items: readonly { attributes?: object }[]) =>
    new Set(STRING_LIST_FIELDS.filter((f) => format === 'graphml' || items.some((x) => unsafeList(x.attributes, f))));
  const [nodeLists, edgeLists] = [listsAsJson(json.nodes), listsAsJson(json.edges)];
  return {
    nodes: function* () {
      for (const { key, attributes: a } of json.nodes)
        yield { id: key, data: finish({ ...flatten(a!, nodeLists), ...nodeDisplay(a!) }) };
    },
    edges: function* () {
      for (const [i, { key, source, target, attributes: a }] of json.edges.entries()) {
        const data = finish({ ...flatten(a!, edgeLists), ...edgeDisplay(a!) });
        // A keyless edge would get a generated key from graphology; the stores always give one.
        yield { id: key ?? `e${i}`, source, target, data };
      }
    },
  };
}

function nodeDisplay(a: EntityAttributes): FlatAttributes {
  const info = ENTITY_KINDS[a.kind];
  return { label: a.name, color: info?.color ?? '#999999', kindLabel: info?.label ?? a.kind };
}

function edgeDisplay(a: RelationAttributes): FlatAttributes {
  const info = RELATION_TYPES[a.type];
  const cited = a.evidence.map((c) => `${c.source} ¶${c.paragraph}`).join('; ');
  return { label: info?.label ?? a.type, color: info?.color ?? '#999999', weight: a.evidence.length, cited };
}

/** Flattens data attributes: objects, and the string lists in `listsAsJson`, as JSON text. */
function flatten(attributes: object, listsAsJson: ReadonlySet<string>): FlatAttributes {
  const out: FlatAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    if ((STRING_LIST_FIELDS as readonly string[]).includes(name) && !listsAsJson.has(name))
      out[name] = value as string[];
    else if (typeof value === 'object') out[name] = JSON.stringify(value);
    else out[name] = typeof value === 'number' ? value : String(value);
  }
  return out;
}

/** Whether a string list would not survive graphology-gexf's unquoted lists (then the field is JSON text). */
function unsafeList(attributes: object | undefined, field: string): boolean {
  const list = (attributes as Record<string, unknown> | undefined)?.[field];
  return Array.isArray(list) && list.some((v) => typeof v !== 'string' || !LIST_SAFE.test(v));
}
const LIST_SAFE = /^[^,'"\\[\]\s](?:[^,'"\\[\]\t\r\n]*[^,'"\\[\]\s])?$/;
