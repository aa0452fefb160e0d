import { knowledgeRoots, type AppConfig } from '../config';
import { openMemoryStore } from './memory/from-files';
import { neo4jConfigFromEnv, openNeo4jStore, type OpenNeo4jOptions } from './neo4j';
import type { GraphStore } from './port';

/**
 * The store the configuration asks for: Neo4j when NEO4J_URI is set (verifyConnectivity, so a
 * wrong address or password fails here saying which), otherwise the embedded store from the seed
 * files. A server passes `tolerateOutage` to start while Neo4j is down and serve 503s until it answers.
 */
export async function openStore(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
  options: OpenNeo4jOptions = {},
): Promise<GraphStore> {
  const neo4j = neo4jConfigFromEnv(env);
  if (neo4j) return openNeo4jStore(neo4j, options);
  const roots = knowledgeRoots(config); // seed + kg import data (interop)
  return (await openMemoryStore(roots, config.sourcesDir ? { sourcesDir: config.sourcesDir } : {})).store;
}
