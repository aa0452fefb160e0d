import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, setting, SETTINGS } from '../../src/config';
import { DEFAULT_RATE_LIMITS } from '../../src/api/hardening';
import { configBlock, readmeConfigBlock } from '../../scripts/readme-config';
import { REPO_ROOT } from '../support/paths';

/** Source files of the program (not its benchmark and reliability harnesses, which have their own variables). */
function sources(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => /\.(ts|mjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !/src\/(bench|reliability)\//.test(f));
}
const code = [...sources('src'), ...sources('tools'), ...sources('scripts')]
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const variables = Object.keys(SETTINGS.shape).filter((k) => !k.startsWith('--'));

describe('configuration (src/config.ts)', () => {
  it('the README table is generated from the schema (npm run docs:config)', () => {
    expect(readmeConfigBlock()).toBe(configBlock());
  });

  it('every environment variable the code reads is in the schema, and read through it', () => {
    const readDirectly = [...code.matchAll(/\benv(?:\.|\[['"])([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]);
    expect(readDirectly).toEqual([]);
    const read = new Set([...code.matchAll(/setting\('([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]));
    expect(variables.filter((v) => !read.has(v))).toEqual([]);
  });

  it('names the variable, the value and what it must be', () => {
    expect(() => setting('PORT', { PORT: 'http' })).toThrow(
      new ConfigError('PORT must be a number from 0 to 65535, not "http"'),
    );
    expect(() => setting('NEO4J_REQUEST_TIMEOUT_MS', { NEO4J_REQUEST_TIMEOUT_MS: '-5' })).toThrow(
      'NEO4J_REQUEST_TIMEOUT_MS must be a positive number of milliseconds, not "-5"',
    );
    expect(setting('PORT', { PORT: '' })).toBe(3000);
    expect(setting('KG_SOURCES_DIR', { KG_SOURCES_DIR: '' })).toBe('');
    expect(setting('KG_ALLOWED_HOSTS', { KG_ALLOWED_HOSTS: ' A.example, ,b ' })).toEqual(['a.example', 'b']);
  });

  it('shows the API rate limits the server applies by default', () => {
    expect(configBlock()).toContain(`| \`KG_RATE_LIMIT_SEARCH\` | \`${DEFAULT_RATE_LIMITS.search.limit}\` |`);
    expect(configBlock()).toContain(`| \`KG_RATE_LIMIT_CYPHER\` | \`${DEFAULT_RATE_LIMITS.cypher.limit}\` |`);
  });
});
