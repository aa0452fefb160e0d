import { describe, expect, it } from 'vitest';
import { measureShutdown } from '../../src/reliability/shutdown';

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
});
