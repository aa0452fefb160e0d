import {
  connectionLines,
  DEFAULT_HOME,
  LocalNeo4jError,
  portFromEnv,
  startLocalNeo4j,
  stopLocalNeo4j,
} from './control';

/**
 * `npm run neo4j:start` / `neo4j:stop`. start prints only the connection lines on stdout, so that
 * `eval "$(npm run --silent neo4j:start)"` configures a shell; progress goes to stderr.
 */
async function main(command: string | undefined): Promise<number> {
  if (command === 'start') {
    const c = await startLocalNeo4j({
      home: DEFAULT_HOME,
      port: portFromEnv(),
      ...(process.env.KG_NEO4J_HEAP ? { heap: process.env.KG_NEO4J_HEAP } : {}),
      ...(process.env.KG_NEO4J_PAGECACHE ? { pageCache: process.env.KG_NEO4J_PAGECACHE } : {}),
    });
    if (!c.started) process.stderr.write(`neo4j-local: already running on ${c.uri}\n`);
    process.stdout.write(connectionLines(c));
    return 0;
  }
  if (command === 'stop') {
    const stopped = await stopLocalNeo4j(DEFAULT_HOME);
    process.stderr.write(stopped ? 'neo4j-local: stopped\n' : 'neo4j-local: not running\n');
    return 0;
  }
  process.stderr.write('usage: neo4j-local start|stop\n');
  return 2;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof LocalNeo4jError) {
      process.stderr.write(`neo4j-local: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  },
);
