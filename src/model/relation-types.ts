import { ENTITY_KIND_IDS, type EntityKind } from './entity-kinds';

/**
 * The registry of relation types. Seed files and the API use the kebab-case id; Neo4j uses the UPPER_SNAKE form,
 * derived here and nowhere else, so that a relationship type never comes from input text.
 */
export type RelationLayer = 'cooperative' | 'hostile' | 'structural';

const ACTORS = [
  'MilitantGroup',
  'State',
  'Government',
  'StateBody',
  'PoliticalParty',
  'InternationalBody',
  'Person',
] as const satisfies readonly EntityKind[];
const ANY = ENTITY_KIND_IDS;
const INITIATIVES = ['Operation', 'Policy', 'Project'] as const satisfies readonly EntityKind[];

type Kinds = readonly EntityKind[];
type Row = readonly [RelationLayer, string, Kinds, Kinds, { verb?: string; symmetric?: true }?];

/**
 * One row per type: its layer (signed analysis keeps cooperative and hostile ties apart), colour, the kinds it usually
 * joins (a warning, not an error, when broken: real data surprises) and, where not the default, the verb of one-line
 * explanations ("<from> <verb> <to>"; by default the label in lower case) or symmetry (it reads the same both ways).
 */
const ROWS = {
  'allied-with': ['cooperative', '#1b7837', ACTORS, ACTORS, { verb: 'is allied with', symmetric: true }],
  targets: ['hostile', '#b2182b', [...ACTORS, 'Operation', 'Event', 'Policy'], ANY],
  funds: ['cooperative', '#01665e', ACTORS, ANY],
  opposes: ['hostile', '#e66101', ACTORS, ANY],
  supports: ['cooperative', '#5aae61', ACTORS, ANY],
  harbors: ['cooperative', '#7fbc41', [...ACTORS, 'Place'], ACTORS],
  'cooperates-with': ['cooperative', '#2166ac', ACTORS, ACTORS, { symmetric: true }],
  'rival-of': ['hostile', '#c51b7d', ACTORS, ACTORS, { verb: 'is a rival of', symmetric: true }],
  'negotiates-with': ['structural', '#878787', ACTORS, ACTORS, { symmetric: true }],
  criticizes: ['hostile', '#f1a340', [...ACTORS, 'Population'], ANY],
  pressures: ['hostile', '#fdb863', ACTORS, ACTORS],
  accuses: ['hostile', '#de77ae', ACTORS, ANY],
  'part-of': ['structural', '#4d4d4d', ANY, ANY, { verb: 'is part of' }],
  'member-of': ['structural', '#4d4d4d', ACTORS, ACTORS, { verb: 'is a member of' }],
  leads: ['structural', '#4d4d4d', ACTORS, ANY],
  'carried-out': ['structural', '#878787', ACTORS, ['Operation', 'Event']],
  launched: ['structural', '#878787', ACTORS, [...INITIATIVES, 'Event']],
  'responds-to': ['structural', '#878787', ANY, ANY],
  'builds-on': ['structural', '#878787', [...INITIATIVES, 'Event'], [...INITIATIVES, 'Event']],
  implements: ['structural', '#878787', ACTORS, INITIATIVES],
  'operates-in': ['structural', '#b0b0b0', [...ACTORS, 'Operation', 'Project'], ['Place', 'State']],
  'located-in': ['structural', '#b0b0b0', ANY, ['Place', 'State'], { verb: 'is located in' }],
  protects: ['cooperative', '#4393c3', [...ACTORS, 'Operation', 'Policy'], ANY],
  captured: ['hostile', '#67001f', [...ACTORS, 'Operation'], ['Person', 'Place', 'MilitantGroup']],
  expels: ['hostile', '#d6604d', ACTORS, ['Population', 'MilitantGroup', 'Person']],
  'participates-in': ['structural', '#878787', ACTORS, [...INITIATIVES, 'Event', 'InternationalBody']],
  // Added for the knowledge base (ali-2024): relations the sources state that the first vocabulary could not express.
  empowers: ['structural', '#878787', ['Policy', 'StateBody', 'Government'], ACTORS],
  approves: [
    'structural',
    '#878787',
    ['Government', 'StateBody', 'InternationalBody', 'State'],
    [...INITIATIVES],
    { verb: 'approved' },
  ],
  represents: [
    'structural',
    '#4d4d4d',
    ['Person'],
    ['State', 'Government', 'StateBody', 'InternationalBody', 'PoliticalParty', 'MilitantGroup'],
  ],
  'recruits-from': ['structural', '#878787', ['MilitantGroup', 'PoliticalParty', 'StateBody'], ['Population', 'Place']],
  requests: ['structural', '#878787', ACTORS, ANY, { verb: 'requested' }],
  // Added for the knowledge base (isas/shah/atlas/ct-report): watchdog listings such as the FATF grey list.
  lists: ['hostile', '#8e0152', ['InternationalBody', 'State', 'Government', 'StateBody'], ACTORS],
} as const satisfies Record<string, Row>;

