import { knowledgeRoots, type AppConfig } from '../config';
import { openMemoryStore } from './memory/from-files';
import { neo4jConfigFromEnv, openNeo4jStore, type OpenNeo4jOptions } from './neo4j';
import type { GraphStore } from './port';

/**
 * Opens the store the configuration asks for: Neo4j when NEO4J_URI is set (checked with
 * verifyConnectivity, so a wrong address or password fails here with a message saying which),
 * otherwise the embedded store built from the seed files (a seed error throws
 * SeedValidationError listing every problem). A server passes `tolerateOutage` to start while
 * Neo4j is down and serve 503s until it answers.
 */
export async function openStore(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
  options: OpenNeo4jOptions = {},
): Promise<GraphStore> {
  const neo4j = neo4jConfigFromEnv(env);
  if (neo4j) return openNeo4jStore(neo4j, options);
  const { store } = await openMemoryStore(
    knowledgeRoots(config) /* seed + kg import data (interop) */,
    config.sourcesDir ? { sourcesDir: config.sourcesDir } : {},
  );
  return store;
}
