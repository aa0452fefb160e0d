import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { setting } from '../../src/config';

/**
 * Starts and stops a local Neo4j Community server from its published jars, with no container
 * engine: the Maven project beside this file is built when needed and run as a detached Java
 * process with Bolt on loopback and authentication on. One folder (the instance's home) holds
 * its data, logs, password and process id.
 */

const TOOL_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(TOOL_DIR, '..', '..');
const TARGET = path.join(TOOL_DIR, 'target');
const LAUNCHER_JAR = path.join(TARGET, 'neo4j-local-1.0.0.jar');

/** The default instance `npm run neo4j:start` runs: git-ignored, kept across starts. */
export const DEFAULT_HOME = path.join(REPO_ROOT, '.neo4j-local');
const MIN_JAVA = 17;
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 60_000;

export interface LocalNeo4jOptions {
  home: string;
  port: number;
  /** JVM heap and page cache; the defaults leave most of a 24 GB machine to the tests beside it. */
  heap?: string;
  pageCache?: string;
  /** Where progress goes (never stdout: that is kept for the connection lines). */
  log?: (line: string) => void;
  /** Stop the server when this process ends, even if killed (test runs, benchmarks). */
  stopWithThisProcess?: boolean;
}

export interface Connection {
  uri: string;
  user: string;
  password: string;
}

/** A problem the user can fix, with what to install or change; printed without a stack. */
export class LocalNeo4jError extends Error {
  override readonly name = 'LocalNeo4jError';
}

interface State {
  pid: number;
  port: number;
}

const statePath = (home: string) => path.join(home, 'state.json');
const passwordPath = (home: string) => path.join(home, 'password');
const logPath = (home: string) => path.join(home, 'neo4j.log');

/**
 * What `neo4j:start` prints on stdout: the three settings, then the line that exports them, so
 * that `eval` configures the shell for the commands that follow (a plain assignment would stay
 * in the shell and never reach `npm run seed`). The password is base64url: safe unquoted.
 */
export function connectionLines(c: Connection): string {
  return `NEO4J_URI=${c.uri}\nNEO4J_USER=${c.user}\nNEO4J_PASSWORD=${c.password}\nexport NEO4J_URI NEO4J_USER NEO4J_PASSWORD\n`;
}

