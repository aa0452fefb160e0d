import { StoreUnavailableError } from '../../model/errors';

export interface AvailabilityOptions {
  /** Checks the server answers (the driver's verifyConnectivity); throws when it does not. */
  probe: () => Promise<void>;
  /** A probe that has not answered by then counts as failed. */
  probeTimeoutMs: number;
  /** Longest a unit of work may take before the server is presumed gone (a silent network drop). */
  workTimeoutMs: number;
  /** While down, at most one probe per this interval; requests in between fail at once. */
  retryIntervalMs: number;
  /** Turns a probe failure into the error the API shows (StoreUnavailableError and kin). */
  translate: (err: unknown) => unknown;
}

/**
 * Whether Neo4j answers, remembered between requests, so that an outage costs one probe per
 * interval instead of a full driver timeout per request, and a server that comes back is used
 * again without a restart: no state is final. Work that fails as unavailable marks the server
 * down; the next request after `retryIntervalMs` probes again, and one successful probe is enough.
 * Concurrent requests share one probe.
 */
export class Availability {
  private up = false;
  /** The last failure and when it was seen, while the server is down. */
  private down: { error: Error; checkedAt: number } | null = null;
  private probing: Promise<void> | null = null;

  constructor(private readonly options: AvailabilityOptions) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    const { workTimeoutMs } = this.options;
    await this.ready();
    try {
      const late = `Neo4j did not answer within ${workTimeoutMs / 1000} s; it may be down or cut off`;
      return await withDeadline(work(), workTimeoutMs, late);
    } catch (err) {
      if (err instanceof StoreUnavailableError) this.markDown(err);
      throw err;
    }
  }

  private async ready(): Promise<void> {
    if (this.up) return;
    if (this.down && Date.now() - this.down.checkedAt < this.options.retryIntervalMs) throw this.down.error;
    this.probing ??= this.check().finally(() => (this.probing = null));
    await this.probing;
  }

  private async check(): Promise<void> {
    const { probe, probeTimeoutMs, translate } = this.options;
    try {
      await withDeadline(
        probe(),
        probeTimeoutMs,
        `Neo4j did not answer a connectivity check within ${probeTimeoutMs / 1000} s`,
      );
      this.up = true;
      this.down = null;
    } catch (err) {
      const translated = translate(err);
      // Any other failure's text may name the address; clients get a plain sentence, the log the text.
      const error =
        translated instanceof StoreUnavailableError
          ? translated
          : new StoreUnavailableError('Neo4j could not be reached.', {
              cause: translated instanceof Error ? translated.message : String(translated),
            });
      this.markDown(error);
      throw error;
    }
  }

  private markDown(error: Error): void {
    this.up = false;
    this.down = { error, checkedAt: Date.now() };
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
