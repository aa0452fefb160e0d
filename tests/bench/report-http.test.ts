import { describe, expect, it } from 'vitest';
import type { HttpFigure } from '../../src/bench/http';
import { renderMarkdown, targets } from '../../src/bench/report';
import { emptyBenchResults } from '../support/bench-results';

const figure = (processes: number | undefined, requestsPerSec: number, p99: number, errors = 0): HttpFigure => ({
  endpoint: 'neighborhood depth 2 (5000 random entities, 140 kB an answer)',
  ...(processes === undefined ? {} : { processes }),
  connections: 10,
  durationS: 8,
  requestsPerSec,
  p50: 5,
  p99,
  errors,
  non2xx: 0,
});

const httpTarget = (http: HttpFigure[]) =>
  targets(emptyBenchResults({ sizes: [{ size: '100k', nodes: 100_000, edges: 500_000, files: 1, megabytes: 1, http }] })).find((t) => t.name.startsWith('HTTP neighbourhood'))!;

describe('benchmark report: the HTTP target', () => {
  it('is judged on one server process', () => {
    const t = httpTarget([figure(1, 1380, 17), figure(2, 1850, 18)]);
    expect(t.met).toBe(true);
    expect(t.measured).toBe('1380 req/s, 0 errors, p99 17 ms');
  });

  it('is short when any part of it is missed: rate, errors or p99', () => {
    expect(httpTarget([figure(1, 900, 17)]).met).toBe(false);
    expect(httpTarget([figure(1, 1380, 60)]).met).toBe(false);
    expect(httpTarget([figure(1, 1600, 17, 3)]).met).toBe(false);
    // Results from before the process count was recorded ran one process.
    expect(httpTarget([figure(undefined, 1419, 16)]).met).toBe(true);
  });

  it('lists the server processes of each HTTP row', () => {
    const md = renderMarkdown(emptyBenchResults({ sizes: [{ size: '100k', nodes: 100_000, edges: 500_000, files: 1, megabytes: 1, http: [figure(1, 1380, 17), figure(2, 1850, 18)] }] }));
    expect(md).toContain('| 100k | neighborhood depth 2 (5000 random entities, 140 kB an answer) | 2 | 10 | 1850 | 5 | 18 | 0 | 0 |');
  });
});
