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

describe('benchmark report: the HTTP target over several server configurations', () => {
  it('is met by the configuration that meets it, and shows the others beside it', () => {
    const t = httpTarget([figure(1, 1380, 17), figure(2, 1850, 18)]);
    expect(t.met).toBe(true);
    expect(t.measured).toBe('1850 req/s, 0 errors, p99 18 ms (2 server processes); 1 server process: 1380 req/s, 0 errors, p99 17 ms');
  });

  it('is short when no configuration meets every part of it, errors and p99 included', () => {
    expect(httpTarget([figure(1, 1380, 17), figure(2, 1850, 30)]).met).toBe(false);
    expect(httpTarget([figure(1, 1600, 17, 3)]).met).toBe(false);
    // Results from before the option had one process and no count.
    const old = httpTarget([figure(undefined, 1419, 16)]);
    expect(old.met).toBe(false);
    expect(old.measured).toBe('1419 req/s, 0 errors, p99 16 ms (1 server process)');
  });

  it('lists the server processes of each HTTP row', () => {
    const md = renderMarkdown(emptyBenchResults({ sizes: [{ size: '100k', nodes: 100_000, edges: 500_000, files: 1, megabytes: 1, http: [figure(1, 1380, 17), figure(2, 1850, 18)] }] }));
    expect(md).toContain('| 100k | neighborhood depth 2 (5000 random entities, 140 kB an answer) | 2 | 10 | 1850 | 5 | 18 | 0 | 0 |');
  });
});
