import {
  isEntityKind,
  isRelationType,
  type Citation,
  type Entity,
  type EntityKind,
  type Fact,
  type LoadedRelation,
  type RelationStatus,
  type Source,
} from '../../model';
import { toPlain } from './values';

/**
 * Neo4j property maps (as the named queries return them) back to the model, so the Neo4j store
 * hands the API exactly the shapes the embedded store does. The inverse of rows.ts.
 */

type Props = Record<string, unknown>;

function plainProps(value: unknown): Props {
  const plain = toPlain(value);
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain) ? (plain as Props) : {};
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
/** A JSON list stored as text (Neo4j properties cannot hold maps); anything else reads as none. */
const json = <T>(v: unknown): T[] => (typeof v === 'string' ? [JSON.parse(v)].filter(Array.isArray).flat() : []) as T[];

/** The optional fields among `keys` that hold a value of the given type. */
const present = (p: Props, type: 'string' | 'number', ...keys: string[]): Props =>
  Object.fromEntries(keys.filter((k) => typeof p[k] === type).map((k) => [k, p[k]]));

export function entityFromProps(value: unknown): Entity {
  const p = plainProps(value);
  const kind = str(p.kind) ?? '';
  if (!isEntityKind(kind)) throw new Error(`entity ${String(p.id)} has unknown kind "${kind}"; re-run kg seed`);
  return {
    id: str(p.id) ?? '',
    kind,
    name: str(p.name) ?? '',
    aliases: strings(p.aliases),
    demonyms: strings(p.demonyms),
    description: str(p.description) ?? '',
    ...present(p, 'string', 'since', 'until'),
    facts: json<Fact>(p.facts),
    mentions: json<Citation>(p.mentions),
  };
}

export function relationFromProps(value: unknown, from: string, to: string): LoadedRelation {
  const p = plainProps(value);
  const type = str(p.type) ?? '';
  if (!isRelationType(type)) throw new Error(`relation ${String(p.key)} has unknown type "${type}"; re-run kg seed`);
  return {
    key: str(p.key) ?? '',
    ...present(p, 'string', 'id'),
    type,
    from,
    to,
    ...present(p, 'string', 'since', 'until'),
    status: (str(p.status) ?? 'reported') as RelationStatus,
    assertedBy: strings(p.assertedBy),
    ...present(p, 'number', 'credibility'),
    ...present(p, 'string', 'note'),
    evidence: json<Citation>(p.evidence),
  };
}

export function sourceFromProps(value: unknown): Source {
  const p = plainProps(value);
  return {
    id: str(p.id) ?? '',
    title: str(p.title) ?? '',
    authors: strings(p.authors),
    ...present(p, 'string', 'publisher'),
    published: str(p.published) ?? '',
    file: str(p.file) ?? '',
    ...present(p, 'string', 'url', 'reliability', 'note'),
  };
}

/** `{ relation, from, to, other? }` maps the queries return for relations. */
export interface RelationRecord {
  relation: LoadedRelation;
  other?: { id: string; name: string; kind: EntityKind };
}

export function relationRecord(value: unknown): RelationRecord {
  const p = (value ?? {}) as Props;
  const relation = relationFromProps(p.relation, str(toPlain(p.from)) ?? '', str(toPlain(p.to)) ?? '');
  if (p.other === undefined || p.other === null) return { relation };
  const o = plainProps(p.other);
  return {
    relation,
    other: { id: str(o.id) ?? '', name: str(o.name) ?? '', kind: (str(o.kind) ?? 'Event') as EntityKind },
  };
}
