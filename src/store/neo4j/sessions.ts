import neo4j, { type ManagedTransaction, type Record as Neo4jRecord, type SessionConfig } from 'neo4j-driver';
import { bind, type CypherStatement } from './cypher-files';
import type { Availability } from './availability';
import { translateDriverError, type ErrorContext } from './errors';

/** What the store needs from a driver: sessions. A real Driver is one; tests may pass their own. */
export interface SessionFactory {
  session(config: SessionConfig): {
    executeRead<T>(work: (tx: ManagedTransaction) => Promise<T>, config?: { timeout?: number }): Promise<T>;
    executeWrite<T>(work: (tx: ManagedTransaction) => Promise<T>, config?: { timeout?: number }): Promise<T>;
    close(): Promise<void>;
  };
}

export interface TxOptions {
  /** Transaction timeout enforced by the server. */
  timeoutMs?: number;
  /** Records pulled per batch: a small batch lets a capped read stop early. */
  fetchSize?: number;
}

/**
 * One session per unit of work, always closed, with managed transactions (the driver retries
 * transient failures) and driver errors translated to domain errors.
 */
export class Sessions {
  constructor(
    private readonly factory: SessionFactory,
    readonly context: ErrorContext,
    /** For a long-running server: fail fast while Neo4j is down, and notice when it is back. */
    private readonly availability?: Availability,
  ) {}

  read<T>(work: (tx: ManagedTransaction) => Promise<T>, options: TxOptions = {}): Promise<T> {
    return this.withSession('READ', work, options);
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>, options: TxOptions = {}): Promise<T> {
    return this.withSession('WRITE', work, options);
  }

  private withSession<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<T>,
    options: TxOptions,
  ): Promise<T> {
    return this.availability
      ? this.availability.run(() => this.inSession(mode, work, options))
      : this.inSession(mode, work, options);
  }

  private async inSession<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<T>,
    options: TxOptions,
  ): Promise<T> {
    const session = this.factory.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(this.context.database ? { database: this.context.database } : {}),
      ...(options.fetchSize ? { fetchSize: options.fetchSize } : {}),
    });
    const config = options.timeoutMs ? { timeout: options.timeoutMs } : {};
    try {
      return mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (err) {
      throw translateDriverError(err, this.context);
    } finally {
      await session.close();
    }
  }
}

/** Runs a statement from cypher/ with its declared parameters and returns its records. */
export async function runStatement(
  tx: ManagedTransaction,
  statement: CypherStatement,
  params: Record<string, unknown> = {},
): Promise<Neo4jRecord[]> {
  const bound = bind(statement, params);
  const result = await tx.run(bound.text, bound.params);
  return result.records;
}
