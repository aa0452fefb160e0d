import { ConfigError, setting } from '../../src/config';
import { connectionLines, DEFAULT_HOME, LocalNeo4jError, startLocalNeo4j, stopLocalNeo4j } from './control';

/**
 * `npm run neo4j:start` / `neo4j:stop`. start prints only the connection lines on stdout, so that
 * `eval "$(npm run --silent neo4j:start)"` configures a shell; progress goes to stderr.
 */
async function main(command: string | undefined): Promise<number> {
  if (command === 'start') {
    const c = await startLocalNeo4j({
      home: DEFAULT_HOME,
      port: setting('KG_NEO4J_PORT'),
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
    if (error instanceof LocalNeo4jError || error instanceof ConfigError) {
      process.stderr.write(`neo4j-local: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  },
);
