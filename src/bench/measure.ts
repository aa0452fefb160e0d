/**
 * Latency sampling with a bound on both iterations and wall time, so a slow case at a large size
 * reports fewer samples instead of stalling the whole run.
 */
export interface Latency {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface SampleOptions {
  iterations: number;
  /** Stop after this much time even if fewer iterations ran (at least `minIterations` run). */
  maxMs: number;
  warmup?: number;
  minIterations?: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarise(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const sum = sorted.reduce((s, t) => s + t, 0);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length ? sum / sorted.length : NaN,
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Times `fn(i)` for i = 0, 1, ...; the index lets callers rotate through prepared inputs. */
export async function sample(fn: (i: number) => unknown, options: SampleOptions): Promise<Latency> {
  // Warm-up counts against the budget too: a call that takes seconds gets one warm-up, not five.
  const warmStart = performance.now();
  for (let i = 0; i < (options.warmup ?? 3); i++) {
    await fn(i);
    if (performance.now() - warmStart > options.maxMs / 4) break;
  }
  const times: number[] = [];
  const started = performance.now();
  const min = options.minIterations ?? 5;
  for (let i = 0; i < options.iterations; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
    if (i + 1 >= min && performance.now() - started > options.maxMs) break;
  }
  return summarise(times);
}

export async function timeOnce<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
