/** Where in the query a problem is, 1-based, as an editor shows it. */
export interface QueryPosition {
  line: number;
  column: number;
}

/** The query is not valid Cypher: the message is the Neo4j parser's or semantic analyser's. */
export class CypherSyntaxError extends Error {
  override readonly name = 'CypherSyntaxError';
  constructor(
    message: string,
    readonly position: QueryPosition,
  ) {
    super(message);
  }
}

/** The query is valid Cypher but could write, administer, load files or call something unknown. */
export class CypherRefusedError extends Error {
  override readonly name = 'CypherRefusedError';
  constructor(
    message: string,
    readonly position: QueryPosition,
  ) {
    super(message);
  }
}

/**
 * The query is too large, too deeply nested or too slow to analyse: refused before (or while) it
 * is parsed, so that no request can hold the server; the message names the limit.
 */
export class CypherTooComplexError extends Error {
  override readonly name = 'CypherTooComplexError';
}
