import { Neo4jError } from 'neo4j-driver';
import { CypherQueryError, StoreUnauthorizedError, StoreUnavailableError } from '../port';
import { describeTarget, type Neo4jConfig } from './config';

/** What a message needs to say where the failure was. */
export type ErrorContext = Pick<Neo4jConfig, 'uri' | 'user' | 'database'>;

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);
const UNAUTHORISED = new Set([
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
  'Neo.ClientError.Security.CredentialsExpired',
  'Neo.ClientError.Security.TokenExpired',
]);

/** The driver's first line, as a clause ending in a full stop. */
function firstLine(message: string): string {
  const line = message.split('\n')[0]!.trim();
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

/**
 * Driver errors as domain errors, so the API maps them to statuses in one place and a person
 * reads what to check. Anything else (including our own domain errors) passes through.
 */
export function translateDriverError(err: unknown, context: ErrorContext): unknown {
  if (!(err instanceof Neo4jError)) return err;
  const code = err.code;
  const target = describeTarget(context);
  if (UNAVAILABLE.has(code)) {
    return new StoreUnavailableError(`Neo4j at ${target} is unreachable: ${firstLine(err.message)} Check that the server is running and that NEO4J_URI points at its Bolt port (7687 by default).`);
  }
  if (UNAUTHORISED.has(code)) {
    return new StoreUnauthorizedError(`Neo4j at ${target} refused the credentials of user "${context.user}": ${firstLine(err.message)} Check NEO4J_USER and NEO4J_PASSWORD.`);
  }
  if (code === 'Neo.ClientError.Security.Forbidden') {
    return new StoreUnauthorizedError(`Neo4j user "${context.user}" is not allowed to do this on ${target}: ${firstLine(err.message)} Check the user's roles.`);
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new StoreUnavailableError(`Neo4j at ${context.uri} has no database "${context.database ?? '(default)'}". Check NEO4J_DATABASE (Neo4j Community has only "neo4j").`);
  }
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') || code === 'Neo.TransientError.Transaction.LockClientStopped') {
    return new CypherQueryError('timeout', 'the query ran past its time limit and was stopped; narrow it (add LIMIT, bound path lengths)');
  }
  if (code === 'Neo.ClientError.Statement.AccessMode') {
    return new CypherQueryError('refused', 'the query tries to write; only read queries are allowed');
  }
  if (code.startsWith('Neo.ClientError.Statement.') || code.startsWith('Neo.ClientError.Procedure.')) {
    return new CypherQueryError('invalid', firstLine(err.message));
  }
  return err;
}
