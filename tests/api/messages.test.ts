import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startTestServer } from '../support/server';

/** Issue 16: answers that repeated zod's or body-parser's words instead of saying what to send. */
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('API messages (issue 16)', () => {
  it('a search without q says q is required, not "expected string, received undefined"', async () => {
    const r = await getJson(server.url, '/api/search');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('invalid parameter "q": required but missing');
    expect(JSON.stringify(r.body)).not.toMatch(/received undefined/);
  });

  it('a Cypher query sent as text/plain is asked for as JSON (415), naming what was sent', async () => {
    const res = await fetch(`${server.url}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'MATCH (n) RETURN n',
    });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(415);
    expect(body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(body.error.message).toMatch(
      /^send the query as a JSON body with Content-Type: application\/json, e\.g\. \{"query": .*; this request sent text\/plain$/,
    );
    const none = await fetch(`${server.url}/api/cypher`, { method: 'POST' });
    expect(none.status).toBe(415);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(/this request sent no body$/);
  });
});
