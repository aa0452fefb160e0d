import { parseArgs } from 'node:util';
import path from 'node:path';
import { isDirectory, knowledgeRoots, loadConfig } from '../../config';
import { loadKnowledgeBase, errorsOf, formatProblem, citationProblem, verifyCitations } from '../../seed';
import { failWith, type Command } from './types';

const OPTIONS = { sources: { type: 'string' } } as const;

export const verifyCommand: Command = {
  name: 'verify',
  usage: 'verify [--sources DIR]',
  summary: 'check every citation against the source texts (default ../shared/seeds)',
  options: OPTIONS,
  async run(args) {
    const { values } = parseArgs({ args, options: OPTIONS });
    if (values.sources !== undefined && !isDirectory(path.resolve(values.sources)))
      return failWith(
        2,
        `verify: --sources ${path.resolve(values.sources)} does not exist or is not a folder; pass the folder holding the source texts`,
      );
    const config = loadConfig({
      ...process.env,
      ...(values.sources !== undefined && { KG_SOURCES_DIR: values.sources }),
    });
    if (!config.sourcesDir)
      return failWith(
        2,
        `verify: nothing to check citations against: ${config.sourcesMissing?.reason ?? 'no sources folder'}; pass --sources DIR`,
      );
    const result = loadKnowledgeBase(knowledgeRoots(config), { sourcesDir: config.sourcesDir });
    if (!result.kb) {
      for (const p of errorsOf(result.problems)) console.error(formatProblem(p));
      console.error('verify: the seed files do not validate; fix them first (npm run kg -- validate)');
      return 1;
    }
    const report = verifyCitations(result.kb, config.sourcesDir);
    for (const f of report.failures) console.error(formatProblem(citationProblem(f, result.locate!)));
    if (report.failures.length > 0)
      return failWith(1, `verify: ${report.failures.length} of ${report.checked} citations fail`);
    console.log(`verify: ok: all ${report.checked} citations name what they support`);
    return 0;
  },
};
