import type { Neo4jConfig } from './config';
import { Availability } from './availability';
import { closeDriver, getDriver, verify } from './driver';
import { translateDriverError } from './errors';
import { Sessions } from './sessions';
import { Neo4jStore } from './store';

export { Neo4jStore } from './store';
export { neo4jConfigFromEnv, describeTarget, type Neo4jConfig } from './config';
export { syncKnowledgeBase, type SyncReport } from './sync';
export { Sessions } from './sessions';

/**
 * Connects with the process's driver and checks the server answers, so a wrong address or
 * password fails at start-up with a message saying which, not on the first request.
 */
export async function connectNeo4j(config: Neo4jConfig): Promise<Sessions> {
  try {
    await verify(config);
  } catch (err) {
    await closeDriver();
    throw translateDriverError(err, config);
  }
  return new Sessions(getDriver(config), config);
}

export interface OpenNeo4jOptions {
  /**
   * For a server that runs for days: start even when Neo4j is unreachable (requests answer
   * "unavailable" until it answers). One-shot commands leave it off and fail at once with the reason.
   */
  tolerateOutage?: boolean;
}

/**
 * The Neo4j store over the process's driver; closing it closes the driver. Its requests go
 * through an Availability gate: while Neo4j is down they fail within the connect timeout (one
 * probe per second, shared), and the first successful probe puts it back in use.
 */
export async function openNeo4jStore(config: Neo4jConfig, options: OpenNeo4jOptions = {}): Promise<Neo4jStore> {
  if (!options.tolerateOutage) await connectNeo4j(config);
  return new Neo4jStore(new Sessions(getDriver(config), config, new Availability(config)), closeDriver);
}
