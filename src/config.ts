import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, found from this file (src/ or dist/) so commands work from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_SOURCES_DIR = path.join(REPO_ROOT, '..', 'shared', 'seeds');

/** A setting is wrong or asks for something that is not there: a command stops (exit 2) and says what to change. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A whole number from min to max, read from text; the message follows the setting's name. */
const wholeNumber = (min: number, max: number, must = `a whole number from ${min} to ${max}`) =>
  z.string().transform((text, ctx) => {
    if (/^\s*\d+\s*$/.test(text) && +text >= min && +text <= max) return +text;
    ctx.issues.push({ code: 'custom', message: `must be ${must}, not "${text}"`, input: text });
    return z.NEVER;
  });
const commaList = z.string().transform((s) => s.split(',').flatMap((x) => x.trim() || []));
const milliseconds = wholeNumber(1, 3_600_000, 'a positive number of milliseconds');
const port = wholeNumber(0, 65535, 'a number from 0 to 65535');
const perMinute = wholeNumber(1, Number.MAX_SAFE_INTEGER, 'a whole number of requests per minute');
/** What the README's table says of a variable: what it sets, and its default when that is not a plain value. */
const doc = <T extends z.ZodType>(schema: T, doc: string, shown?: string) => schema.meta({ doc, shown });

/** Every setting the program reads (variables and options) with default and check; the README's table is made of it. */
export const SETTINGS = z.object({
  KG_SEED_DIR: doc(z.string().optional(), 'the seed folder', '`./seed`'),
  KG_SOURCES_DIR: doc(
    z.string().optional(),
    'the source texts: citations are checked against them and cited passages served from them; a folder named here that does not exist stops every command (exit 2); the default missing, or set empty, runs without them and commands say which checks they skipped',
    '`../shared/seeds`',
  ),
  KG_DATA_DIR: doc(
    z.string().optional(),
    'imported claims (`kg import`), merged over the seed by every command, the server and `kg seed`; git-ignored',
    '`./.kg-data`',
  ),
  KG_QUESTIONS_DIR: doc(
    z.string().optional(),
    'the saved questions (one YAML file each), read when `kg serve` starts; a broken one stops it (exit 1) with every problem as `file:line`',
    '`./questions`',
  ),
  PORT: doc(port.default(3000), 'the port `kg serve` listens on (`--port` wins)'),
  HOST: doc(z.string().default('127.0.0.1'), 'the address `kg serve` listens on (`--host` wins)'),
  KG_CORS_ORIGINS: doc(commaList.optional(), 'origins allowed by CORS, comma-separated, or `*`', 'none (CORS off)'),
  KG_ALLOWED_HOSTS: doc(
    commaList.transform((hosts) => hosts.map((h) => h.toLowerCase())).optional(),
    'Host names a loopback server answers besides localhost, comma-separated; `*` for any',
    'none',
  ),
  KG_RATE_LIMIT_SEARCH: doc(perMinute.optional(), 'search requests per client per minute', '`300`'),
  KG_RATE_LIMIT_CYPHER: doc(perMinute.optional(), 'Cypher requests per client per minute', '`30`'),
  NEO4J_URI: doc(
    z
      .string()
      .trim()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^/\s]+/, {
        error: (issue) =>
          `"${String(issue.input)}" is not a Neo4j address; use bolt://host:7687 or neo4j://host:7687 (neo4j+s:// for Aura)`,
      })
      .optional(),
    'use Neo4j at this address instead of the embedded store',
    'none (embedded store)',
  ),
  NEO4J_USER: doc(z.string().trim().default('neo4j'), 'the Neo4j user'),
  NEO4J_PASSWORD: doc(z.string().optional(), 'the Neo4j password (needed with `NEO4J_URI`)', 'none'),
  NEO4J_DATABASE: doc(z.string().trim().optional(), 'the Neo4j database', "the server's"),
  NEO4J_CONNECT_TIMEOUT_MS: doc(
    milliseconds.default(3000),
    "how long to wait for Neo4j before calling it unreachable; also the driver's retry budget",
  ),
  NEO4J_REQUEST_TIMEOUT_MS: doc(milliseconds.default(10_000), 'a request that waits longer for Neo4j gets 503'),
  KG_NEO4J_PORT: doc(wholeNumber(1, 65535).default(7687), 'the Bolt port of `npm run neo4j:start`'),
  KG_NEO4J_HEAP: doc(z.string().default('1g'), 'the JVM heap of `npm run neo4j:start`'),
  KG_NEO4J_PAGECACHE: doc(z.string().default('512m'), 'the page cache of `npm run neo4j:start`'),
  JAVA_HOME: doc(z.string().optional(), 'the Java that runs `npm run neo4j:start`', '`java` on the PATH'),
  '--port': port.optional(),
  // At most 100,000: one UNWIND list is held whole in the driver and the server.
  '--batch-size': wholeNumber(1, 100_000).optional(),
});
export type Settings = z.output<typeof SETTINGS>;
type Env = Record<string, string | undefined>;

