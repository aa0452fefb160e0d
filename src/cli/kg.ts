#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { errorsOf, formatProblem, SeedValidationError } from '../seed/problems';
import { loadKnowledgeBase } from '../seed/load';
import { verifyCitations } from '../seed/verify';
import { startServer } from '../api/server';
import { openStore } from '../store/open';
import { formatStats } from './format-stats';

/**
 * `kg`: the project's command line. Each command prints what it did; failures go to stderr
 * with a non-zero exit, and data (export) alone goes to stdout so it can be piped.
 */
const USAGE = `usage: npm run kg -- <command> [options]

commands:
  validate                    check every seed file (file:line messages); exit 1 on any error
  verify [--sources DIR]      check every citation against the source texts (default ../shared/seeds)
  stats                       counts per entity kind, relation type and status
  export --format json        print the whole graph (graphology serialisation) to stdout
  serve [--port N] [--host H] serve the API and the viewer (default 127.0.0.1:3000; PORT also works)

environment: KG_SEED_DIR (default ./seed), KG_SOURCES_DIR (default ../shared/seeds)`;

type Handler = (args: string[]) => Promise<number>;

const commands: Record<string, Handler> = {
  async validate() {
    const config = loadConfig();
    const result = loadKnowledgeBase(config.seedDir, config.sourcesDir ? { sourcesDir: config.sourcesDir } : {});
    for (const p of result.problems) console.error(formatProblem(p));
    const errors = errorsOf(result.problems).length;
    const warnings = result.problems.length - errors;
    if (!result.kb) {
      console.error(`validate: ${errors} error(s), ${warnings} warning(s) in ${result.files.length} files; nothing loaded`);
      return 1;
    }
    console.log(`validate: ok: ${result.kb.sources.length} sources, ${result.kb.entities.length} entities, ${result.kb.relations.length} relations in ${result.files.length} files (${warnings} warning(s))`);
    return 0;
  },

  async verify(args) {
    const { values } = parseArgs({ args, options: { sources: { type: 'string' } } });
    const config = loadConfig(values.sources ? { ...process.env, KG_SOURCES_DIR: values.sources } : process.env);
    if (!config.sourcesDir) {
      console.error(`verify: the sources folder was not found (looked for ${values.sources ?? process.env.KG_SOURCES_DIR ?? '../shared/seeds'}); pass --sources DIR`);
      return 2;
    }
    const result = loadKnowledgeBase(config.seedDir, { sourcesDir: config.sourcesDir });
    if (!result.kb) {
      for (const p of errorsOf(result.problems)) console.error(formatProblem(p));
      console.error('verify: the seed files do not validate; fix them first (npm run kg -- validate)');
      return 1;
    }
    const report = verifyCitations(result.kb, config.sourcesDir);
    for (const f of report.failures) console.error(`${f.subject}: ${f.source} ¶${f.paragraph}: ${f.message}`);
    if (report.failures.length > 0) {
      console.error(`verify: ${report.failures.length} of ${report.checked} citations fail`);
      return 1;
    }
    console.log(`verify: ok: all ${report.checked} citations name what they support`);
    return 0;
  },

  async stats() {
    const store = await openStore(loadConfig());
    console.log(formatStats(await store.stats()));
    await store.close();
    return 0;
  },

  async export(args) {
    const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'json' } } });
    if (values.format !== 'json') {
      console.error(`export: unknown format "${values.format}"; available: json`);
      return 2;
    }
    const store = await openStore(loadConfig());
    process.stdout.write(`${JSON.stringify(await store.graph())}\n`);
    await store.close();
    return 0;
  },

  async serve(args) {
    const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } } });
    const port = Number(values.port ?? process.env.PORT ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`serve: --port must be a number from 0 to 65535, not "${values.port ?? process.env.PORT}"`);
      return 2;
    }
    const host = values.host ?? process.env.HOST ?? '127.0.0.1';
    const config = loadConfig();
    const store = await openStore(config);
    const running = await startServer({ store, port, host, viewerDir: config.viewerDir });
    const health = await store.health();
    console.log(`kg: serving ${health.entities} entities and ${health.relations} relations from the ${store.kind} store at ${running.url}`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        console.log(`kg: ${signal} received; finishing in-flight requests`);
        running.close().then(resolve, resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const handler = commands[name];
  if (!handler) {
    console.error(`kg: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await handler(rest);
  } catch (err) {
    if (err instanceof SeedValidationError) {
      for (const p of errorsOf(err.problems)) console.error(formatProblem(p));
      console.error(`kg ${name}: the seed files do not validate (${errorsOf(err.problems).length} error(s)); nothing loaded`);
      return 1;
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`kg ${name}: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`kg ${name}: ${(err as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