function javaCommand(): string {
  const home = setting('JAVA_HOME');
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/** Java's major version, or null when there is no Java. */
export function javaMajorVersion(): number | null {
  const r = spawnSync(javaCommand(), ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr);
  if (!m) return null;
  const major = Number(m[1]);
  return major === 1 ? Number(m[2]) : major;
}

export function hasMaven(): boolean {
  const r = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

/** Why this machine cannot run the local Neo4j, or null when it can. */
export function missingPrerequisite(): string | null {
  const java = javaMajorVersion();
  if (java === null)
    return `Java ${MIN_JAVA} or later is needed to run the local Neo4j and was not found (install a JDK, e.g. apt-get install openjdk-17-jdk-headless, or set JAVA_HOME)`;
  if (java < MIN_JAVA)
    return `Java ${MIN_JAVA} or later is needed to run Neo4j 5; found Java ${java} (install a newer JDK or point JAVA_HOME at one)`;
  if (!hasMaven())
    return 'Maven is needed to build the local Neo4j launcher and was not found (install it, e.g. apt-get install maven)';
  return null;
}

function newestMtime(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((name) => newestMtime(path.join(file, name))));
}

/** Builds the launcher with Maven when its jar is missing or older than its sources. */
export function buildLauncher(log: (line: string) => void = () => {}): void {
  if (
    existsSync(LAUNCHER_JAR) &&
    statSync(LAUNCHER_JAR).mtimeMs >=
      Math.max(newestMtime(path.join(TOOL_DIR, 'pom.xml')), newestMtime(path.join(TOOL_DIR, 'src')))
  )
    return;
  log('neo4j-local: building the launcher with Maven (the first build downloads Neo4j, about 120 MB)…');
  const r = spawnSync('mvn', ['-q', '-B', '-f', path.join(TOOL_DIR, 'pom.xml'), 'package'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error || r.status !== 0) {
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new LocalNeo4jError(`the Maven build of tools/neo4j-local failed:\n${output}`);
  }
}

function readState(home: string): State | null {
  try {
    const s = JSON.parse(readFileSync(statePath(home), 'utf8')) as State;
    return Number.isInteger(s.pid) && Number.isInteger(s.port) ? s : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether something accepts TCP connections on the loopback port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function canLogIn(c: Connection): Promise<boolean> {
  const driver = neo4j.driver(c.uri, neo4j.auth.basic(c.user, c.password), {
    connectionTimeout: 2000,
    maxConnectionPoolSize: 1,
  });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

function password(home: string): string {
  const file = passwordPath(home);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const chosen = randomBytes(18).toString('base64url');
  writeFileSync(file, `${chosen}\n`, { mode: 0o600 });
  return chosen;
}

const connection = (port: number, pw: string): Connection => ({
  uri: `bolt://127.0.0.1:${port}`,
  user: 'neo4j',
  password: pw,
});

function logTail(home: string, lines = 20): string {
  try {
    return readFileSync(logPath(home), 'utf8')
      .split('\n')
      .filter((l) => !/^\s+at |^\s+\.\.\. \d+ more/.test(l))
      .slice(-lines)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

function waitMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts the instance in `home` on `port` and resolves once Bolt accepts a login. When this
 * instance already runs there, starts nothing and answers its connection.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<Connection & { started: boolean }> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  mkdirSync(options.home, { recursive: true });
  const state = readState(options.home);
  const pw = password(options.home);
  if (state && isAlive(state.pid)) {
    const running = connection(state.port, pw);
    if (await canLogIn(running)) return { ...running, started: false };
    if (state.port === options.port)
      throw new LocalNeo4jError(
        `a local Neo4j (pid ${state.pid}) is running but refuses the saved password; stop it with npm run neo4j:stop`,
      );
  }
  if (await portInUse(options.port)) {
    throw new LocalNeo4jError(
      `port ${options.port} is in use by another program; stop it, or set KG_NEO4J_PORT to a free port`,
    );
  }
  const missing = missingPrerequisite();
  if (missing) throw new LocalNeo4jError(missing);
  buildLauncher(log);

  log(
    `neo4j-local: starting Neo4j on 127.0.0.1:${options.port} (data in ${path.relative(process.cwd(), options.home) || '.'})…`,
  );
  const out = openSync(logPath(options.home), 'a');
  const classpath = [LAUNCHER_JAR, path.join(TARGET, 'lib', '*'), path.join(TARGET, 'plugins', '*')].join(
    path.delimiter,
  );
  const child = spawn(
    javaCommand(),
    [
      `-Xms${options.heap ?? setting('KG_NEO4J_HEAP')}`,
      `-Xmx${options.heap ?? setting('KG_NEO4J_HEAP')}`,
      '-XX:+UseG1GC',
      '-XX:+ExitOnOutOfMemoryError',
      '-cp',
      classpath,
      'kg.neo4jlocal.Neo4jLocal',
      ...[
        '--home',
        path.join(options.home, 'server'),
        '--port',
        String(options.port),
        '--plugins',
        path.join(TARGET, 'plugins'),
        '--page-cache',
        options.pageCache ?? setting('KG_NEO4J_PAGECACHE'),
        ...(options.stopWithThisProcess ? ['--parent-pid', String(process.pid)] : []),
      ],
    ],
    { detached: true, stdio: ['ignore', out, out], env: { ...process.env, KG_NEO4J_PASSWORD: pw } },
  );
  closeSync(out);
  const pid = child.pid!;
  child.unref();
  writeFileSync(statePath(options.home), JSON.stringify({ pid, port: options.port }));

  const c = connection(options.port, pw);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      rmSync(statePath(options.home), { force: true });
      throw new LocalNeo4jError(
        `Neo4j stopped while starting; the end of ${logPath(options.home)}:\n${logTail(options.home)}`,
      );
    }
    if (await canLogIn(c)) {
      log(`neo4j-local: Neo4j is up (pid ${pid})`);
      return { ...c, started: true };
    }
    await waitMs(500);
  }
  process.kill(pid, 'SIGKILL');
  throw new LocalNeo4jError(
    `Neo4j did not accept a login within ${START_TIMEOUT_MS / 1000} s; see ${logPath(options.home)}`,
  );
}

/** Stops the instance in `home` and resolves once its port is free. Returns false when none ran. */
export async function stopLocalNeo4j(home: string): Promise<boolean> {
  const state = readState(home);
  if (!state || !isAlive(state.pid)) {
    rmSync(statePath(home), { force: true });
    return false;
  }
  process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(state.pid) || (await portInUse(state.port))) {
    if (Date.now() > deadline) {
      process.kill(state.pid, 'SIGKILL');
      await waitMs(500);
      break;
    }
    await waitMs(200);
  }
  rmSync(statePath(home), { force: true });
  return true;
}
