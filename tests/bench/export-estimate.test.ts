import { describe, expect, it } from 'vitest';
import { EXPORT_BUDGET_MS, EXPORT_ESTIMATE_MARGIN, estimateExportMs, type ExportHistory } from '../../src/bench/embedded';

const run = (...sizes: [number, number | undefined][]): ExportHistory[] =>
  sizes.map(([entities, ms]) => ({ entities, figures: [ms === undefined ? { format: 'gexf', note: 'skipped' } : { format: 'gexf', ms, bytes: 1 }] }));

describe('the export time estimate that decides what the benchmark skips', () => {
  it('scales by the growth measured between the last two sizes, plus the margin', () => {
    // 1k -> 10k took 4x as long per entity: size^1.6; 100k is then 10^1.6 times 10k's time.
    const e = estimateExportMs('gexf', 100_000, run([1000, 100], [10_000, 100 * 10 ** 1.6]))!;
    expect(e.ms).toBeCloseTo(100 * 10 ** 3.2 * EXPORT_ESTIMATE_MARGIN, 0);
    expect(e.how).toMatch(/size\^1\.60 \(measured from 1000 to 10000 entities: 1\.60\)/);
  });

  it('never assumes a format gets cheaper per entity as it grows, and scales linearly from a single size', () => {
    const sublinear = estimateExportMs('gexf', 100_000, run([1000, 500], [10_000, 2000]))!;
    expect(sublinear.ms).toBeCloseTo(20_000 * EXPORT_ESTIMATE_MARGIN, 0);
    expect(sublinear.how).toMatch(/taken as 1/);
    expect(estimateExportMs('gexf', 100_000, run([10_000, 2000]))!.ms).toBeCloseTo(20_000 * EXPORT_ESTIMATE_MARGIN, 0);
  });

  it('uses only the sizes where the format was timed, and has nothing to say without one', () => {
    expect(estimateExportMs('gexf', 100_000, run([1000, 300], [10_000, undefined]))!.ms).toBeCloseTo(30_000 * EXPORT_ESTIMATE_MARGIN, 0);
    expect(estimateExportMs('gexf', 100_000, run([10_000, undefined]))).toBeUndefined();
    expect(estimateExportMs('csv', 100_000, run([10_000, 100]))).toBeUndefined();
  });

  it('puts a format that took 6 s at 10k entities over the budget at 100k, and one that took 4 s under it', () => {
    expect(estimateExportMs('gexf', 100_000, run([1000, 500], [10_000, 6000]))!.ms).toBeGreaterThan(EXPORT_BUDGET_MS);
    expect(estimateExportMs('gexf', 100_000, run([1000, 500], [10_000, 4000]))!.ms).toBeLessThan(EXPORT_BUDGET_MS);
  });
});
