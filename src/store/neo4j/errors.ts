import { Neo4jError } from 'neo4j-driver';
import { CypherQueryError, StoreUnauthorizedError, StoreUnavailableError } from '../../model/errors';
import { describeTarget, type Neo4jConfig } from './config';

/** What a message needs to say where the failure was. */
export type ErrorContext = Pick<Neo4jConfig, 'uri' | 'user' | 'database'>;

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

/**
 * Why the server could not be used, in words that name no address: the driver's own text says
 * "ECONNREFUSED 10.0.0.5:7687", which clients of the API must not see.
 */
function reasonFor(err: Neo4jError): string {
  const m = err.message;
  if (err.code === 'Neo.TransientError.General.DatabaseUnavailable')
    return 'its database is not available (starting or stopping)';
  if (/ECONNREFUSED/i.test(m)) return 'the connection was refused';
  if (/ENOTFOUND|EAI_AGAIN/i.test(m)) return 'its host name could not be resolved';
  if (/Connection acquisition timed out|Failed to establish connection in|ETIMEDOUT|timed? ?out/i.test(m))
    return 'it did not answer in time (timed out)';
  if (/closed by server|ECONNRESET|EPIPE|socket hang up/i.test(m)) return 'the connection was closed by server';
  if (err.code === 'SessionExpired') return 'the connection was lost';
  return 'it could not be reached';
}

/**
 * Driver errors as domain errors (anything else passes through): `message`, for API clients, names
 * no address or user (they tell an attacker where the database is); `cause`, for the log, does.
 */
export function translateDriverError(err: unknown, context: ErrorContext): unknown {
  if (!(err instanceof Neo4jError)) return err;
  const code = err.code;
  const target = describeTarget(context);
  // A server that accepts connections and never answers (a black hole) surfaces as a pool
  // timeout with no code and no connection made: as unreachable as a closed port. (A timeout
  // with active connections is a busy pool, not an outage.)
  const blackHole = /Connection acquisition timed out[^]*Active conn count = 0\b|Failed to establish connection in/i;
  if (UNAVAILABLE.has(code) || blackHole.test(err.message))
    return new StoreUnavailableError(`Neo4j is unreachable: ${reasonFor(err)}.`, {
      cause: `Neo4j at ${target} is unreachable: ${firstLine(err.message)} Check that the server is running and that NEO4J_URI points at its Bolt port (7687 by default).`,
    });
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
  if (TIMED_OUT.test(code))
    return new CypherQueryError(
      'timeout',
      'the query ran past its time limit and was stopped; narrow it (add LIMIT, bound path lengths)',
    );
  if (code === 'Neo.ClientError.Statement.AccessMode')
    return new CypherQueryError('refused', 'the query tries to write; only read queries are allowed');
  if (/^Neo\.ClientError\.(Statement|Procedure)\./.test(code))
    return new CypherQueryError('invalid', firstLine(err.message));
  return err;
}
