/**
 * The registry of entity kinds. Everything that needs to know about kinds (validation, Neo4j
 * labels, the API schema, viewer colours) reads it from here.
 */
export interface EntityKindInfo {
  label: string;
  description: string;
  /** Display colour (hex), chosen to stay distinct on a white background. */
  color: string;
}

export const ENTITY_KINDS = {
  MilitantGroup: {
    label: 'Militant group',
    description: 'Armed non-state groups, factions and networks, including their own wings.',
    color: '#d55e00',
  },
  State: { label: 'State', description: 'Sovereign countries acting as a whole.', color: '#0077bb' },
  Government: {
    label: 'Government',
    description: 'A particular government or administration of a state, or a provincial government.',
    color: '#56b4e9',
  },
  StateBody: {
    label: 'State body',
    description:
      'Armies, intelligence agencies, councils, ministries, courts, paramilitary forces and other organs of a state.',
    color: '#99ddff',
  },
  PoliticalParty: {
    label: 'Political party',
    description: 'Political parties and political movements, including nationalist and rights movements.',
    color: '#cc79a7',
  },
  InternationalBody: {
    label: 'International body',
    description: 'International organisations, alliances, watchdogs and diplomatic forums.',
    color: '#332288',
  },
  Person: {
    label: 'Person',
    description: 'Named individuals: leaders, officials, militants, analysts quoted as actors.',
    color: '#ee8866',
  },
  Operation: {
    label: 'Operation',
    description: 'Military and intelligence operations, militant campaigns and exercises.',
    color: '#785ef0',
  },
  Policy: {
    label: 'Policy',
    description: 'Plans, laws, agreements, strategies, ceasefires and initiatives.',
    color: '#ccbb44',
  },
  Project: { label: 'Project', description: 'Economic and infrastructure projects and programmes.', color: '#f0e442' },
  Event: {
    label: 'Event',
    description: 'Dated happenings: attacks, elections, riots, arrests, visits, summits.',
    color: '#555555',
  },
  Place: { label: 'Place', description: 'Provinces, districts, cities, regions, borders and sites.', color: '#eedd88' },
  Population: {
    label: 'Population',
    description: 'Groups of people acted upon or at risk: refugees, foreign workers, civilians.',
    color: '#ffaabb',
  },
} as const satisfies Record<string, EntityKindInfo>;

export type EntityKind = keyof typeof ENTITY_KINDS;
export const ENTITY_KIND_IDS = Object.keys(ENTITY_KINDS) as [EntityKind, ...EntityKind[]];

export function isEntityKind(value: string): value is EntityKind {
  return Object.prototype.hasOwnProperty.call(ENTITY_KINDS, value);
}
