import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server';
import { loadConfig } from '../../src/config';
import { runFuzz } from '../../src/reliability/fuzz';
import { openStore } from '../../src/store/open';
import { getJson } from '../support/server';

/**
 * Every endpoint of the OpenAPI document, fuzzed against a real server over the real seed and its
 * source texts (rate limits raised so the fuzz is not throttled), then the limits themselves: a body over 64 KB
 * gets 413 and a flood of searches 429 on a server with the default limits.
 */
let fuzzServer: RunningServer;
let defaultServer: RunningServer;
beforeAll(async () => {
  const config = loadConfig();
  const store = await openStore(config);
  const generous = { limit: 1_000_000, windowMs: 60_000 };
  // With the source texts, as `npm start` serves: without them a briefing "with passages" is a 503 by design.
  fuzzServer = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    rateLimits: { search: generous, cypher: generous },
    sourcesDir: config.sourcesDir,
  });
  defaultServer = await startServer({ store, port: 0, host: '127.0.0.1', log: () => {} });
});
afterAll(async () => {
  await fuzzServer?.close(100);
  await defaultServer?.server.close();
});

describe('HTTP fuzz', () => {
  it('no endpoint answers 5xx, a stack trace, or an error outside the JSON shape', async () => {
    const r = await runFuzz(fuzzServer.url, { runsPerEndpoint: 40 });
    console.log(
      `http fuzz: ${r.cases} cases over ${Object.keys(r.byEndpoint).length} endpoint groups (seed ${r.seed}); statuses ${JSON.stringify(r.statuses)}`,
    );
    expect(r.failures).toEqual([]);
    expect(Object.keys(r.byEndpoint).length).toBeGreaterThanOrEqual(20);
  }, 180_000);
});

describe('limits', () => {
  it('answers 413 in the JSON error shape to a body over the limit', async () => {
    const big = JSON.stringify({ query: `RETURN '${'x'.repeat(70 * 1024)}'` });
    const res = await fetch(`${defaultServer.url}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
  });

  it("answers 431 in the JSON error shape to a URL over Node's 16 KB header limit, and 400 to bytes that are not HTTP", async () => {
    const res = await fetch(`${defaultServer.url}/api/search?q=${'x'.repeat(20 * 1024)}`);
    expect(res.status).toBe(431);
    expect((await res.json()).error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('16 KB') });

    const { hostname, port } = new URL(defaultServer.url);
    const socket = connect(Number(port), hostname);
    socket.end('NOT HTTP AT ALL\r\n\r\n');
    const chunks: Buffer[] = [];
    for await (const chunk of socket) chunks.push(chunk as Buffer);
    const [head, body] = Buffer.concat(chunks).toString().split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\ncontent-type: application\/json/);
    expect(JSON.parse(body!).error.code).toBe('BAD_REQUEST');
  });

  it('answers 429 with Retry-After to a flood of searches, and keeps serving other endpoints', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof getJson>> | undefined;
    for (let i = 0; i < 320; i++) {
      last = await getJson(defaultServer.url, '/api/search?q=taliban');
      statuses.push(last.status);
      if (last.status === 429) break;
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(429);
    expect(last!.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.any(String) });
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await getJson(defaultServer.url, '/api/entities/ttp')).status).toBe(200);
  });
});
