import { setting } from '../../config';
import { connectNeo4j, describeTarget, neo4jConfigFromEnv, syncKnowledgeBase } from '../../store/neo4j';
import { closeDriver } from '../../store/neo4j/driver';
import { BATCH_SIZE } from '../../store/neo4j/sync';
import { operatorMessage } from '../../store/operator-message';
import { command, failWith, loadPrintingProblems } from './types';

export const seedCommand = command({
  name: 'seed',
  usage: `seed [--dry-run] [--batch-size N (rows per UNWIND statement, default ${BATCH_SIZE})]`,
  summary: 'sync the seed files into Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)',
  options: { 'dry-run': { type: 'boolean', default: false }, 'batch-size': { type: 'string' } },
  async run({ values }) {
    const dryRun = values['dry-run'];
    const batchSize = setting('--batch-size', { '--batch-size': values['batch-size'] }) ?? BATCH_SIZE;
    const neo4j = neo4jConfigFromEnv();
    const howTo = 'set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD (see "Use Neo4j" in the README)';
    if (!neo4j) return failWith(2, `seed: NEO4J_URI is not set; ${howTo}`);
    // Validate before connecting: a seed with any error writes nothing.
    const { kb, errors, counts } = loadPrintingProblems('seed');
    if (!kb) return failWith(1, `seed: ${errors} error(s) in the seed files; nothing written to Neo4j`);
    console.log(`seed: ${counts} validated`);
    const started = Date.now();
    try {
      console.log(`seed: connecting to ${describeTarget(neo4j)} as ${neo4j.user}`);
      let lastPrinted = 0;
      const onProgress = (phase: string, done: number, total: number) => {
        // One line per batch on long loads, not a flood on short ones.
        if (total <= 500 && Date.now() - lastPrinted <= 2000) return;
        console.log(`seed: ${phase}: ${done}/${total}`);
        lastPrinted = Date.now();
      };
      const report = await syncKnowledgeBase(await connectNeo4j(neo4j), kb, { dryRun, batchSize, onProgress });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(dryRun ? 'seed: dry run, nothing written; the plan:' : `seed: done in ${seconds} s:`);
      const verb = dryRun ? 'would be ' : '';
      for (const what of ['sources', 'entities', 'relations'] as const) {
        const { created, updated, removed, unchanged } = report[what];
        const done = `${created} ${verb}created, ${updated} ${verb}updated, ${removed} ${verb}removed`;
        console.log(`  ${what.padEnd(10)} ${done}, ${unchanged} unchanged`);
      }
      return 0;
    } catch (err) {
      console.error(`seed: ${operatorMessage(err)}`);
      return failWith(1, `seed: nothing was ${dryRun ? 'written' : 'changed (the sync runs in one transaction)'}`);
    } finally {
      await closeDriver();
    }
  },
});
