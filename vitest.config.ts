import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const common = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // Tests see the seed alone, never a developer's own imported claims (kg import's data folder).
  env: { KG_DATA_DIR: path.join(tmpdir(), 'kg-tests-no-user-data') },
};

export default defineConfig({
  test: {
    // Once for the run: builds the viewer, starts (or finds) the Neo4j the Neo4j suites use.
    globalSetup: ['tests/support/global-setup.ts'],
    // Browser and server tests share two cores; a few files at a time keeps them stable.
    maxWorkers: 2,
    projects: [
      { test: { ...common, name: 'main', include: ['tests/**/*.test.ts'], exclude: ['tests/neo4j/**'] } },
      // Every file here replaces or reads the one graph of the test server: one file at a time.
      { test: { ...common, name: 'neo4j', include: ['tests/neo4j/**/*.test.ts'], fileParallelism: false } },
    ],
  },
});
