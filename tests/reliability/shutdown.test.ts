import { describe, expect, it } from 'vitest';
import { measureShutdown, startKgServe } from '../../src/reliability/shutdown';

describe('kg serve on SIGTERM', () => {
  it('stops accepting, answers the request in flight, closes the store and exits 0 within 10 s', async () => {
    const m = await measureShutdown({ bodyDelayMs: 1000 });
    const about = JSON.stringify({ ...m, stdout: undefined }) + '\n' + m.stdout;
    expect(m.newConnectionsRefused, about).toBe(true);
    // The request whose body was still arriving when the signal came got a whole JSON answer.
    // (A POST to /api/search, which has no POST: the JSON 404 shows the request was handled.)
    expect(m.inFlightStatus, about).toBe(404);
    expect(m.inFlightBodyComplete, about).toBe(true);
    expect(m.exitCode, about).toBe(0);
    expect(m.exitMs, about).toBeLessThan(10_000);
    expect(m.stdout).toMatch(/SIGTERM received; finishing in-flight requests/);
    expect(m.stdout).toMatch(/stopped in \d+ ms/);
  }, 90_000);

  it('keeps answering and stops on SIGTERM while the Cypher guard works on the costliest query', async () => {
    const { child, url, output } = await startKgServe();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const costly = fetch(`${url}/api/cypher`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `RETURN NOT ${'NOT '.repeat(1200)}true AS x` }) });
    // The analysis runs on the guard's thread: the server answers meanwhile, and hears the signal.
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    child.kill('SIGTERM');
    const answer = await costly;
    expect(answer.status, output()).toBe(400);
    expect((await answer.json()).error.code).toBe('CYPHER_TOO_COMPLEX');
    expect(await exited, output()).toBe(0);
  }, 90_000);
});
