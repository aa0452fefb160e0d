import { parentPort } from 'node:worker_threads';
import { analyseGraph, type AnalysisTimings } from './analyse';
import type { AnalysisRequest, AnalysisResult } from './runner';
import type { GraphStructure } from '../store/port';
import type { WorkerJobReply } from '../worker-job';

// The analysis in a thread of its own, so that the API keeps answering; one request per worker.
parentPort!.once('message', ({ arrays, strings, options }: AnalysisRequest) => {
  let reply: WorkerJobReply<AnalysisResult>;
  try {
    const started = performance.now();
    const input: GraphStructure = { ids: [], names: [], kinds: [], ...arrays };
    for (const bytes of strings) {
      const [ids, names, kinds] = JSON.parse(new TextDecoder().decode(bytes)) as string[][];
      input.ids.push(...ids!);
      input.names.push(...names!);
      input.kinds.push(...kinds!);
    }
    const timings: AnalysisTimings = {};
    const report = analyseGraph(input, options, timings);
    reply = { ok: true, report, timings, ms: performance.now() - started };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
