import neo4j, { Neo4jError, type Driver, type ManagedTransaction, type SessionConfig } from 'neo4j-driver';
import type { Session } from 'neo4j-driver';
import { CypherQueryError, StoreUnauthorizedError, StoreUnavailableError } from '../../model/errors';
import { DEFAULT_REQUEST_TIMEOUT_MS, describeTarget, type Neo4jConfig } from './config';
import { bind, type CypherStatement } from './cypher-files';

/** The driver, its sessions, and its failures as domain errors. */

/** One driver per process (it owns the connection pool). */
let shared: { key: string; driver: Driver } | null = null;

/**
 * The process's driver for this address and user, created on first use. Timeouts are short on
 * purpose: an unreachable server fails a command within seconds, not after the driver's 30 s retries.
 */
export function getDriver(config: Neo4jConfig): Driver {
  const key = `${config.uri}\u0000${config.user}`;
  if (shared?.key === key) return shared.driver;
  if (shared) void shared.driver.close();
  const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    connectionTimeout: config.connectTimeoutMs,
    connectionAcquisitionTimeout: config.connectTimeoutMs,
    maxTransactionRetryTime: config.connectTimeoutMs,
    userAgent: 'ct-actor-graph',
  });
  shared = { key, driver };
  return driver;
}

/** Closes the process's driver; safe to call twice. */
export async function closeDriver(): Promise<void> {
  const current = shared;
  shared = null;
  await current?.driver.close();
}

/** Checks the server answers; a failure as a domain error. */
export const verify = (config: Neo4jConfig) =>
  getDriver(config)
    .verifyConnectivity({ database: config.database })
    .catch((err: unknown) => Promise.reject(translateDriverError(err, config)));

/** What a message needs to say where the failure was. */
type ErrorContext = Pick<Neo4jConfig, 'uri' | 'user' | 'database'>;

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);
const UNAUTHORISED =
  /^Neo\.ClientError\.Security\.(Unauthorized|AuthenticationRateLimit|CredentialsExpired|TokenExpired)$/;
const TIMED_OUT =
  /^Neo\.ClientError\.Transaction\.TransactionTimedOut|^Neo\.TransientError\.Transaction\.LockClientStopped$/;

