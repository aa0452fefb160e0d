import { setting, SETTINGS } from '../../config';

/** Connection settings from the environment; NEO4J_URI switches the program from the embedded store to Neo4j. */
export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  /** Omitted: the server's default database. */
  database?: string;
  /** How long to wait for the server before calling it unreachable. */
  connectTimeoutMs: number;
  /** Longest a request may wait before Neo4j counts as down (a silent network drop never says so); keep it above
   * the 5 s limit on users' Cypher queries, or a slow allowed query reads as an outage. */
  requestTimeoutMs?: number;
}

/** The default (src/config.ts), for the tests and adapters that build a configuration themselves. */
export const DEFAULT_REQUEST_TIMEOUT_MS = SETTINGS.shape.NEO4J_REQUEST_TIMEOUT_MS.parse(undefined);

/** null when NEO4J_URI is not set. Throws an error naming the variable that is wrong (a ConfigError for a wrong value). */
export function neo4jConfigFromEnv(env: Record<string, string | undefined> = process.env): Neo4jConfig | null {
  const uri = setting('NEO4J_URI', env);
  if (!uri) return null;
  const password = setting('NEO4J_PASSWORD', env);
  if (!password)
    throw new Error(
      'NEO4J_URI is set but NEO4J_PASSWORD is not; set it to the password of NEO4J_USER (default "neo4j")',
    );
  return {
    uri,
    user: setting('NEO4J_USER', env) || 'neo4j',
    password,
    database: setting('NEO4J_DATABASE', env) || undefined,
    connectTimeoutMs: setting('NEO4J_CONNECT_TIMEOUT_MS', env),
    requestTimeoutMs: setting('NEO4J_REQUEST_TIMEOUT_MS', env),
  };
}

/** The address and database for messages (never the password). */
export function describeTarget(config: Pick<Neo4jConfig, 'uri' | 'database'>): string {
  return `${config.uri}${config.database ? ` (database "${config.database}")` : ''}`;
}
