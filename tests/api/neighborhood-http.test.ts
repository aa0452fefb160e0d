import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryStore } from '../../src/store/memory';
import { startTestServer } from '../support/server';
import { fixtureStore } from './fixture';

/** The neighbourhood endpoint sends the store's answer as JSON, and conditional requests work. */
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer(fixtureStore());
});
afterAll(async () => {
  await server?.close();
});

/** A plain GET (fetch adds Cache-Control: no-cache to conditional requests, which disables 304). */
function conditionalGet(url: string, etag: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { 'If-None-Match': etag } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('GET /api/entities/:id/neighborhood answer and ETag', () => {
  it('sends exactly the store answer as JSON, with and without knownBy', async () => {
    const store = server.store as MemoryStore;
    for (const [id, query, options] of [
      ['hub', 'depth=1', { depth: 1, limit: 500 }],
      ['hub', 'depth=2&limit=12&types=targets,operates-in', { depth: 2, limit: 12, types: ['targets', 'operates-in'] }],
      ['alpha', 'depth=3&knownBy=2021', { depth: 3, limit: 500, knownBy: '2021' }],
    ] as const) {
      const res = await fetch(`${server.url}/api/entities/${id}/neighborhood?${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await res.text(), query).toBe(
        JSON.stringify(
          await store.neighborhood(id, { ...options, types: options.types ? [...options.types] : undefined }),
        ),
      );
    }
  });

  it('answers If-None-Match with 304, and another answer has another tag', async () => {
    const path = '/api/entities/hub/neighborhood?depth=2';
    const first = await fetch(server.url + path);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[^"]+"$/);
    const again = await conditionalGet(server.url + path, etag!);
    expect(again).toEqual({ status: 304, body: '' });
    const nearer = await fetch(`${server.url}/api/entities/hub/neighborhood?depth=1`);
    expect(nearer.headers.get('etag')).not.toBe(etag);
  });
});
