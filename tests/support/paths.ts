import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';

export { REPO_ROOT };
export const SEED_DIR = path.join(REPO_ROOT, 'seed');
export const SOURCES_DIR = path.resolve(process.env.KG_SOURCES_DIR ?? path.join(REPO_ROOT, '..', 'shared', 'seeds'));
export const HAVE_SOURCES = existsSync(SOURCES_DIR);
