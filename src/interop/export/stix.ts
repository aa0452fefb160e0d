import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { firstDay, lastDay, RELATION_TYPES, type EntityKind, type GraphJson, type RelationType } from '../../model';
import type { EntityAttributes, RelationAttributes } from '../../model';
import { CHUNK_SIZE, chunked } from '../chunks';

/**
 * A STIX 2.1 bundle for OpenCTI and MISP: entities by KIND_MAPPING, each source a report of what it supports, each
 * relation a relationship, our ids and statuses as x_kg_*. UUIDv5 ids and source dates: the same graph, the same bytes.
 */

/** The project's UUID namespace for STIX ids. Never change it: ids would all change. */
export const STIX_NAMESPACE = 'f2e2dccd-3469-404a-9ce1-bd13fb6f7406';

export type StixObject = Record<string, unknown> & { type: string; id: string; spec_version: '2.1' };
type StixBundle = { type: 'bundle'; id: string; objects: StixObject[] };

const GOVERNMENT = { identity_class: 'organization', sectors: ['government'] };
/** The STIX type of an entity kind, and the properties that type adds. */
const KIND_MAPPING: Record<EntityKind, { type: string; extra?: object }> = {
  MilitantGroup: { type: 'threat-actor' },
  Person: { type: 'identity', extra: { identity_class: 'individual' } },
  State: { type: 'identity', extra: GOVERNMENT },
  Government: { type: 'identity', extra: GOVERNMENT },
  StateBody: { type: 'identity', extra: GOVERNMENT },
  PoliticalParty: { type: 'identity', extra: { identity_class: 'organization' } },
  InternationalBody: { type: 'identity', extra: { identity_class: 'organization' } },
  Population: { type: 'identity', extra: { identity_class: 'class' } },
  Place: { type: 'location' },
  Operation: { type: 'campaign' },
  Event: { type: 'campaign' },
  Policy: { type: 'course-of-action' },
  Project: { type: 'infrastructure', extra: { infrastructure_types: ['unknown'] } },
};
/** STIX types with aliases and first/last seen. */
const DATED = new Set(['threat-actor', 'campaign', 'infrastructure']);

/** STIX relationship types that say the same as ours; `reverse` when STIX reads the other way. */
const RELATIONSHIP_MAPPING: Partial<Record<RelationType, { type: string; reverse?: boolean }>> = {
  targets: { type: 'targets' },
  'located-in': { type: 'located-at' },
  'carried-out': { type: 'attributed-to', reverse: true },
};

/** STIX 2.1 Appendix A, "Admiralty Credibility": 6 (cannot be judged) has no confidence value. */
const CONFIDENCE_BY_CREDIBILITY: Record<number, number | undefined> = { 1: 90, 2: 70, 3: 50, 4: 30, 5: 10 };

/** ISO 3166-1 alpha-2 codes of the states places can be located in (STIX location needs one), by English name. */
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });
const COUNTRIES = ['PK', 'AF', 'CN', 'IR', 'IN', 'US', 'SA', 'AE', 'QA', 'TJ', 'UZ', 'TM', 'RU', 'GB'];
const COUNTRY_CODES = new Map(COUNTRIES.map((code) => [REGION_NAMES.of(code)!.toLowerCase(), code]));

const startTime = (d: string | undefined) => d && `${firstDay(d)}T00:00:00.000Z`;
const stopTime = (d: string | undefined) => d && `${lastDay(d)}T23:59:59.999Z`;
const nonEmpty = <T>(list: T[]) => (list.length > 0 ? list : undefined);

export const stixEntityId = (kind: EntityKind, id: string) =>
  `${KIND_MAPPING[kind].type}--${uuidv5(`entity:${id}`, STIX_NAMESPACE)}`;
export const stixRelationshipId = (key: string) => `relationship--${uuidv5(`relation:${key}`, STIX_NAMESPACE)}`;
export const stixReportId = (sourceId: string) => `report--${uuidv5(`source:${sourceId}`, STIX_NAMESPACE)}`;

