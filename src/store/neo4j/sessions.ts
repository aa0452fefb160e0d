import neo4j, { type ManagedTransaction, type Record as Neo4jRecord, type SessionConfig } from 'neo4j-driver';
import { bind, type CypherStatement } from './cypher-files';
import type { Availability } from './availability';
import { translateDriverError, type ErrorContext } from './errors';

type Work<T> = (tx: ManagedTransaction) => Promise<T>;

/** What the store needs from a driver: sessions. A real Driver is one; tests may pass their own. */
export interface SessionFactory {
  session(config: SessionConfig): {
    executeRead<T>(work: Work<T>, config?: { timeout?: number }): Promise<T>;
    executeWrite<T>(work: Work<T>, config?: { timeout?: number }): Promise<T>;
    close(): Promise<void>;
  };
}

/** A server-side transaction timeout, and records pulled per batch (a small batch lets a capped read stop early). */
type TxOptions = { timeoutMs?: number; fetchSize?: number };

/**
 * One session per unit of work, always closed, with managed transactions (the driver retries
 * transient failures) and driver errors translated to domain errors. A long-running server passes
 * an Availability, to fail fast while Neo4j is down and notice when it is back.
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
      const session = this.factory.session({
        defaultAccessMode: write ? neo4j.session.WRITE : neo4j.session.READ,
        ...(this.context.database ? { database: this.context.database } : {}),
        ...(fetchSize ? { fetchSize } : {}),
      });
      const config = timeoutMs ? { timeout: timeoutMs } : {};
      try {
        return await (write ? session.executeWrite(work, config) : session.executeRead(work, config));
      } catch (err) {
        throw translateDriverError(err, this.context);
      } finally {
        await session.close();
      }
    };
    return this.availability ? this.availability.run(run) : run();
  }
}

/** Runs a statement from cypher/ with its declared parameters and returns its records. */
export async function runStatement(
  tx: ManagedTransaction,
  statement: CypherStatement,
  params: Record<string, unknown> = {},
): Promise<Neo4jRecord[]> {
  return (await tx.run(bind(statement, params), params)).records;
}
