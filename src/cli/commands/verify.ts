import path from 'node:path';
import { isDirectory, knowledgeRoots, loadConfig } from '../../config';
import { errorsOf, formatProblem, loadKnowledgeBase, verifyCitations } from '../../seed';
import { command, failWith } from './types';

export const verifyCommand = command({
  name: 'verify',
  usage: 'verify [--sources DIR]',
  summary: 'check every citation against the source texts (default ../shared/seeds)',
  options: { sources: { type: 'string' } },
  async run({ values: { sources } }) {
    if (sources !== undefined && !isDirectory(path.resolve(sources))) {
      const what = `${path.resolve(sources)} does not exist or is not a folder`;
      return failWith(2, `verify: --sources ${what}; pass the folder holding the source texts`);
    }
    const config = loadConfig({ ...process.env, ...(sources !== undefined && { KG_SOURCES_DIR: sources }) });
    if (!config.sourcesDir) {
      const why = config.sourcesMissing?.reason ?? 'no sources folder';
      return failWith(2, `verify: nothing to check citations against: ${why}; pass --sources DIR`);
    }
    const { kb, locate, problems } = loadKnowledgeBase(knowledgeRoots(config), { sourcesDir: config.sourcesDir });
    if (!kb) {
      for (const p of errorsOf(problems)) console.error(formatProblem(p));
      return failWith(1, 'verify: the seed files do not validate; fix them first (npm run kg -- validate)');
    }
    const { checked, problems: failures } = verifyCitations(kb, config.sourcesDir, locate!);
    for (const f of failures) console.error(formatProblem(f));
    if (failures.length > 0) return failWith(1, `verify: ${failures.length} of ${checked} citations fail`);
    console.log(`verify: ok: all ${checked} citations name what they support`);
    return 0;
  },
});
