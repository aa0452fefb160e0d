import { parentPort } from 'node:worker_threads';
import { analyseGraph, type AnalysisTimings } from './analyse';
import type { AnalysisRequest, AnalysisResult } from './runner';
import type { GraphStructure } from '../store/port';
import type { WorkerJobReply } from '../worker-job';

// The analysis in a thread of its own, so that the API keeps answering; one request per worker.
parentPort!.once('message', ({ strings, options, ...arrays }: AnalysisRequest) => {
  let reply: WorkerJobReply<AnalysisResult>;
  try {
    const input: GraphStructure = { ids: [], names: [], kinds: [], ...arrays };
    for (const bytes of strings) {
      const slice = JSON.parse(new TextDecoder().decode(bytes)) as string[][];
      [input.ids, input.names, input.kinds].forEach((list, i) => list.push(...slice[i]!));
    }
    const timings: AnalysisTimings = {};
    reply = { ok: true, report: analyseGraph(input, options, timings), timings };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
