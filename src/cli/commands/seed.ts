import { parseArgs } from 'node:util';
import { knowledgeRoots, loadConfig, setting, skippedChecksNotice, SOURCE_FILE_CHECKS } from '../../config';
import { loadKnowledgeBase, errorsOf, formatProblem } from '../../seed';
import {
  connectNeo4j,
  describeTarget,
  neo4jConfigFromEnv,
  syncKnowledgeBase,
  type SyncReport,
} from '../../store/neo4j';
import { BATCH_SIZE } from '../../store/neo4j/sync';
import { closeDriver } from '../../store/neo4j/driver';
import { operatorMessage } from '../../store/operator-message';
import type { Command } from './types';

function formatReport(report: SyncReport): string {
  const verb = report.dryRun ? 'would be ' : '';
  const line = (what: string, c: SyncReport['entities']) =>
    `  ${what.padEnd(10)} ${c.created} ${verb}created, ${c.updated} ${verb}updated, ${c.removed} ${verb}removed, ${c.unchanged} unchanged`;
  return [line('sources', report.sources), line('entities', report.entities), line('relations', report.relations)].join(
    '\n',
  );
}

const OPTIONS = { 'dry-run': { type: 'boolean', default: false }, 'batch-size': { type: 'string' } } as const;

export const seedCommand: Command = {
  name: 'seed',
  usage: `seed [--dry-run] [--batch-size N (rows per UNWIND statement, default ${BATCH_SIZE})]`,
  summary: 'sync the seed files into Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)',
  options: OPTIONS,
  async run(args) {
    const { values } = parseArgs({ args, options: OPTIONS });
    const dryRun = values['dry-run'] ?? false;
    const batchSize = setting('--batch-size', { '--batch-size': values['batch-size'] }) ?? BATCH_SIZE;
    const neo4j = neo4jConfigFromEnv();
    if (!neo4j) {
      console.error(
        'seed: NEO4J_URI is not set; set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD (see "Use Neo4j" in the README)',
      );
      return 2;
    }

    // Validate before connecting: a seed with any error writes nothing.
    const config = loadConfig();
    const loaded = loadKnowledgeBase(
      knowledgeRoots(config) /* seed + kg import data (interop) */,
      config.sourcesDir ? { sourcesDir: config.sourcesDir } : {},
    );
    for (const p of loaded.problems) console.error(formatProblem(p));
    const notice = skippedChecksNotice(config, 'seed', SOURCE_FILE_CHECKS);
    if (notice) console.error(notice);
    if (!loaded.kb) {
      console.error(`seed: ${errorsOf(loaded.problems).length} error(s) in the seed files; nothing written to Neo4j`);
      return 1;
    }
    const kb = loaded.kb;
    console.log(
      `seed: ${kb.sources.length} sources, ${kb.entities.length} entities, ${kb.relations.length} relations validated`,
    );

    const started = Date.now();
    try {
      console.log(`seed: connecting to ${describeTarget(neo4j)} as ${neo4j.user}`);
      const sessions = await connectNeo4j(neo4j);
      let lastPrinted = 0;
      const report = await syncKnowledgeBase(sessions, kb, {
        dryRun,
        batchSize,
        onProgress: (phase, done, total) => {
          // One line per batch on long loads, not a flood on short ones.
          if (total > 500 || Date.now() - lastPrinted > 2000) {
            console.log(`seed: ${phase}: ${done}/${total}`);
            lastPrinted = Date.now();
          }
        },
      });
      console.log(
        dryRun
          ? 'seed: dry run, nothing written; the plan:'
          : `seed: done in ${((Date.now() - started) / 1000).toFixed(1)} s:`,
      );
      console.log(formatReport(report));
      return 0;
    } catch (err) {
      console.error(`seed: ${operatorMessage(err)}`);
      console.error(
        dryRun ? 'seed: nothing was written' : 'seed: nothing was changed (the sync runs in one transaction)',
      );
      return 1;
    } finally {
      await closeDriver();
    }
  },
};
