import { knowledgeRoots, type AppConfig } from '../config';
import { loadKnowledgeBaseOrThrow } from '../seed/load';
import { MemoryStore } from './memory';
import type { GraphStore } from './port';

/**
 * Opens the store the configuration asks for. Without NEO4J_URI this is the embedded store built
 * from the seed files; a seed error throws SeedValidationError listing every problem.
 */
export async function openStore(config: AppConfig): Promise<GraphStore> {
  const { kb } = loadKnowledgeBaseOrThrow(knowledgeRoots(config) /* seed + kg import data (interop) */, config.sourcesDir ? { sourcesDir: config.sourcesDir } : {});
  return new MemoryStore(kb);
}
