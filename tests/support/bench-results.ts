import type { BenchResults } from '../../src/bench/report';

/**
 * A benchmark result with nothing measured, for report tests to fill in: the machine and run
 * fields the report prints but no test is about.
 */
export function emptyBenchResults(overrides: Partial<BenchResults> = {}): BenchResults {
  return {
    startedAt: '',
    machine: { cpu: 'test', cores: 2, memoryGB: 8, os: 'test', loadAverageAtStart: [0, 0, 0] },
    versions: {},
    quick: false,
    sizes: [],
    notes: [],
    ...overrides,
  };
}
