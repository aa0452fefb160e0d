/**
 * What a user's Cypher may call: an allow-list, so a plugin installed tomorrow cannot open a write
 * path. Names compare case-insensitively, as Neo4j resolves built-in functions; for procedures a
 * differently-cased name at worst fails to resolve on the server.
 */
const words = (text: string): readonly string[] => text.trim().split(/\s+/);

/**
 * Read-only procedures, each run on Neo4j 5.26 with APOC core (tests/neo4j/cypher-defences). Not
 * apoc.meta.*: they need unrestricted access, which the README advises against; db.schema.* answers.
 */
export const ALLOWED_PROCEDURES = words(`
  db.labels db.relationshipTypes db.propertyKeys
  db.schema.visualization db.schema.nodeTypeProperties db.schema.relTypeProperties
  db.index.fulltext.queryNodes db.index.fulltext.queryRelationships db.ping
  apoc.path.expand apoc.path.expandConfig apoc.path.subgraphNodes apoc.path.subgraphAll apoc.path.spanningTree
`);

/** Pure built-in functions without a namespace (Cypher 5 and 25; cosh, coth, sinh and tanh are newer than 5.26). */
export const ALLOWED_FUNCTIONS = words(`
  avg collect count max min percentileCont percentileDisc stDev stDevP sum
  elementId id labels type keys properties nodes relationships startNode endNode length size head last tail
  range reverse isEmpty exists coalesce nullIf valueType
  toBoolean toBooleanList toBooleanOrNull toFloat toFloatList toFloatOrNull toInteger toIntegerList
  toIntegerOrNull toString toStringList toStringOrNull
  left right ltrim rtrim btrim trim lower upper toLower toUpper replace split substring normalize
  char_length character_length
  abs ceil floor round sign isNaN rand e exp log log10 sqrt pi
  acos asin atan atan2 cos cot degrees haversin radians sin tan cosh coth sinh tanh
  date datetime localdatetime localtime time duration timestamp point randomUUID
`);

/** Namespaces of pure functions: temporal and spatial helpers, and APOC's value helpers. */
export const ALLOWED_FUNCTION_NAMESPACES = words(`
  date. datetime. localdatetime. localtime. time. duration. point. vector.similarity.
  apoc.coll. apoc.text. apoc.map. apoc.math. apoc.number. apoc.date. apoc.temporal. apoc.convert.
`);

const procedures = new Set(ALLOWED_PROCEDURES.map((p) => p.toLowerCase()));
const functions = new Set(ALLOWED_FUNCTIONS.map((f) => f.toLowerCase()));
const namespaces = ALLOWED_FUNCTION_NAMESPACES.map((n) => n.toLowerCase());

export const procedureAllowed = (name: string): boolean => procedures.has(name.toLowerCase());

export function functionAllowed(name: string): boolean {
  const lower = name.toLowerCase();
  if (!lower.includes('.')) return functions.has(lower);
  // apoc.convert.* includes setters that write (apoc.convert.setJsonProperty is a procedure, but be safe).
  if (lower.startsWith('apoc.convert.set')) return false;
  return namespaces.some((ns) => lower.startsWith(ns));
}
