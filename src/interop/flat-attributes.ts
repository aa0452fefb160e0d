import { ENTITY_KINDS, RELATION_TYPES, type EntityAttributes, type RelationAttributes } from '../model';

/**
 * The graph's attributes as scalars for GEXF and GraphML (README, "Export"): string lists as GEXF
 * lists when list-safe, otherwise (and always in GraphML) JSON text, as are lists of objects; plus
 * display attributes for Gephi that reading back ignores.
 */

export const STRING_LIST_FIELDS = ['aliases', 'demonyms', 'assertedBy'] as const;

export type FlatValue = string | number | string[];
export type FlatAttributes = Record<string, FlatValue>;

export function nodeDisplay(a: EntityAttributes): FlatAttributes {
  const info = ENTITY_KINDS[a.kind];
  return { label: a.name, color: info?.color ?? '#999999', kindLabel: info?.label ?? a.kind };
}

export function edgeDisplay(a: RelationAttributes): FlatAttributes {
  const info = RELATION_TYPES[a.type];
  const cited = a.evidence.map((c) => `${c.source} ¶${c.paragraph}`).join('; ');
  return { label: info?.label ?? a.type, color: info?.color ?? '#999999', weight: a.evidence.length, cited };
}

/** Flattens data attributes; the string lists in `listsAsJson` (all, when the format has no list type) as JSON. */
export function flatten(attributes: object, listsAsJson: ReadonlySet<string> | 'all'): FlatAttributes {
  const out: FlatAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    const asList =
      (STRING_LIST_FIELDS as readonly string[]).includes(name) && listsAsJson !== 'all' && !listsAsJson.has(name);
    if (asList) out[name] = value as string[];
    else if (typeof value === 'object') out[name] = JSON.stringify(value);
    else out[name] = typeof value === 'number' ? value : String(value);
  }
  return out;
}

/** The string-list fields that must be JSON text: some element would not survive graphology-gexf's unquoted lists. */
export function unsafeListFields(elements: Iterable<object>): Set<string> {
  const listSafe = /^[^,'"\\[\]\s](?:[^,'"\\[\]\t\r\n]*[^,'"\\[\]\s])?$/;
  const unsafe = new Set<string>();
  for (const attrs of elements)
    for (const field of STRING_LIST_FIELDS) {
      const list = (attrs as Record<string, unknown>)[field];
      if (Array.isArray(list) && list.some((v) => typeof v !== 'string' || !listSafe.test(v))) unsafe.add(field);
    }
  return unsafe;
}
