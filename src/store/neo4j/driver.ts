import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jConfig } from './config';

/** One driver per process (it owns the connection pool). */
let shared: { key: string; driver: Driver } | null = null;

/**
 * The process's driver for this address and user, created on first use. Timeouts are short on
 * purpose: an unreachable server fails a command within seconds, not after the driver's 30 s retries.
 */
export function getDriver(config: Neo4jConfig): Driver {
  const key = `${config.uri}\u0000${config.user}`;
  if (shared?.key === key) return shared.driver;
  if (shared) void shared.driver.close();
  const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    connectionTimeout: config.connectTimeoutMs,
    connectionAcquisitionTimeout: config.connectTimeoutMs,
    maxTransactionRetryTime: config.connectTimeoutMs,
    userAgent: 'ct-actor-graph',
  });
  shared = { key, driver };
  return driver;
}

/** Closes the process's driver; safe to call twice. */
export async function closeDriver(): Promise<void> {
  const current = shared;
  shared = null;
  await current?.driver.close();
}

/** Whether the server answers (the driver's verifyConnectivity). */
export const verify = (config: Neo4jConfig) =>
  getDriver(config).verifyConnectivity(config.database ? { database: config.database } : {});
