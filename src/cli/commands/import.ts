import path from 'node:path';
import { loadConfig } from '../../config';
import { importClaims } from '../../interop/import';
import { errorsOf, formatProblem } from '../../seed';
import { command, failWith, noticeSkippedChecks } from './types';

export const importCommand = command({
  name: 'import',
  usage: 'import FILE... (claims .yaml, .csv, or a folder like seed/)',
  summary: `validate analysts' claim files like the seed and add them to the data folder (KG_DATA_DIR)`,
  options: {},
  operands: true,
  async run({ positionals }) {
    if (positionals.length === 0)
      return failWith(2, 'import: name at least one claim file (.yaml, .yml, .csv) or folder; see README, "kg import"');
    const config = loadConfig();
    const report = importClaims(positionals, config);
    for (const p of report.problems) console.error(formatProblem(p));
    noticeSkippedChecks(config, 'import', [
      'whether each cited paragraph names what it supports (as kg verify checks)',
    ]);
    const errors = errorsOf(report.problems).length;
    if (errors > 0) return failWith(1, `import: ${errors} error(s); nothing imported`);
    for (const c of report.contradictions) console.log(`contradiction: ${c}`);
    for (const k of report.known) console.log(`already known, skipped: ${k}`);
    const { sources, entities, relations } = report.added;
    for (const s of sources) console.log(`added source ${s.value.id} (${s.from})`);
    for (const { value: e, from } of entities) console.log(`added entity ${e.id} ${e.kind} "${e.name}" (${from})`);
    for (const { value: r, from } of relations)
      console.log(`added relation ${r.from} ${r.type} ${r.to} [${r.status}] (${from})`);
    if (report.written.length === 0) {
      console.log('import: nothing new to add');
      return 0;
    }
    const shown = report.written.map((f) => path.relative(process.cwd(), f) || f).join(', ');
    const added = `${sources.length} source(s), ${entities.length} entit${entities.length === 1 ? 'y' : 'ies'}, ${relations.length} relation(s)`;
    console.log(`import: added ${added} into ${shown}`);
    return 0;
  },
});
