/**
 * The header rules of `neo4j-admin database import` (Neo4j 5 operations manual, "Import: CSV
 * header format"): each field is `name:type`, `:ID(group)`, `:LABEL`, `:START_ID(group)`,
 * `:END_ID(group)`, `:TYPE` or `:IGNORE`; types are the listed scalars, optionally as arrays `[]`.
 */
const TYPES = new Set([
  'int',
  'long',
  'float',
  'double',
  'boolean',
  'byte',
  'short',
  'char',
  'string',
  'point',
  'date',
  'localtime',
  'time',
  'localdatetime',
  'datetime',
  'duration',
]);
const FIELD = /^([^:]*)(?::([A-Za-z_]+)(?:\(([^)]*)\))?(\[\])?)?$/;

export interface HeaderField {
  name: string;
  role: 'ID' | 'LABEL' | 'START_ID' | 'END_ID' | 'TYPE' | 'IGNORE' | 'property';
  type?: string;
  array: boolean;
  group?: string;
}

export function parseHeader(
  fields: string[],
  file: 'nodes' | 'relationships',
): { fields: HeaderField[]; errors: string[] } {
  const errors: string[] = [];
  const out: HeaderField[] = [];
  for (const f of fields) {
    const m = FIELD.exec(f);
    if (!m) {
      errors.push(`"${f}" is not name:type`);
      continue;
    }
    const [, name = '', kind, group, array] = m;
    const upper = kind?.toUpperCase();
    if (upper && ['ID', 'LABEL', 'START_ID', 'END_ID', 'TYPE', 'IGNORE'].includes(upper))
      out.push({ name, role: upper as HeaderField['role'], array: false, ...(group ? { group } : {}) });
    else {
      if (!name) errors.push(`"${f}" has no property name`);
      const type = kind ?? 'string';
      if (!TYPES.has(type)) errors.push(`"${f}": unknown type ${type}`);
      out.push({ name, role: 'property', type, array: Boolean(array) });
    }
  }
  const count = (r: HeaderField['role']) => out.filter((h) => h.role === r).length;
  if (file === 'nodes' && count('ID') !== 1) errors.push('a node file needs exactly one :ID column');
  if (file === 'relationships')
    for (const r of ['START_ID', 'END_ID', 'TYPE'] as const)
      if (count(r) !== 1) errors.push(`a relationship file needs exactly one :${r} column`);
  const names = out.filter((h) => h.role === 'property' || (h.role === 'ID' && h.name)).map((h) => h.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) errors.push(`property ${dup} appears twice`);
  return { fields: out, errors };
}
