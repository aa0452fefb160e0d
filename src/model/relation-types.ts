import type { EntityKind } from './entity-kinds';

/**
 * The registry of relation types. Seed files and the API use the kebab-case id; Neo4j uses the
 * UPPER_SNAKE form, derived here and nowhere else, so that a relationship type never comes from
 * input text.
 */
export type RelationLayer = 'cooperative' | 'hostile' | 'structural';

export interface RelationTypeInfo {
  label: string;
  description: string;
  /** The verb used in one-line explanations: "<from> <verb> <to>". */
  verb: string;
  /** A symmetric relation reads the same both ways; its direction in the file carries no meaning. */
  symmetric: boolean;
  /** Kinds it usually joins. Breaking this is a warning, not an error: real data surprises. */
  from: readonly EntityKind[];
  to: readonly EntityKind[];
  /** Signed analysis keeps cooperative and hostile ties in separate layers. */
  layer: RelationLayer;
  color: string;
}

const ACTORS = [
  'MilitantGroup',
  'State',
  'Government',
  'StateBody',
  'PoliticalParty',
  'InternationalBody',
  'Person',
] as const satisfies readonly EntityKind[];
const ANY = [
  ...ACTORS,
  'Operation',
  'Policy',
  'Project',
  'Event',
  'Place',
  'Population',
] as const satisfies readonly EntityKind[];
const INITIATIVES = ['Operation', 'Policy', 'Project'] as const satisfies readonly EntityKind[];

