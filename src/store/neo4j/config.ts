/**
 * Connection settings from the environment. NEO4J_URI switches the program to Neo4j; without it
 * the embedded store is used.
 */
export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  /** Omitted: the server's default database. */
  database?: string;
  /** How long to wait for the server before calling it unreachable. */
  connectTimeoutMs: number;
  /**
   * Longest a request may wait for Neo4j before the server calls it down (a network that drops
   * packets silently never says so). Above the 5 s limit of users' Cypher queries.
   */
  requestTimeoutMs?: number;
}

export class Neo4jConfigError extends Error {
  override readonly name = 'Neo4jConfigError';
}

/** Short enough that the API answers 503 within 5 s when the server is gone. */
const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** null when NEO4J_URI is not set. Throws Neo4jConfigError naming the variable that is wrong. */
export function neo4jConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jConfig | null {
  const uri = env.NEO4J_URI?.trim();
  if (!uri) return null;
  if (!/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^/\s]+/.test(uri)) {
    throw new Neo4jConfigError(
      `NEO4J_URI "${uri}" is not a Neo4j address; use bolt://host:7687 or neo4j://host:7687 (neo4j+s:// for Aura)`,
    );
  }
  const password = env.NEO4J_PASSWORD;
  if (password === undefined || password === '') {
    throw new Neo4jConfigError(
      'NEO4J_URI is set but NEO4J_PASSWORD is not; set it to the password of NEO4J_USER (default "neo4j")',
    );
  }
  const timeout =
    env.NEO4J_CONNECT_TIMEOUT_MS === undefined ? DEFAULT_CONNECT_TIMEOUT_MS : Number(env.NEO4J_CONNECT_TIMEOUT_MS);
  if (!Number.isInteger(timeout) || timeout <= 0) {
    throw new Neo4jConfigError(
      `NEO4J_CONNECT_TIMEOUT_MS must be a positive number of milliseconds, not "${env.NEO4J_CONNECT_TIMEOUT_MS}"`,
    );
  }
  const requestTimeout =
    env.NEO4J_REQUEST_TIMEOUT_MS === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : Number(env.NEO4J_REQUEST_TIMEOUT_MS);
  if (!Number.isInteger(requestTimeout) || requestTimeout <= 0) {
    throw new Neo4jConfigError(
      `NEO4J_REQUEST_TIMEOUT_MS must be a positive number of milliseconds, not "${env.NEO4J_REQUEST_TIMEOUT_MS}"`,
    );
  }
  const database = env.NEO4J_DATABASE?.trim();
  return {
    uri,
    user: env.NEO4J_USER?.trim() || 'neo4j',
    password,
    ...(database ? { database } : {}),
    connectTimeoutMs: timeout,
    requestTimeoutMs: requestTimeout,
  };
}

/** The address and database for messages (never the password). */
export function describeTarget(config: Pick<Neo4jConfig, 'uri' | 'database'>): string {
  return `${config.uri}${config.database ? ` (database "${config.database}")` : ''}`;
}