/**
 * One setting, from the environment or (an option, `--name`) the parsed arguments. Empty counts as not set, except for
 * KG_SOURCES_DIR, where it means "no source texts". A wrong value is a ConfigError naming the setting and the value.
 */
export function setting<K extends keyof Settings>(key: K, from: Env = process.env): Settings[K] {
  const raw = from[key] === '' && key !== 'KG_SOURCES_DIR' ? undefined : from[key];
  const parsed = (SETTINGS.shape[key] as z.ZodType).safeParse(raw);
  if (parsed.success) return parsed.data as Settings[K];
  throw new ConfigError(`${key} ${parsed.error.issues[0]!.message}`);
}

export interface AppConfig {
  seedDir: string;
  /** Analysts' imported claims (kg import), merged over the seed; kept out of seed/ and out of git. */
  dataDir: string;
  /** Folder with the source texts, when present: enables citation checks and cited passages. */
  sourcesDir?: string;
  /** Why there is no `sourcesDir`: the folder looked for (null when none was wanted) and why. */
  sourcesMissing?: { folder: string | null; reason: string };
  viewerDir: string;
}

/**
 * The folders, with defaults that work in a fresh clone. A sources folder asked for and missing is a ConfigError:
 * running on would quietly skip the citation checks. The default one missing is not (a fresh clone has no texts).
 */
export function loadConfig(env: Env = process.env, defaultSourcesDir = DEFAULT_SOURCES_DIR): AppConfig {
  const base = {
    seedDir: path.resolve(setting('KG_SEED_DIR', env) ?? path.join(REPO_ROOT, 'seed')),
    dataDir: path.resolve(setting('KG_DATA_DIR', env) ?? path.join(REPO_ROOT, '.kg-data')),
    viewerDir: path.join(REPO_ROOT, 'viewer', 'dist'),
  };
  const asked = setting('KG_SOURCES_DIR', env);
  if (asked === '') return { ...base, sourcesMissing: { folder: null, reason: 'KG_SOURCES_DIR is set empty' } };
  const sourcesDir = path.resolve(asked ?? defaultSourcesDir);
  if (isDirectory(sourcesDir)) return { ...base, sourcesDir };
  const what = existsSync(sourcesDir) ? 'is not a folder' : 'does not exist';
  const fix = 'point it at the folder holding the source texts, or set it empty (KG_SOURCES_DIR=) to run without them';
  if (asked !== undefined) throw new ConfigError(`KG_SOURCES_DIR is set to ${sourcesDir}, which ${what}; ${fix}`);
  const reason = `the default sources folder ${sourcesDir} does not exist (set KG_SOURCES_DIR to the folder holding the source texts)`;
  return { ...base, sourcesMissing: { folder: sourcesDir, reason } };
}

/** The folders the knowledge base is read from: the seed, then the imported data when there is any. */
export const knowledgeRoots = (config: Pick<AppConfig, 'seedDir' | 'dataDir'>): string[] =>
  existsSync(config.dataDir) ? [config.seedDir, config.dataDir] : [config.seedDir];

export const isDirectory = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();