export function exportStix(json: GraphJson): StixBundle {
  const sources = json.attributes?.sources ?? [];
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  // The newest source date: a stable "as of" for every object, unlike the wall clock.
  const dates = sources.map((s) => s.published).sort();
  const asOf = startTime(dates.at(-1)) ?? '2024-01-01T00:00:00.000Z';
  const common = { spec_version: '2.1' as const, created: asOf, modified: asOf };

  const nodes = new Map(json.nodes.map((n) => [n.key, n.attributes!]));
  const idOf = (key: string) => stixEntityId(nodes.get(key)!.kind, key);
  const countryOf = countryFinder(json, nodes);
  const supports = new Map(sources.map((s) => [s.id, new Set<string>()]));
  const support = (source: string, ...refs: string[]) => refs.forEach((ref) => supports.get(source)?.add(ref));

  const objects: StixObject[] = [];
  for (const [key, a] of nodes) {
    const mapping = KIND_MAPPING[a.kind];
    const id = idOf(key);
    const country = a.kind === 'Place' ? countryOf(key) : undefined;
    const location =
      a.kind !== 'Place' ? {} : country ? { country } : { region: 'southern-asia', x_kg_region_assumed: true };
    objects.push({
      type: mapping.type,
      id,
      ...common,
      name: a.name,
      description: a.description,
      ...mapping.extra,
      ...(DATED.has(mapping.type)
        ? { aliases: nonEmpty(a.aliases), first_seen: startTime(a.since), last_seen: stopTime(a.until) }
        : {}),
      ...location,
      x_kg_id: key,
      x_kg_kind: a.kind,
      x_kg_aliases: nonEmpty(a.aliases),
      x_kg_demonyms: nonEmpty(a.demonyms),
      x_kg_facts: nonEmpty(a.facts),
    });
    for (const c of [...a.facts, ...a.mentions]) support(c.source, id);
  }

  json.edges.forEach((e, i) => {
    const a = e.attributes!;
    const key = e.key ?? `e${i}`;
    const mapped = RELATIONSHIP_MAPPING[a.type];
    const [from, to] = mapped?.reverse ? [e.target, e.source] : [e.source, e.target];
    const id = stixRelationshipId(key);
    objects.push({
      type: 'relationship',
      id,
      ...common,
      relationship_type: mapped?.type ?? a.type,
      source_ref: idOf(from),
      target_ref: idOf(to),
      description: describe(a, nodes.get(e.source)!.name, nodes.get(e.target)!.name),
      start_time: startTime(a.since),
      stop_time: stopTime(a.until),
      confidence: CONFIDENCE_BY_CREDIBILITY[a.credibility ?? 6],
      external_references: a.evidence.map((c) => ({
        source_name: sourceById.get(c.source)?.title ?? c.source,
        description: `paragraph ${c.paragraph}${c.note ? `: ${c.note}` : ''}`,
        external_id: `${c.source}#${c.paragraph}`,
        url: sourceById.get(c.source)?.url,
      })),
      x_kg_key: key,
      x_kg_type: a.type,
      x_kg_status: a.status,
      ...(a.assertedBy.length > 0
        ? { x_kg_asserted_by: a.assertedBy.filter((x) => nodes.has(x)).map(idOf), x_kg_asserted_by_ids: a.assertedBy }
        : {}),
      x_kg_credibility: a.credibility,
    });
    for (const c of a.evidence) support(c.source, id, idOf(e.source), idOf(e.target));
  });

  for (const s of sources) {
    const refs = [...supports.get(s.id)!].sort();
    if (refs.length === 0) continue; // a report must reference something; this one supports nothing here
    objects.push({
      type: 'report',
      id: stixReportId(s.id),
      ...common,
      name: s.title,
      published: startTime(s.published),
      report_types: ['threat-report'],
      object_refs: refs,
      description: s.note,
      external_references: s.url ? [{ source_name: s.publisher ?? s.title, url: s.url }] : undefined,
      x_kg_id: s.id,
      x_kg_authors: nonEmpty(s.authors),
      x_kg_publisher: s.publisher,
      x_kg_reliability: s.reliability,
      x_kg_file: s.file,
    });
  }

  // The digest of JSON.stringify(objects), fed object by object: at 100k entities that text is
  // hundreds of megabytes, near the longest string V8 can make.
  const hash = createHash('sha256').update('[');
  objects.forEach((o, i) => hash.update(i === 0 ? JSON.stringify(o) : `,${JSON.stringify(o)}`));
  const digest = hash.update(']').digest('hex');
  return { type: 'bundle', id: `bundle--${uuidv5(`bundle:${digest}`, STIX_NAMESPACE)}`, objects };
}

function describe(a: RelationAttributes, fromName: string, toName: string): string {
  let text = `${fromName} ${RELATION_TYPES[a.type].verb} ${toName}`;
  if (a.status !== 'reported')
    text += ` (${a.status}${a.assertedBy.length > 0 ? ` by ${a.assertedBy.join(', ')}` : ''})`;
  return a.note ? `${text}. ${a.note}` : text;
}

/** The country of a place, following located-in up to a State whose name we know a code for. */
function countryFinder(json: GraphJson, nodes: Map<string, EntityAttributes>): (place: string) => string | undefined {
  const parents = new Map<string, string[]>();
  for (const e of json.edges)
    if (e.attributes?.type === 'located-in' && e.attributes.status !== 'denied')
      parents.set(e.source, [...(parents.get(e.source) ?? []), e.target]);
  const codeOf = (key: string, seen: Set<string>): string | undefined => {
    const a = nodes.get(key);
    if (!a || seen.has(key)) return undefined;
    seen.add(key);
    const own = a.kind === 'State' ? [a.name, ...a.aliases].map((n) => COUNTRY_CODES.get(n.toLowerCase())) : [];
    return own.find(Boolean) ?? (parents.get(key) ?? []).map((p) => codeOf(p, seen)).find(Boolean);
  };
  return (place) => codeOf(place, new Set());
}

/**
 * The bundle as `JSON.stringify(bundle, null, 2)` and a line feed, object by object: at 100k it outgrows a string. The
 * bundle's id hashes every object, so all are made before the first is written.
 */
export function exportStixChunks(json: GraphJson, chunkSize = CHUNK_SIZE): Generator<Buffer, void, undefined> {
  return chunked(stixPieces(exportStix(json)), chunkSize);
}

function* stixPieces({ type, id, objects }: StixBundle): Generator<string, void, undefined> {
  yield `{\n  "type": "${type}",\n  "id": "${id}",\n  "objects": [`;
  // Each object stringified where it sits (two levels deep) inside a wrapper, and cut out of it.
  for (const [i, o] of objects.entries()) {
    const wrapped = JSON.stringify({ objects: [o] }, null, 2);
    yield `${i === 0 ? '' : ','}\n${wrapped.slice('{\n  "objects": [\n'.length, -'\n  ]\n}'.length)}`;
  }
  yield objects.length === 0 ? ']\n}\n' : '\n  ]\n}\n';
}
