import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app';
import { startServer } from '../../src/api/server';
import { readCypherCorpus } from '../fixtures/cypher/corpus';
import { startTestServer } from '../support/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function postCypher(base: string, body: unknown, raw?: string) {
  const res = await fetch(`${base}/api/cypher`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text), headers: res.headers };
}

const PARAMS = { id: 'ttp', kinds: ['MilitantGroup'], key: 'x', label: 'X' };

describe('POST /api/cypher on the embedded store', () => {
  // The suite's own server has the default Cypher rate limit (30/min); the corpora need more.
  let corpusServer: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    corpusServer = await startServer({
      store: server.store,
      port: 0,
      host: '127.0.0.1',
      log: () => {},
      rateLimits: { cypher: { limit: 10_000, windowMs: 60_000 } },
    });
  });
  afterAll(async () => {
    await corpusServer?.server.close();
  });

  it('refuses every query of the attack corpus with 403 and a reason', { timeout: 180_000 }, async () => {
    const failures: string[] = [];
    for (const query of readCypherCorpus('attacks')) {
      const r = await postCypher(corpusServer.url, { query, params: PARAMS });
      if (r.status !== 403 || r.body.error?.code !== 'CYPHER_REFUSED' || !r.body.error.message)
        failures.push(`${r.status} ${query}`);
    }
    expect(failures).toEqual([]);
  });

  it(
    'answers 400 to every malformed or oversized query, without holding the server',
    { timeout: 180_000 },
    async () => {
      const failures: string[] = [];
      for (const query of readCypherCorpus('malformed')) {
        const answered = postCypher(corpusServer.url, { query, params: PARAMS });
        // While the guard thread works on the query, the server answers other requests.
        expect((await fetch(`${corpusServer.url}/api/health`)).status).toBe(200);
        const r = await answered;
        if (r.status !== 400 || !['CYPHER_SYNTAX', 'CYPHER_TOO_COMPLEX', 'BAD_REQUEST'].includes(r.body.error?.code))
          failures.push(`${r.status} ${r.text.slice(0, 100)} ${query.slice(0, 80)}`);
      }
      expect(failures).toEqual([]);
    },
  );

  it('lets every read of the read corpus through the guard, to 503 NEO4J_REQUIRED', { timeout: 180_000 }, async () => {
    const failures: string[] = [];
    for (const query of readCypherCorpus('reads')) {
      const r = await postCypher(corpusServer.url, { query, params: PARAMS });
      if (r.status !== 503 || r.body.error?.code !== 'NEO4J_REQUIRED') failures.push(`${r.status} ${r.text} ${query}`);
    }
    expect(failures).toEqual([]);
  });

  it('tells how to connect Neo4j when a read is allowed', async () => {
    const r = await postCypher(server.url, { query: 'MATCH (n:Entity) RETURN n LIMIT 5' });
    expect(r.status).toBe(503);
    expect(r.body.error.message).toMatch(/NEO4J_URI/);
  });

  it('answers a syntax error with 400, the parser message and its line and column', async () => {
    const r = await postCypher(server.url, { query: 'MATCH (n:Entity)\nRETRUN n' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({
      code: 'CYPHER_SYNTAX',
      message: expect.stringContaining("Invalid input 'RETRUN'"),
      details: { line: 2, column: 1 },
    });
  });

  it('refuses a write with 403 and where it is, even with no Neo4j behind', async () => {
    const r = await postCypher(server.url, { query: 'MATCH (n)\nDETACH DELETE n' });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({
      code: 'CYPHER_REFUSED',
      message: expect.stringContaining('DETACH DELETE'),
      details: { line: 2, column: 1 },
    });
  });

  it('validates the body: missing query, wrong types, unknown fields', async () => {
    const missing = await postCypher(server.url, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].param).toBe('query');
    const wrong = await postCypher(server.url, { query: 42 });
    expect(wrong.status).toBe(400);
    const extra = await postCypher(server.url, { query: 'RETURN 1', mode: 'WRITE' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/mode/);
    const badParam = await postCypher(server.url, { query: 'RETURN 1', params: { 'a b': 1 } });
    expect(badParam.status).toBe(400);
    expect(badParam.body.error.details[0].param).toMatch(/^params/);
  });

  it('refuses bodies over the size limit with 413 in the JSON error shape', async () => {
    const r = await postCypher(server.url, null, JSON.stringify({ query: `RETURN '${'x'.repeat(100_000)}'` }));
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rate-limits Cypher with 429 in the JSON error shape', async () => {
    const app = createApp({
      store: server.store,
      log: () => {},
      rateLimits: { cypher: { limit: 2, windowMs: 60_000 } },
    });
    const limited = await new Promise<import('node:http').Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(limited.address() as import('node:net').AddressInfo).port}`;
    try {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof postCypher>> | undefined;
      for (let i = 0; i < 3; i++) {
        last = await postCypher(url, { query: 'RETURN 1' });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([503, 503, 429]);
      expect(last!.body.error.code).toBe('RATE_LIMITED');
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      limited.close();
    }
  });
});
