import { inject } from 'vitest';
import type { KnowledgeBase } from '../../src/model';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { connectNeo4j, syncKnowledgeBase } from '../../src/store/neo4j';
import { DEFAULT_REQUEST_TIMEOUT_MS, type Neo4jConfig } from '../../src/store/neo4j/config';
import { SEED_DIR } from './paths';

/** What the global setup found: a server to run the Neo4j suites on, or why they skip. */
export type TestNeo4j = { uri: string; user: string; password: string; database?: string } | { skipped: string };

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

const found = inject('neo4j');

/** The test server's connection settings, or null when the Neo4j suites skip. */
export const TEST_NEO4J: Neo4jConfig | null =
  'skipped' in found ? null : { ...found, connectTimeoutMs: 3000, requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS };

/** For describe.skipIf: the reason the Neo4j suites skip, or false. */
export const NEO4J_SKIP: string | false = 'skipped' in found ? found.skipped : false;

/** The environment a `kg` process needs to reach the test server. */
export function neo4jEnv(): Record<string, string> {
  if (!TEST_NEO4J) throw new Error(`no test Neo4j: ${NEO4J_SKIP}`);
  return {
    NEO4J_URI: TEST_NEO4J.uri,
    NEO4J_USER: TEST_NEO4J.user,
    NEO4J_PASSWORD: TEST_NEO4J.password,
    ...(TEST_NEO4J.database ? { NEO4J_DATABASE: TEST_NEO4J.database } : {}),
  };
}

/** Replaces the test server's graph with the real seed (or the given knowledge base). */
export async function seedTestNeo4j(kb?: KnowledgeBase): Promise<void> {
  const sessions = await connectNeo4j(TEST_NEO4J!);
  await syncKnowledgeBase(sessions, kb ?? loadKnowledgeBaseOrThrow(SEED_DIR).kb);
}