export type RelationType = keyof typeof ROWS;

const DESCRIPTIONS: Record<RelationType, string> = {
  'allied-with': 'A standing alliance, merger or close partnership between actors.',
  targets: 'Attacks, or directs violence or operations against, a person, group, place, project or population.',
  funds: 'Provides money or financing.',
  opposes: 'Takes a stand against an actor, operation or policy (politically or by arms).',
  supports: 'Backs an actor, operation or policy politically, materially or militarily (short of funding).',
  harbors: 'Gives shelter, sanctuary or safe haven to a group or person.',
  'cooperates-with': 'Works together on a shared task without a formal alliance (intelligence sharing, joint action).',
  'rival-of': 'Competes or feuds with another actor.',
  'negotiates-with': 'Holds talks or peace negotiations with another actor.',
  criticizes: 'Criticises an actor, operation or policy in words.',
  pressures: 'Pushes another actor to act, through diplomacy, money or threat.',
  accuses: 'Publicly blames or accuses another actor of something.',
  'part-of': 'A faction, unit, branch or sub-programme belongs to a larger whole.',
  'member-of': 'Membership of a person in a group, or of a state in an organisation.',
  leads: 'Heads or commands a group, body, government or operation.',
  'carried-out': 'An actor carried out an operation, attack or other event.',
  launched: 'An actor launched or announced a campaign, operation, policy or project.',
  'responds-to': 'An action or policy is a response to an event, threat or actor.',
  'builds-on': 'Lineage: a policy or operation continues, revives or succeeds an earlier one.',
  implements: 'An actor carries out or administers a policy or plan.',
  'operates-in': 'An actor or operation is active in a place or country.',
  'located-in': 'A place, event, project or population is situated in a larger place.',
  protects: 'Provides security or protection to a person, project or population.',
  captured: 'Arrested, captured or killed a named person, or seized a place.',
  expels: 'Deports or forces a population or group out.',
  'participates-in': 'Takes part in an operation, exercise, forum, talks or event.',
  empowers: 'A law, policy or body grants powers, jurisdiction, tenure or a formal role to an actor.',
  approves:
    'A legislature, cabinet, council or government passes, approves or endorses a law, plan, budget or operation.',
  represents:
    'A person acts as the official representative of a state, government or body (ambassador, envoy, minister in talks).',
  'recruits-from': 'A group draws fighters or members from a population.',
  requests:
    'An actor asks for something specific (a base, access, a concession, a handover); the target is the actor asked, or the place, thing or actor asked for.',
  lists:
    'A watchdog, government or body places an actor on a grey list, sanctions list or terrorist designation; since/until bound the listing.',
};

/** A type's entry; its label is the id in words (`allied-with` is "Allied with"). */
function info(id: RelationType, [layer, color, from, to, differs = {}]: Row) {
  const label = id[0]!.toUpperCase() + id.slice(1).replace(/-/g, ' ');
  const verb = differs.verb ?? label.toLowerCase();
  return { label, verb, description: DESCRIPTIONS[id], symmetric: differs.symmetric ?? false, from, to, layer, color };
}
export type RelationTypeInfo = ReturnType<typeof info>;

export const RELATION_TYPES = Object.fromEntries(
  Object.entries(ROWS).map(([id, row]) => [id, info(id as RelationType, row)]),
) as Record<RelationType, RelationTypeInfo>;
export const RELATION_TYPE_IDS = Object.keys(ROWS) as [RelationType, ...RelationType[]];

export const isRelationType = (value: string): value is RelationType => Object.hasOwn(RELATION_TYPES, value);

/** `allied-with` -> `ALLIED_WITH`: the Neo4j relationship type. */
export const neo4jRelationshipType = (type: RelationType): string => type.toUpperCase().replace(/-/g, '_');
