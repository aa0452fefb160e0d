import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { progress } from './measure';

export interface Neo4jFigures {
  skipped?: string;
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Neo4j figures need a server (NEO4J_URI) and the Neo4j adapter (src/store/neo4j). Neither is
 * available on the machine these figures come from; the run says so instead of inventing numbers.
 */
export async function measureNeo4j(_dataRoot: string, _sizes: string[]): Promise<Neo4jFigures> {
  if (!process.env.NEO4J_URI) {
    const skipped = 'skipped: NEO4J_URI is not set (no Neo4j server can run on this machine). Set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD to measure seed throughput (UNWIND batches of 500 / 2,000 / 10,000) and the same query latencies.';
    progress(`neo4j: ${skipped}`);
    return { skipped };
  }
  if (!existsSync(path.join(REPO, 'src', 'store', 'neo4j'))) {
    const skipped = 'skipped: NEO4J_URI is set, but the Neo4j adapter (src/store/neo4j, branch `neo4j`) is not in this checkout yet.';
    progress(`neo4j: ${skipped}`);
    return { skipped };
  }
  return { skipped: 'skipped: the Neo4j benchmark is not written yet (the adapter landed after this benchmark); see the closing note of issue 8.' };
}
