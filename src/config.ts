import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so commands work from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppConfig {
  seedDir: string;
  /** Analysts' imported claims (kg import), merged over the seed; kept out of seed/ and out of git. */
  dataDir: string;
  /** Folder with the source texts, when present: enables citation checks and cited passages. */
  sourcesDir?: string;
  viewerDir: string;
}

/** Configuration from the environment, with defaults that work in a fresh clone. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const seedDir = path.resolve(env.KG_SEED_DIR ?? path.join(REPO_ROOT, 'seed'));
  const sourcesDir = path.resolve(env.KG_SOURCES_DIR ?? path.join(REPO_ROOT, '..', 'shared', 'seeds'));
  return {
    seedDir,
    dataDir: path.resolve(env.KG_DATA_DIR ?? path.join(REPO_ROOT, '.kg-data')),
    ...(existsSync(sourcesDir) ? { sourcesDir } : {}),
    viewerDir: path.join(REPO_ROOT, 'viewer', 'dist'),
  };
}

/** The folders the knowledge base is read from: the seed, then the imported data when there is any. */
export function knowledgeRoots(config: Pick<AppConfig, 'seedDir' | 'dataDir'>): string[] {
  return existsSync(config.dataDir) ? [config.seedDir, config.dataDir] : [config.seedDir];
}
