import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { runWorkerJob, WorkerJobError } from '../../src/worker-job';
import { REPO_ROOT } from '../support/paths';

/** npm start runs the compiled server (dist/): the bundle and its worker threads run on plain Node. */
const dist = (file: string) => path.join(REPO_ROOT, 'dist', file);
beforeAll(() => {
  // The build's errors, if any, are in the failure's message.
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-if-needed.mjs'), 'server'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
}, 120_000);

describe('the compiled server', () => {
  it('runs kg', () => {
    const out = execFileSync(process.execPath, [dist('kg.js'), 'validate'], {
      encoding: 'utf8',
      env: { ...process.env, KG_SOURCES_DIR: '' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(out).toMatch(/^validate: ok: \d+ sources/);
  });

  it("runs the Cypher guard's thread", async () => {
    const worker = new Worker(dist('cypher-guard-worker.js'));
    try {
      await once(worker, 'message'); // ready, once the parser is loaded
      worker.postMessage({ query: 'MATCH (n) DETACH DELETE n', params: {} });
      const [reply] = await once(worker, 'message');
      expect(reply).toMatchObject({
        ok: false,
        name: 'CypherRefusedError',
        message: expect.stringMatching(/^DETACH DELETE/),
      });
    } finally {
      await worker.terminate();
    }
  });

  it('runs the analysis thread: it answers (here, that the request is not a graph)', async () => {
    const job = runWorkerJob(
      pathToFileURL(dist('analysis-worker.js')),
      { input: null, options: {} },
      { name: 'the analysis' },
    );
    const error = await job.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerJobError);
    expect((error as WorkerJobError).reason).toBe('failed');
  });
});
