/**
 * The domain's errors, defined once: what went wrong, in the domain's words. Stores, the Cypher
 * guard and the API's handlers throw them; the API maps each to its HTTP status and code in one
 * table (src/api/errors.ts), so no layer below it knows about HTTP.
 */

/** An entity id that names no entity; `param` is the parameter that carried it, when there was one. */
export class UnknownEntityError extends Error {
  override readonly name = 'UnknownEntityError';
  constructor(
    readonly id: string,
    readonly param?: string,
  ) {
    super(`unknown entity "${id}"`);
  }
}

/** Something asked for that does not exist (a source, a paragraph of it); the message says what. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** A parameter whose value is wrong in a way its schema cannot say (e.g. two parameters that disagree). */
export class BadParameterError extends Error {
  override readonly name = 'BadParameterError';
  constructor(
    readonly param: string,
    readonly reason: string,
  ) {
    super(`invalid parameter "${param}": ${reason}`);
  }
}

/** The store cannot be reached; it may come back by itself. */
export class StoreUnavailableError extends Error {
  override readonly name: string = 'StoreUnavailableError';
}

/** The database refused the credentials or the user's rights: a kind of unavailability. */
export class StoreUnauthorizedError extends StoreUnavailableError {
  override readonly name: string = 'StoreUnauthorizedError';
}

/**
 * A user's Cypher query failed in the database: invalid (syntax, types, missing parameter),
 * too slow (past its timeout) or refused (it tried to write in a READ transaction).
 */
export class CypherQueryError extends Error {
  override readonly name = 'CypherQueryError';
  constructor(
    readonly reason: 'invalid' | 'timeout' | 'refused',
    message: string,
  ) {
    super(message);
  }
}

/** The embedded store cannot run Cypher; the message says how to connect a Neo4j. */
export class Neo4jRequiredError extends Error {
  override readonly name = 'Neo4jRequiredError';
  constructor() {
    super(
      'Cypher queries need a Neo4j database; set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD), run `npm run seed`, then restart the server. See "Use Neo4j" in the README.',
    );
  }
}

/** Where in a Cypher query a problem is, 1-based, as an editor shows it. */
export type QueryPosition = { line: number; column: number };

/** A Cypher query's error at a place in the query. */
abstract class PlacedCypherError extends Error {
  constructor(
    message: string,
    readonly position: QueryPosition,
  ) {
    super(message);
  }
}

/** The query is not valid Cypher: the message is the Neo4j parser's or semantic analyser's. */
export class CypherSyntaxError extends PlacedCypherError {
  override readonly name = 'CypherSyntaxError';
}

/** The query is valid Cypher but could write, administer, load files or call something unknown. */
export class CypherRefusedError extends PlacedCypherError {
  override readonly name = 'CypherRefusedError';
}

/**
 * The query is too large, too deeply nested or too slow to analyse: refused before (or while) it
 * is parsed, so that no request can hold the server; the message names the limit.
 */
export class CypherTooComplexError extends Error {
  override readonly name = 'CypherTooComplexError';
}

/** Too many queries wait for the guard, or it is shutting down: a moment later may work. */
export class CypherGuardBusyError extends Error {
  override readonly name = 'CypherGuardBusyError';
}

/** The source texts cannot be read: no sources folder, or the source's file is not in it. */
export class SourceTextUnavailableError extends Error {
  override readonly name = 'SourceTextUnavailableError';
}