/** The driver's first line, as a clause ending in a full stop. */
function firstLine(message: string): string {
  const line = message.split('\n')[0]!.trim();
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

/** Why the server could not be used (the first match of code and message), in words that name no address. */
const REASONS: [RegExp, string][] = [
  [/^Neo\.TransientError\.General\.DatabaseUnavailable /, 'its database is not available (starting or stopping)'],
  [/ECONNREFUSED/i, 'the connection was refused'],
  [/ENOTFOUND|EAI_AGAIN/i, 'its host name could not be resolved'],
  [/Failed to establish connection in|timed? ?out/i, 'it did not answer in time (timed out)'],
  [/closed by server|ECONNRESET|EPIPE|socket hang up/i, 'the connection was closed by server'],
  [/^SessionExpired /, 'the connection was lost'],
];

/**
 * Driver errors as domain errors (anything else passes through): `message`, for API clients, names
 * no address or user (they tell an attacker where the database is); `cause`, for the log, does.
 * A timeout names the limit it ran into, when known, for the person who wrote the query.
 */
function translateDriverError(err: unknown, context: ErrorContext, timeoutMs?: number): unknown {
  if (!(err instanceof Neo4jError)) return err;
  const code = err.code;
  const target = describeTarget(context);
  // A server that accepts connections and never answers (a black hole) surfaces as a pool
  // timeout with no code and no connection made: as unreachable as a closed port. (A timeout
  // with active connections is a busy pool, not an outage.)
  const blackHole = /Connection acquisition timed out[^]*Active conn count = 0\b|Failed to establish connection in/i;
  if (UNAVAILABLE.has(code) || blackHole.test(err.message)) {
    const reason =
      REASONS.find(([pattern]) => pattern.test(`${code} ${err.message}`))?.[1] ?? 'it could not be reached';
    return new StoreUnavailableError(`Neo4j is unreachable: ${reason}.`, {
      cause: `Neo4j at ${target} is unreachable: ${firstLine(err.message)} Check that the server is running and that NEO4J_URI points at its Bolt port (7687 by default).`,
    });
  }
  if (UNAUTHORISED.test(code))
    return new StoreUnauthorizedError('Neo4j refused the credentials this server uses.', {
      cause: `Neo4j at ${target} refused the credentials of user "${context.user}": ${firstLine(err.message)} Check NEO4J_USER and NEO4J_PASSWORD.`,
    });
  if (code === 'Neo.ClientError.Security.Forbidden')
    return new StoreUnauthorizedError('The Neo4j user this server uses is not allowed to do this.', {
      cause: `Neo4j user "${context.user}" is not allowed to do this on ${target}: ${firstLine(err.message)} Check the user's roles.`,
    });
  if (code === 'Neo.ClientError.Database.DatabaseNotFound')
    return new StoreUnavailableError('The Neo4j database this server is configured for does not exist.', {
      cause: `Neo4j at ${context.uri} has no database "${context.database ?? '(default)'}". Check NEO4J_DATABASE (Neo4j Community has only "neo4j").`,
    });
  if (TIMED_OUT.test(code)) {
    const limit = timeoutMs ? ` of ${Number((timeoutMs / 1000).toFixed(1))} s` : '';
    const advice = 'narrow it (add LIMIT, bound path lengths)';
    return new CypherQueryError('timeout', `the query ran past its time limit${limit} and was stopped; ${advice}`);
  }
  if (code === 'Neo.ClientError.Statement.AccessMode')
    return new CypherQueryError('refused', 'the query tries to write; only read queries are allowed');
  if (/^Neo\.ClientError\.(Statement|Procedure)\./.test(code))
    return new CypherQueryError('invalid', firstLine(err.message));
  return err;
}

/** While the server is down, at most one probe per this interval; requests in between fail at once. */
const RETRY_INTERVAL_MS = 1000;

/**
 * Whether Neo4j answers, remembered between requests: an outage costs one shared probe per
 * interval instead of a driver timeout per request, and a server that comes back is used again
 * without a restart. Work that fails as unavailable, or outlasts the request timeout (a silent
 * network drop), marks the server down.
 */
export class Availability {
  /** null while up; the last failure and when it was seen while down (down until a first probe). */
  private down: { error: Error; checkedAt: number } | null = { error: new Error(), checkedAt: -Infinity };
  private probing: Promise<void> | null = null;

  constructor(private readonly config: Neo4jConfig) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.down) {
      if (Date.now() - this.down.checkedAt < RETRY_INTERVAL_MS) throw this.down.error;
      const ms = this.config.connectTimeoutMs;
      const late = `Neo4j did not answer a connectivity check within ${ms / 1000} s`;
      await (this.probing ??= this.watch(this.probe(), ms, late).finally(() => (this.probing = null)));
      this.down = null;
    }
    const ms = this.config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return this.watch(work(), ms, `Neo4j did not answer within ${ms / 1000} s; it may be down or cut off`);
  }

  private async probe(): Promise<void> {
    await verify(this.config).catch((err: unknown) => {
      if (err instanceof StoreUnavailableError) throw err;
      // Any other failure's text may name the address; clients get a plain sentence, the log the text.
      throw new StoreUnavailableError('Neo4j could not be reached.', {
        cause: err instanceof Error ? err.message : String(err),
      });
    });
  }

  /** The work's result, or a failure past `ms`; failing as unavailable marks the server down. */
  private async watch<T>(work: Promise<T>, ms: number, lateMessage: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError(lateMessage)), ms);
    });
    // The late result of abandoned work is dropped, and its rejection must not go unhandled.
    work.catch(() => {});
    try {
      return await Promise.race([work, deadline]);
    } catch (err) {
      if (err instanceof StoreUnavailableError) this.down = { error: err, checkedAt: Date.now() };
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }
}

type Work<T> = (tx: ManagedTransaction) => Promise<T>;

/** What the store needs from a driver: sessions. A real Driver is one; tests may pass their own. */
export type SessionFactory = {
  session(config: SessionConfig): Pick<Session, 'executeRead' | 'executeWrite' | 'close'>;
};

/** A server-side transaction timeout, and records pulled per batch (a small batch lets a capped read stop early). */
type TxOptions = { timeoutMs?: number; fetchSize?: number };

/**
 * One session per unit of work, always closed, in managed transactions (the driver retries transient failures).
 * A long-running server passes an Availability, to fail fast while Neo4j is down and notice when it is back.
 */
export class Sessions {
  constructor(
    private readonly factory: SessionFactory,
    readonly context: ErrorContext,
    private readonly availability?: Availability,
  ) {}

  read = <T>(work: Work<T>, options: TxOptions = {}) => this.inSession(false, work, options);
  write = <T>(work: Work<T>, options: TxOptions = {}) => this.inSession(true, work, options);

  private inSession<T>(write: boolean, work: Work<T>, { timeoutMs, fetchSize }: TxOptions): Promise<T> {
    const run = async () => {
      const mode = write ? neo4j.session.WRITE : neo4j.session.READ;
      const session = this.factory.session({ defaultAccessMode: mode, database: this.context.database, fetchSize });
      try {
        return await session[write ? 'executeWrite' : 'executeRead'](work, { timeout: timeoutMs });
      } catch (err) {
        throw translateDriverError(err, this.context, timeoutMs);
      } finally {
        await session.close();
      }
    };
    return this.availability ? this.availability.run(run) : run();
  }
}

export type Params = Record<string, unknown>;

/** Runs a statement from cypher/ with its declared parameters and returns its records. */
export async function runStatement(tx: ManagedTransaction, statement: CypherStatement, params: Params = {}) {
  return (await tx.run(bind(statement, params), params)).records;
}
