import { describe, expect, it } from 'vitest';
import { analyseGraph, trimReport } from '../../src/analysis/analyse';
import { inputFromGraphJson } from '../../src/analysis/projection';
import { analyseInWorker, AnalysisFailedError } from '../../src/analysis/runner';
import { fixtureStore } from '../api/fixture';

const FILTER_SETS = [
  {},
  { types: ['targets', 'opposes'] },
  { knownBy: '2021' },
  { kinds: ['MilitantGroup', 'State'] },
  { status: ['alleged'] },
] as const;

describe('analysis input', () => {
  it("the embedded store's compact input is graph(filters) with only what the analysis reads", async () => {
    const store = fixtureStore();
    for (const filters of FILTER_SETS) {
      const direct = await store.graphStructure({ ...filters } as never);
      const viaJson = inputFromGraphJson(await store.graph({ ...filters } as never));
      expect(direct, JSON.stringify(filters)).toEqual(viaJson);
      expect(analyseGraph(direct), JSON.stringify(filters)).toEqual(
        analyseGraph(await store.graph({ ...filters } as never)),
      );
    }
  });

  it('trimming a report computed at a larger top gives the report computed at the smaller one', async () => {
    const json = await fixtureStore().graph();
    const wide = analyseGraph(json, { top: 100 });
    for (const top of [1, 2, 3, 10]) expect(trimReport(wide, top), `top ${top}`).toEqual(analyseGraph(json, { top }));
  });
});

describe('analysis on a worker thread', () => {
  it('gives the same report as on the calling thread, with timings per view and stage', async () => {
    const json = await fixtureStore().graph();
    const run = await analyseInWorker(inputFromGraphJson(json), { top: 5 }, { timeoutMs: 60_000 });
    expect(run.report).toEqual(analyseGraph(json, { top: 5 }));
    expect(Object.keys(run.timings).sort()).toEqual(['cooperative', 'hostile', 'overall']);
    expect(run.timings.overall!.louvain).toBeGreaterThanOrEqual(0);
  });

  it('reports a worker that crashes as a failure, not a hang', async () => {
    const json = await fixtureStore().graph();
    const broken = new URL('data:text/javascript,throw new Error("broken worker build")');
    const failure = await analyseInWorker(inputFromGraphJson(json), {}, { timeoutMs: 60_000, workerUrl: broken }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AnalysisFailedError);
    expect(failure).toMatchObject({ reason: 'crashed', message: expect.stringContaining('broken worker build') });
  });

  it('stops a worker that passes the time limit', async () => {
    const json = await fixtureStore().graph();
    const failure = await analyseInWorker(inputFromGraphJson(json), {}, { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ reason: 'timeout', message: expect.stringContaining('did not finish') });
  });
});
