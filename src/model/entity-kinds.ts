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
    color: '#d62728',
  },
  State: { label: 'State', description: 'Sovereign countries acting as a whole.', color: '#1f77b4' },
  Government: {
    label: 'Government',
    description: 'A particular government or administration of a state, or a provincial government.',
    color: '#4a90d9',
  },
  StateBody: {
    label: 'State body',
    description:
      'Armies, intelligence agencies, councils, ministries, courts, paramilitary forces and other organs of a state.',
    color: '#17becf',
  },
  PoliticalParty: {
    label: 'Political party',
    description: 'Political parties and political movements, including nationalist and rights movements.',
    color: '#9467bd',
  },
  InternationalBody: {
    label: 'International body',
    description: 'International organisations, alliances, watchdogs and diplomatic forums.',
    color: '#2ca02c',
  },
  Person: {
    label: 'Person',
    description: 'Named individuals: leaders, officials, militants, analysts quoted as actors.',
    color: '#ff7f0e',
  },
  Operation: {
    label: 'Operation',
    description: 'Military and intelligence operations, militant campaigns and exercises.',
    color: '#8c564b',
  },
  Policy: {
    label: 'Policy',
    description: 'Plans, laws, agreements, strategies, ceasefires and initiatives.',
    color: '#e377c2',
  },
  Project: { label: 'Project', description: 'Economic and infrastructure projects and programmes.', color: '#bcbd22' },
  Event: {
    label: 'Event',
    description: 'Dated happenings: attacks, elections, riots, arrests, visits, summits.',
    color: '#7f7f7f',
  },
  Place: { label: 'Place', description: 'Provinces, districts, cities, regions, borders and sites.', color: '#6b8e23' },
  Population: {
    label: 'Population',
    description: 'Groups of people acted upon or at risk: refugees, foreign workers, civilians.',
    color: '#a0522d',
  },
} as const satisfies Record<string, EntityKindInfo>;

export type EntityKind = keyof typeof ENTITY_KINDS;
export const ENTITY_KIND_IDS = Object.keys(ENTITY_KINDS) as [EntityKind, ...EntityKind[]];

export function isEntityKind(value: string): value is EntityKind {
  return Object.prototype.hasOwnProperty.call(ENTITY_KINDS, value);
}
