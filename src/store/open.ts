import { knowledgeRoots, type AppConfig } from '../config';
import { loadKnowledgeBaseOrThrow } from '../seed/load';
import { MemoryStore } from './memory';
import { neo4jConfigFromEnv, openNeo4jStore } from './neo4j';
import type { GraphStore } from './port';

/**
 * Opens the store the configuration asks for: Neo4j when NEO4J_URI is set (checked with
 * verifyConnectivity, so a wrong address or password fails here with a message saying which),
 * otherwise the embedded store built from the seed files (a seed error throws
 * SeedValidationError listing every problem).
 */
export async function openStore(config: AppConfig, env: NodeJS.ProcessEnv = process.env): Promise<GraphStore> {
  const neo4j = neo4jConfigFromEnv(env);
  if (neo4j) return openNeo4jStore(neo4j);
  const { kb } = loadKnowledgeBaseOrThrow(knowledgeRoots(config) /* seed + kg import data (interop) */, config.sourcesDir ? { sourcesDir: config.sourcesDir } : {});
  return new MemoryStore(kb);
}
