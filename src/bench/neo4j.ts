import { loadKnowledgeBaseOrThrow } from '../seed/load';
import { connectNeo4j, describeTarget, Neo4jStore, neo4jConfigFromEnv, syncKnowledgeBase, type Neo4jConfig } from '../store/neo4j';
import { loadStatement } from '../store/neo4j/cypher-files';
import { closeDriver, getDriver } from '../store/neo4j/driver';
import { measureQueries, type QueryFigures } from './embedded';
import { progress, timeOnce } from './measure';
import type { Workload } from './workload';

/** The UNWIND batch sizes a load is timed with (rows per statement). */
export const NEO4J_BATCH_SIZES = [500, 2000, 10_000] as const;

export interface Neo4jLoadFigure {
  batchSize: number;
  /** A load into an empty database: the whole sync, one write transaction. */
  ms?: number;
  entitiesPerSec?: number;
  relationsPerSec?: number;
  error?: string;
}

export interface Neo4jSizeFigures {
  loads: Neo4jLoadFigure[];
  /** The embedded store's query workload, on the graph the last successful load wrote. */
  queries?: QueryFigures;
  error?: string;
}

export interface Neo4jFigures {
  skipped?: string;
  /** Where the figures come from (address and database, never the password). */
  target?: string;
}

/**
 * Whether the Neo4j part runs. It empties the database it is given (every Entity and Source node),
 * so besides NEO4J_URI it needs the explicit `--neo4j-overwrite`; otherwise the run says how.
 */
export function neo4jBenchPlan(overwrite: boolean): { config?: Neo4jConfig; figures: Neo4jFigures } {
  const skip = (skipped: string) => {
    progress(`neo4j: ${skipped}`);
    return { figures: { skipped } };
  };
  let config: Neo4jConfig | null;
  try {
    config = neo4jConfigFromEnv();
  } catch (err) {
    return skip(`not run: ${(err as Error).message}`);
  }
  if (!config) {
    return skip(
      'skipped: NEO4J_URI is not set (no Neo4j server can run on this machine). Set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD (and NEO4J_DATABASE for a database of its own) and pass --neo4j-overwrite to measure load throughput with UNWIND batches of 500 / 2,000 / 10,000 rows and the same query latencies.',
    );
  }
  if (!overwrite) return skip(`skipped: NEO4J_URI is set (${describeTarget(config)}), but the Neo4j part empties that database before each timed load; pass --neo4j-overwrite to allow it.`);
  return { config, figures: { target: describeTarget(config) } };
}

/** Deletes every entity and source, in an auto-commit statement (CALL ... IN TRANSACTIONS needs one). */
async function clearGraph(config: Neo4jConfig): Promise<void> {
  const session = getDriver(config).session(config.database ? { database: config.database } : {});
  try {
    await session.run(loadStatement('clear-graph').text);
  } finally {
    await session.close();
  }
}

/**
 * One size on Neo4j: the generated seed loaded into an empty database once per batch size (the
 * same `kg seed` sync, timed end to end), then the embedded store's query workload through the
 * Neo4j store. A failure is recorded against its batch size or step, and the run goes on.
 */
export async function measureNeo4jSize(config: Neo4jConfig, dir: string, workload: Workload, budgetMs: number): Promise<Neo4jSizeFigures> {
  const figures: Neo4jSizeFigures = { loads: [] };
  try {
    const kb = loadKnowledgeBaseOrThrow(dir).kb;
    const sessions = await connectNeo4j(config);
    let lastGood: number | undefined;
    for (const batchSize of NEO4J_BATCH_SIZES) {
      progress(`  neo4j: emptying the database, then loading with batches of ${batchSize}`);
      try {
        await clearGraph(config);
        const { ms } = await timeOnce(() => syncKnowledgeBase(sessions, kb, { batchSize }));
        figures.loads.push({ batchSize, ms, entitiesPerSec: (kb.entities.length / ms) * 1000, relationsPerSec: (kb.relations.length / ms) * 1000 });
        lastGood = batchSize;
      } catch (err) {
        figures.loads.push({ batchSize, error: (err as Error).message });
      }
    }
    if (lastGood !== undefined) {
      // A failed load rolled back into the emptied database: load the graph again to query it.
      if (figures.loads.at(-1)?.error) await syncKnowledgeBase(sessions, kb, { batchSize: lastGood });
      progress('  neo4j: queries');
      figures.queries = await measureQueries(new Neo4jStore(sessions), workload, budgetMs);
    }
  } catch (err) {
    figures.error = (err as Error).message;
  }
  return figures;
}

export { closeDriver as closeNeo4jBench };
