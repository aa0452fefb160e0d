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
  now?: () => number;
}

type State = { kind: 'unknown' } | { kind: 'up' } | { kind: 'down'; since: number; checkedAt: number; error: Error };

/**
 * Whether Neo4j answers, remembered between requests, so that an outage costs one probe per
 * interval instead of a full driver timeout per request, and a server that comes back is used
 * again without a restart: no state is final. Work that fails as unavailable marks the server
 * down; the next request after `retryIntervalMs` probes again, and one successful probe is enough.
 * Concurrent requests share one probe.
 */
export class Availability {
  private state: State = { kind: 'unknown' };
  private probing: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: AvailabilityOptions) {
    this.now = options.now ?? Date.now;
  }

  get status(): 'unknown' | 'up' | 'down' {
    return this.state.kind;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.ready();
    try {
      return await withDeadline(
        work(),
        this.options.workTimeoutMs,
        () =>
          new StoreUnavailableError(
            `Neo4j did not answer within ${this.options.workTimeoutMs / 1000} s; it may be down or cut off`,
          ),
      );
    } catch (err) {
      if (err instanceof StoreUnavailableError) this.markDown(err);
      throw err;
    }
  }

  private async ready(): Promise<void> {
    const s = this.state;
    if (s.kind === 'up') return;
    if (s.kind === 'down' && this.now() - s.checkedAt < this.options.retryIntervalMs) throw s.error;
    this.probing ??= this.check().finally(() => {
      this.probing = null;
    });
    await this.probing;
  }

  private async check(): Promise<void> {
    try {
      await withDeadline(
        this.options.probe(),
        this.options.probeTimeoutMs,
        () =>
          new StoreUnavailableError(
            `Neo4j did not answer a connectivity check within ${this.options.probeTimeoutMs / 1000} s`,
          ),
      );
      this.state = { kind: 'up' };
    } catch (err) {
      const translated = this.options.translate(err);
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
    const since = this.state.kind === 'down' ? this.state.since : this.now();
    this.state = { kind: 'down', since, checkedAt: this.now(), error };
  }
}

function withDeadline<T>(work: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  // The late result of abandoned work is dropped, and its rejection must not go unhandled.
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
