/**
 * The registry of entity kinds. Everything that needs to know about kinds (validation, Neo4j labels, the API schema,
 * viewer colours) reads it from here. Colours are chosen to stay distinct on a white background.
 */
const ROWS = {
  MilitantGroup: ['#d55e00', 'Armed non-state groups, factions and networks, including their own wings.'],
  State: ['#0077bb', 'Sovereign countries acting as a whole.'],
  Government: ['#56b4e9', 'A particular government or administration of a state, or a provincial government.'],
  StateBody: [
    '#99ddff',
    'Armies, intelligence agencies, councils, ministries, courts, paramilitary forces and other organs of a state.',
  ],
  PoliticalParty: ['#cc79a7', 'Political parties and political movements, including nationalist and rights movements.'],
  InternationalBody: ['#332288', 'International organisations, alliances, watchdogs and diplomatic forums.'],
  Person: ['#ee8866', 'Named individuals: leaders, officials, militants, analysts quoted as actors.'],
  Operation: ['#785ef0', 'Military and intelligence operations, militant campaigns and exercises.'],
  Policy: ['#ccbb44', 'Plans, laws, agreements, strategies, ceasefires and initiatives.'],
  Project: ['#f0e442', 'Economic and infrastructure projects and programmes.'],
  Event: ['#555555', 'Dated happenings: attacks, elections, riots, arrests, visits, summits.'],
  Place: ['#eedd88', 'Provinces, districts, cities, regions, borders and sites.'],
  Population: ['#ffaabb', 'Groups of people acted upon or at risk: refugees, foreign workers, civilians.'],
} as const satisfies Record<string, readonly [color: string, description: string]>;

export type EntityKind = keyof typeof ROWS;
export const ENTITY_KIND_IDS = Object.keys(ROWS) as [EntityKind, ...EntityKind[]];

/** Each kind's label (its id in words: `MilitantGroup` is "Militant group"), description and colour. */
export const ENTITY_KINDS = Object.fromEntries(
  ENTITY_KIND_IDS.map((id) => {
    const label = id.replace(/(?<=[a-z])[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
    return [id, { label, description: ROWS[id][1], color: ROWS[id][0] }];
  }),
) as Record<EntityKind, { label: string; description: string; color: string }>;

export const isEntityKind = (value: string): value is EntityKind => Object.hasOwn(ENTITY_KINDS, value);