export const RELATION_TYPES = {
  'allied-with': {
    label: 'Allied with',
    verb: 'is allied with',
    description: 'A standing alliance, merger or close partnership between actors.',
    symmetric: true,
    from: ACTORS,
    to: ACTORS,
    layer: 'cooperative',
    color: '#1b7837',
  },
  targets: {
    label: 'Targets',
    verb: 'targets',
    description: 'Attacks, or directs violence or operations against, a person, group, place, project or population.',
    symmetric: false,
    from: [...ACTORS, 'Operation', 'Event', 'Policy'],
    to: ANY,
    layer: 'hostile',
    color: '#b2182b',
  },
  funds: {
    label: 'Funds',
    verb: 'funds',
    description: 'Provides money or financing.',
    symmetric: false,
    from: ACTORS,
    to: ANY,
    layer: 'cooperative',
    color: '#01665e',
  },
  opposes: {
    label: 'Opposes',
    verb: 'opposes',
    description: 'Takes a stand against an actor, operation or policy (politically or by arms).',
    symmetric: false,
    from: ACTORS,
    to: ANY,
    layer: 'hostile',
    color: '#e66101',
  },
  supports: {
    label: 'Supports',
    verb: 'supports',
    description: 'Backs an actor, operation or policy politically, materially or militarily (short of funding).',
    symmetric: false,
    from: ACTORS,
    to: ANY,
    layer: 'cooperative',
    color: '#5aae61',
  },
  harbors: {
    label: 'Harbors',
    verb: 'harbors',
    description: 'Gives shelter, sanctuary or safe haven to a group or person.',
    symmetric: false,
    from: [...ACTORS, 'Place'],
    to: ACTORS,
    layer: 'cooperative',
    color: '#7fbc41',
  },
  'cooperates-with': {
    label: 'Cooperates with',
    verb: 'cooperates with',
    description: 'Works together on a shared task without a formal alliance (intelligence sharing, joint action).',
    symmetric: true,
    from: ACTORS,
    to: ACTORS,
    layer: 'cooperative',
    color: '#2166ac',
  },
  'rival-of': {
    label: 'Rival of',
    verb: 'is a rival of',
    description: 'Competes or feuds with another actor.',
    symmetric: true,
    from: ACTORS,
    to: ACTORS,
    layer: 'hostile',
    color: '#c51b7d',
  },
  'negotiates-with': {
    label: 'Negotiates with',
    verb: 'negotiates with',
    description: 'Holds talks or peace negotiations with another actor.',
    symmetric: true,
    from: ACTORS,
    to: ACTORS,
    layer: 'structural',
    color: '#878787',
  },
  criticizes: {
    label: 'Criticizes',
    verb: 'criticizes',
    description: 'Criticises an actor, operation or policy in words.',
    symmetric: false,
    from: [...ACTORS, 'Population'],
    to: ANY,
    layer: 'hostile',
    color: '#f1a340',
  },
  pressures: {
    label: 'Pressures',
    verb: 'pressures',
    description: 'Pushes another actor to act, through diplomacy, money or threat.',
    symmetric: false,
    from: ACTORS,
    to: ACTORS,
    layer: 'hostile',
    color: '#fdb863',
  },
  accuses: {
    label: 'Accuses',
    verb: 'accuses',
    description: 'Publicly blames or accuses another actor of something.',
    symmetric: false,
    from: ACTORS,
    to: ANY,
    layer: 'hostile',
    color: '#de77ae',
  },
  'part-of': {
    label: 'Part of',
    verb: 'is part of',
    description: 'A faction, unit, branch or sub-programme belongs to a larger whole.',
    symmetric: false,
    from: ANY,
    to: ANY,
    layer: 'structural',
    color: '#4d4d4d',
  },
  'member-of': {
    label: 'Member of',
    verb: 'is a member of',
    description: 'Membership of a person in a group, or of a state in an organisation.',
    symmetric: false,
    from: ACTORS,
    to: ACTORS,
    layer: 'structural',
    color: '#4d4d4d',
  },
  leads: {
    label: 'Leads',
    verb: 'leads',
    description: 'Heads or commands a group, body, government or operation.',
    symmetric: false,
    from: ['Person', ...ACTORS],
    to: ANY,
    layer: 'structural',
    color: '#4d4d4d',
  },
  'carried-out': {
    label: 'Carried out',
    verb: 'carried out',
    description: 'An actor carried out an operation, attack or other event.',
    symmetric: false,
    from: ACTORS,
    to: ['Operation', 'Event'],
    layer: 'structural',
    color: '#878787',
  },
  launched: {
    label: 'Launched',
    verb: 'launched',
    description: 'An actor launched or announced a campaign, operation, policy or project.',
    symmetric: false,
    from: ACTORS,
    to: [...INITIATIVES, 'Event'],
    layer: 'structural',
    color: '#878787',
  },
  'responds-to': {
    label: 'Responds to',
    verb: 'responds to',
    description: 'An action or policy is a response to an event, threat or actor.',
    symmetric: false,
    from: ANY,
    to: ANY,
    layer: 'structural',
    color: '#878787',
  },
  'builds-on': {
    label: 'Builds on',
    verb: 'builds on',
    description: 'Lineage: a policy or operation continues, revives or succeeds an earlier one.',
    symmetric: false,
    from: [...INITIATIVES, 'Event'],
    to: [...INITIATIVES, 'Event'],
    layer: 'structural',
    color: '#878787',
  },
  implements: {
    label: 'Implements',
    verb: 'implements',
    description: 'An actor carries out or administers a policy or plan.',
    symmetric: false,
    from: ACTORS,
    to: INITIATIVES,
    layer: 'structural',
    color: '#878787',
  },
  'operates-in': {
    label: 'Operates in',
    verb: 'operates in',
    description: 'An actor or operation is active in a place or country.',
    symmetric: false,
    from: [...ACTORS, 'Operation', 'Project'],
    to: ['Place', 'State'],
    layer: 'structural',
    color: '#b0b0b0',
  },
  'located-in': {
    label: 'Located in',
    verb: 'is located in',
    description: 'A place, event, project or population is situated in a larger place.',
    symmetric: false,
    from: ANY,
    to: ['Place', 'State'],
    layer: 'structural',
    color: '#b0b0b0',
  },
  protects: {
    label: 'Protects',
    verb: 'protects',
    description: 'Provides security or protection to a person, project or population.',
    symmetric: false,
    from: [...ACTORS, 'Operation', 'Policy'],
    to: ANY,
    layer: 'cooperative',
    color: '#4393c3',
  },
  captured: {
    label: 'Captured',
    verb: 'captured',
    description: 'Arrested, captured or killed a named person, or seized a place.',
    symmetric: false,
    from: [...ACTORS, 'Operation'],
    to: ['Person', 'Place', 'MilitantGroup'],
    layer: 'hostile',
    color: '#67001f',
  },
  expels: {
    label: 'Expels',
    verb: 'expels',
    description: 'Deports or forces a population or group out.',
    symmetric: false,
    from: ACTORS,
    to: ['Population', 'MilitantGroup', 'Person'],
    layer: 'hostile',
    color: '#d6604d',
  },
  'participates-in': {
    label: 'Participates in',
    verb: 'participates in',
    description: 'Takes part in an operation, exercise, forum, talks or event.',
    symmetric: false,
    from: ACTORS,
    to: [...INITIATIVES, 'Event', 'InternationalBody'],
    layer: 'structural',
    color: '#878787',
  },
  // Added for the knowledge base (ali-2024): relations the sources state that the first vocabulary could not express.
  empowers: {
    label: 'Empowers',
    verb: 'empowers',
    description: 'A law, policy or body grants powers, jurisdiction, tenure or a formal role to an actor.',
    symmetric: false,
    from: ['Policy', 'StateBody', 'Government'],
    to: ACTORS,
    layer: 'structural',
    color: '#878787',
  },
  approves: {
    label: 'Approves',
    verb: 'approved',
    description:
      'A legislature, cabinet, council or government passes, approves or endorses a law, plan, budget or operation.',
    symmetric: false,
    from: ['Government', 'StateBody', 'InternationalBody', 'State'],
    to: [...INITIATIVES],
    layer: 'structural',
    color: '#878787',
  },
  represents: {
    label: 'Represents',
    verb: 'represents',
    description:
      'A person acts as the official representative of a state, government or body (ambassador, envoy, minister in talks).',
    symmetric: false,
    from: ['Person'],
    to: ['State', 'Government', 'StateBody', 'InternationalBody', 'PoliticalParty', 'MilitantGroup'],
    layer: 'structural',
    color: '#4d4d4d',
  },
  'recruits-from': {
    label: 'Recruits from',
    verb: 'recruits from',
    description: 'A group draws fighters or members from a population.',
    symmetric: false,
    from: ['MilitantGroup', 'PoliticalParty', 'StateBody'],
    to: ['Population', 'Place'],
    layer: 'structural',
    color: '#878787',
  },
  requests: {
    label: 'Requests',
    verb: 'requested',
    description:
      'An actor asks for something specific (a base, access, a concession, a handover); the target is the actor asked, or the place, thing or actor asked for.',
    symmetric: false,
    from: ACTORS,
    to: ANY,
    layer: 'structural',
    color: '#878787',
  },
  // Added for the knowledge base (isas/shah/atlas/ct-report): watchdog listings such as the FATF grey list.
  lists: {
    label: 'Lists',
    verb: 'lists',
    description:
      'A watchdog, government or body places an actor on a grey list, sanctions list or terrorist designation; since/until bound the listing.',
    symmetric: false,
    from: ['InternationalBody', 'State', 'Government', 'StateBody'],
    to: ACTORS,
    layer: 'hostile',
    color: '#8e0152',
  },
} as const satisfies Record<string, RelationTypeInfo>;

export type RelationType = keyof typeof RELATION_TYPES;
export const RELATION_TYPE_IDS = Object.keys(RELATION_TYPES) as [RelationType, ...RelationType[]];

export function isRelationType(value: string): value is RelationType {
  return Object.prototype.hasOwnProperty.call(RELATION_TYPES, value);
}

export function relationTypeInfo(type: RelationType): RelationTypeInfo {
  return RELATION_TYPES[type];
}

/** `allied-with` -> `ALLIED_WITH`: the Neo4j relationship type. */
export function neo4jRelationshipType(type: RelationType): string {
  return type.toUpperCase().replace(/-/g, '_');
}
