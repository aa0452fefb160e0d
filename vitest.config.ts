import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and server tests share two cores; a few files at a time keeps them stable.
    maxWorkers: 2,
    // Tests see the seed alone, never a developer's own imported claims (kg import's data folder).
    env: { KG_DATA_DIR: path.join(tmpdir(), 'kg-tests-no-user-data') },
  },
});
