import type { Neo4jConfig } from './config';
import { closeDriver, getDriver } from './driver';
import { translateDriverError } from './errors';
import { Sessions } from './sessions';
import { Neo4jStore } from './store';

export { Neo4jStore } from './store';
export { neo4jConfigFromEnv, describeTarget, Neo4jConfigError, type Neo4jConfig } from './config';
export { syncKnowledgeBase, type SyncReport } from './sync';
export { Sessions } from './sessions';

/**
 * Connects with the process's driver and checks the server answers (verifyConnectivity), so a
 * wrong address or password fails at start-up with a message saying which, not on the first
 * request.
 */
export async function connectNeo4j(config: Neo4jConfig): Promise<Sessions> {
  const driver = getDriver(config);
  try {
    await driver.verifyConnectivity(config.database ? { database: config.database } : {});
  } catch (err) {
    await closeDriver();
    throw translateDriverError(err, config);
  }
  return new Sessions(driver, config);
}

/** The Neo4j store over the process's driver; closing it closes the driver. */
export async function openNeo4jStore(config: Neo4jConfig): Promise<Neo4jStore> {
  return new Neo4jStore(await connectNeo4j(config), closeDriver);
}

