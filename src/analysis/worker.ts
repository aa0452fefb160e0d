import { parentPort } from 'node:worker_threads';
import { analyseGraph, type AnalyseOptions, type AnalysisTimings, type AnalyticsReport } from './analyse';
import type { GraphStructure } from '../store/port';
import type { WorkerJobReply } from '../worker-job';

/** What the parent sends: one analysis to run, its input's strings as JSON bytes in slices (runner.ts). */
export interface AnalysisRequest {
  arrays: Pick<GraphStructure, 'source' | 'target' | 'type'>;
  strings: Uint8Array[];
  options: Partial<AnalyseOptions>;
}

/** What an analysis gives. */
export interface AnalysisResult {
  report: AnalyticsReport;
  timings: AnalysisTimings;
  ms: number;
}

/**
 * Runs src/analysis in a worker thread, so the API's event loop keeps answering while a large
 * graph is analysed. One request per worker: the parent terminates it on timeout.
 */
parentPort!.once('message', (request: AnalysisRequest) => {
  let reply: WorkerJobReply<AnalysisResult>;
  try {
    const started = performance.now();
    const timings: AnalysisTimings = {};
    const input: GraphStructure = { ids: [], names: [], kinds: [], ...request.arrays };
    for (const bytes of request.strings) {
      const [ids, names, kinds] = JSON.parse(new TextDecoder().decode(bytes)) as string[][];
      input.ids.push(...ids!);
      input.names.push(...names!);
      input.kinds.push(...kinds!);
    }
    const report = analyseGraph(input, request.options, timings);
    reply = { ok: true, report, timings, ms: performance.now() - started };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
