/**
 * A small cache of computed results keyed by a normalised filter set. It stores promises, so
 * concurrent requests for the same filters share one computation; entries expire after `ttlMs`
 * (a Neo4j graph can change under the API) and the oldest go first beyond `maxEntries`.
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; at: number }>();

  constructor(private readonly options: { maxEntries: number; ttlMs: number; now?: () => number }) {}

  /** Returns the cached value (and true) or computes it (and false). Failures are not kept. */
  async get(key: string, compute: () => Promise<T>): Promise<{ value: T; cached: boolean }> {
    const now = (this.options.now ?? Date.now)();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.options.ttlMs) return { value: await hit.value, cached: true };
    const value = compute();
    this.entries.set(key, { value, at: now });
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    try {
      return { value: await value, cached: false };
    } catch (err) {
      this.entries.delete(key);
      throw err;
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/** A key that is the same for the same filters whatever the order of lists and properties. */
export function filterKey(filters: Record<string, unknown>): string {
  const normal = Object.keys(filters)
    .sort()
    .filter((k) => filters[k] !== undefined)
    .map((k) => {
      const v = filters[k];
      return [k, Array.isArray(v) ? [...new Set(v.map(String))].sort() : v];
    });
  return JSON.stringify(normal);
}
