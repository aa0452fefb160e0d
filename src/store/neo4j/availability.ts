import { StoreUnavailableError } from '../../model/errors';
import { DEFAULT_REQUEST_TIMEOUT_MS, type Neo4jConfig } from './config';
import { verify } from './driver';
import { translateDriverError } from './errors';

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
    const ms = this.config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    if (this.down) {
      if (Date.now() - this.down.checkedAt < RETRY_INTERVAL_MS) throw this.down.error;
      await (this.probing ??= this.probe().finally(() => (this.probing = null)));
    }
    try {
      return await withDeadline(work(), ms, `Neo4j did not answer within ${ms / 1000} s; it may be down or cut off`);
    } catch (err) {
      if (err instanceof StoreUnavailableError) this.down = { error: err, checkedAt: Date.now() };
      throw err;
    }
  }

  private async probe(): Promise<void> {
    const ms = this.config.connectTimeoutMs;
    try {
      await withDeadline(verify(this.config), ms, `Neo4j did not answer a connectivity check within ${ms / 1000} s`);
      this.down = null;
    } catch (err) {
      const translated = translateDriverError(err, this.config);
      // Any other failure's text may name the address; clients get a plain sentence, the log the text.
      const error =
        translated instanceof StoreUnavailableError
          ? translated
          : new StoreUnavailableError('Neo4j could not be reached.', {
              cause: translated instanceof Error ? translated.message : String(translated),
            });
      this.down = { error, checkedAt: Date.now() };
      throw error;
    }
  }
}

function withDeadline<T>(work: Promise<T>, ms: number, lateMessage: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(lateMessage)), ms);
  });
  // The late result of abandoned work is dropped, and its rejection must not go unhandled.
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
