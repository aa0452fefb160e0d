// Rewrites the configuration table of README.md from the settings schema (src/config.ts), so the
// README lists exactly the variables the program reads. `npm run docs:config` runs it;
// tests/cli/config.test.ts fails when the table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SETTINGS } from '../src/config';

const README = path.join(REPO_ROOT, 'README.md');
const START = '<!-- config:start (generated from src/config.ts by npm run docs:config) -->';
const END = '<!-- config:end -->';

/** The table: one row per environment variable (options are listed by `kg --help`). */
export function configBlock(): string {
  const rows = Object.entries(SETTINGS.shape)
    .filter(([name]) => !name.startsWith('--'))
    .map(([name, schema]) => {
      const { doc, shown } = schema.meta() as { doc: string; shown?: string };
      const byDefault = shown ?? `\`${String(schema.parse(undefined))}\``;
      return `| \`${name}\` | ${byDefault} | ${doc} |`;
    });
  return [START, '| variable | default | what it sets |', '| --- | --- | --- |', ...rows, END].join('\n');
}

export function readmeConfigBlock(): string | null {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  return start >= 0 && end > start ? readme.slice(start, end + END.length) : null;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const old = readmeConfigBlock();
  if (!old) throw new Error(`README.md has no ${START} ... ${END} block`);
  writeFileSync(README, readFileSync(README, 'utf8').replace(old, configBlock()));
  console.log('README.md: the configuration table updated');
}
