import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { missingPrerequisite, startLocalNeo4j, stopLocalNeo4j } from '../../tools/neo4j-local/control';
import { freePort } from './free-port';
import type { TestNeo4j } from './neo4j';
import { REPO_ROOT } from './paths';

/**
 * Once per test run: builds the viewer when stale, and finds the Neo4j the Neo4j suites run on.
 * NEO4J_URI set: that server (its graph is replaced). Otherwise, with Java 17+ and Maven, a local
 * Neo4j of its own (fresh data, a free port), stopped at the end. KG_TEST_NEO4J=off, or no Java:
 * the Neo4j suites skip, with one notice; KG_REQUIRE_NEO4J=1 (CI) turns that into a failure.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-if-needed.mjs'), 'viewer'], {
    stdio: 'inherit',
  });
  const { neo4j, teardown } = await testNeo4j();
  project.provide('neo4j', neo4j);
  return teardown;
}

async function testNeo4j(): Promise<{ neo4j: TestNeo4j; teardown: () => Promise<void> }> {
  const none = async () => {};
  const env = process.env;
  if (env.NEO4J_URI) {
    return {
      neo4j: {
        uri: env.NEO4J_URI,
        user: env.NEO4J_USER || 'neo4j',
        password: env.NEO4J_PASSWORD ?? '',
        ...(env.NEO4J_DATABASE ? { database: env.NEO4J_DATABASE } : {}),
      },
      teardown: none,
    };
  }
  const why = env.KG_TEST_NEO4J === 'off' ? 'KG_TEST_NEO4J=off' : missingPrerequisite();
  if (why) {
    if (env.KG_REQUIRE_NEO4J === '1')
      throw new Error(`Neo4j is required for this run (KG_REQUIRE_NEO4J=1) but cannot start: ${why}`);
    console.warn(
      `Neo4j suites: SKIPPED (${why}). They run against a local Neo4j when Java 17+ and Maven are installed, or against NEO4J_URI.`,
    );
    return { neo4j: { skipped: why }, teardown: none };
  }
  const home = mkdtempSync(path.join(tmpdir(), 'kg-test-neo4j-'));
  const c = await startLocalNeo4j({
    home,
    port: await freePort(),
    log: (line) => console.log(line),
    stopWithThisProcess: true,
  });
  return {
    neo4j: { uri: c.uri, user: c.user, password: c.password },
    teardown: async () => {
      await stopLocalNeo4j(home);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
