import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so commands work from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the source texts are looked for when KG_SOURCES_DIR is not set. */
export const DEFAULT_SOURCES_DIR = path.join(REPO_ROOT, '..', 'shared', 'seeds');

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

/** The configuration asks for something that is not there: a command stops (exit 2) and says what to change. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Configuration from the environment, with defaults that work in a fresh clone. A sources folder
 * that was asked for (KG_SOURCES_DIR) and does not exist is a ConfigError: running on without it
 * would quietly skip the citation checks. The default folder missing is not an error (a fresh
 * clone has no texts); `sourcesMissing` says so, and commands print which checks they skipped.
 * KG_SOURCES_DIR set empty runs without source texts on purpose.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  defaultSourcesDir: string = DEFAULT_SOURCES_DIR,
): AppConfig {
  const seedDir = path.resolve(env.KG_SEED_DIR ?? path.join(REPO_ROOT, 'seed'));
  const base = {
    seedDir,
    dataDir: path.resolve(env.KG_DATA_DIR ?? path.join(REPO_ROOT, '.kg-data')),
    viewerDir: path.join(REPO_ROOT, 'viewer', 'dist'),
  };
  const asked = env.KG_SOURCES_DIR;
  if (asked === '') return { ...base, sourcesMissing: { folder: null, reason: 'KG_SOURCES_DIR is set empty' } };
  const sourcesDir = path.resolve(asked ?? defaultSourcesDir);
  if (isDirectory(sourcesDir)) return { ...base, sourcesDir };
  if (asked !== undefined) {
    const what = existsSync(sourcesDir) ? 'is not a folder' : 'does not exist';
    throw new ConfigError(
      `KG_SOURCES_DIR is set to ${sourcesDir}, which ${what}; point it at the folder holding the source texts, or set it empty (KG_SOURCES_DIR=) to run without them`,
    );
  }
  return {
    ...base,
    sourcesMissing: {
      folder: sourcesDir,
      reason: `the default sources folder ${sourcesDir} does not exist (set KG_SOURCES_DIR to the folder holding the source texts)`,
    },
  };
}

/** The checks a command could not make without the source texts, in one line; null when it has them. */
export function skippedChecksNotice(
  config: Pick<AppConfig, 'sourcesDir' | 'sourcesMissing'>,
  command: string,
  skipped: readonly string[],
): string | null {
  if (config.sourcesDir || !config.sourcesMissing) return null;
  return `notice: ${command}: no source texts, ${config.sourcesMissing.reason}; skipped: ${skipped.join('; ')}`;
}

/** What the loader checks against the source texts (src/seed/load.ts). */
export const SOURCE_FILE_CHECKS = [
  'whether each source file is in the sources folder',
  'whether each cited paragraph exists in its source',
] as const;

/** The folders the knowledge base is read from: the seed, then the imported data when there is any. */
export function knowledgeRoots(config: Pick<AppConfig, 'seedDir' | 'dataDir'>): string[] {
  return existsSync(config.dataDir) ? [config.seedDir, config.dataDir] : [config.seedDir];
}

function isDirectory(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}
