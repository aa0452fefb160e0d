/** The domain's errors; the API maps each to its HTTP status in one table (src/api/errors.ts), so no layer below does. */

/** An error class whose `name` is given, not the class's: bundling may rename classes. */
const named = (name: string) =>
  class extends Error {
    override readonly name: string = name;
  };

/** An entity id that names no entity; `param` is the parameter that carried it, when there was one. */
export class UnknownEntityError extends named('UnknownEntityError') {
  constructor(
    readonly id: string,
    readonly param?: string,
  ) {
    super(`unknown entity "${id}"`);
  }
}

/** Something asked for that does not exist (a source, a paragraph of it); the message says what. */
export class NotFoundError extends named('NotFoundError') {}

/** A parameter whose value is wrong in a way its schema cannot say (e.g. two parameters that disagree). */
export class BadParameterError extends named('BadParameterError') {
  constructor(
    readonly param: string,
    readonly reason: string,
  ) {
    super(`invalid parameter "${param}": ${reason}`);
  }
}

/** The store cannot be reached; it may come back by itself. */
export class StoreUnavailableError extends named('StoreUnavailableError') {}

/** The database refused the credentials or the user's rights: a kind of unavailability. */
export class StoreUnauthorizedError extends StoreUnavailableError {
  override readonly name = 'StoreUnauthorizedError';
}

/** A user's Cypher query failed in the database: invalid, too slow (past its timeout) or refused (a write). */
export class CypherQueryError extends named('CypherQueryError') {
  constructor(
    readonly reason: 'invalid' | 'timeout' | 'refused',
    message: string,
  ) {
    super(message);
  }
}

/** The embedded store cannot run Cypher; the message says how to connect a Neo4j. */
export class Neo4jRequiredError extends named('Neo4jRequiredError') {
  constructor() {
    super(
      'Cypher queries need a Neo4j database; set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD), run `npm run seed`, then restart the server. See "Use Neo4j" in the README.',
    );
  }
}

/** Where in a Cypher query a problem is, 1-based, as an editor shows it. */
export type QueryPosition = { line: number; column: number };

/** A Cypher query's error at a place in the query. */
const placed = (name: string) =>
  class extends named(name) {
    constructor(
      message: string,
      readonly position: QueryPosition,
    ) {
      super(message);
    }
  };

/** The query is not valid Cypher: the message is the Neo4j parser's or semantic analyser's. */
export class CypherSyntaxError extends placed('CypherSyntaxError') {}

/** The query is valid Cypher but could write, administer, load files or call something unknown. */
export class CypherRefusedError extends placed('CypherRefusedError') {}

/** The query is too large, deep or slow to analyse: refused so that no request can hold the server. */
export class CypherTooComplexError extends named('CypherTooComplexError') {}

/** Too many queries wait for the guard: a moment later may work. */
export class CypherGuardBusyError extends named('CypherGuardBusyError') {}

/** The source texts cannot be read: no sources folder, or the source's file is not in it. */
export class SourceTextUnavailableError extends named('SourceTextUnavailableError') {}
