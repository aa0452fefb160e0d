import type { Neo4jConfig } from './config';
import { Availability, closeDriver, getDriver, Sessions, verify } from './driver';
import { Neo4jStore } from './store';

export { Neo4jStore, Sessions };
export { neo4jConfigFromEnv, describeTarget, type Neo4jConfig } from './config';
export { syncKnowledgeBase, type SyncReport } from './sync';

/** Connects with the process's driver and checks the server answers, so a wrong address or password fails at start-up saying which. */
export async function connectNeo4j(config: Neo4jConfig): Promise<Sessions> {
  await verify(config).catch((err: unknown) => closeDriver().then(() => Promise.reject(err)));
  return new Sessions(getDriver(config), config);
}

export type OpenNeo4jOptions = { tolerateOutage?: boolean };

/**
 * The Neo4j store over the process's driver, behind an Availability gate; closing it closes the
 * driver. `tolerateOutage`, for a server that runs for days, starts it even when Neo4j is
 * unreachable (requests answer "unavailable" until it answers); one-shot commands fail at once.
 */
export async function openNeo4jStore(config: Neo4jConfig, options: OpenNeo4jOptions = {}): Promise<Neo4jStore> {
  if (!options.tolerateOutage) await connectNeo4j(config);
  return new Neo4jStore(new Sessions(getDriver(config), config, new Availability(config)), closeDriver);
}
