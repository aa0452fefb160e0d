import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer } from '../../src/api/server';
import type { GraphStore } from '../../src/store/port';
import { StoreUnavailableError } from '../../src/model/errors';
import { getJson } from '../support/server';
import { fixtureStore } from './fixture';

/** A real store behind a switch that makes it fail the way an unreachable Neo4j would. */
function switchableStore(inner: GraphStore): GraphStore & { down: boolean } {
  const wrapper = { down: false } as GraphStore & { down: boolean };
  return new Proxy(wrapper, {
    get(target, prop) {
      if (prop === 'down') return target.down;
      if (prop === 'kind') return inner.kind;
      const value = (inner as unknown as Record<string | symbol, unknown>)[prop];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (target.down && prop !== 'close')
          return Promise.reject(new StoreUnavailableError('the graph database is unreachable'));
        return (value as (...a: unknown[]) => unknown).apply(inner, args);
      };
    },
    set(target, prop, value) {
      if (prop === 'down') target.down = value;
      return true;
    },
  });
}

const logs: Record<string, unknown>[] = [];
const store = switchableStore(fixtureStore());
let server: Awaited<ReturnType<typeof startServer>>;
let corsServer: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    log: (e) => logs.push(e),
    corsOrigins: [],
    rateLimits: { search: { limit: 3, windowMs: 60_000 } },
  });
  corsServer = await startServer({
    store: fixtureStore(),
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    corsOrigins: ['https://analyst.example'],
  });
});
afterAll(async () => {
  await Promise.all([server?.close(100), corsServer?.close(100)]);
});

describe('security headers', () => {
  it('sends a CSP that allows the viewer (own scripts, no workers) and nothing inline', async () => {
    const r = await fetch(`${server.url}/api/health`);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-powered-by')).toBeNull();
  });
});

describe('request ids and structured logs', () => {
  it('echoes a sane client id, makes one otherwise, and logs one JSON line per request', async () => {
    const mine = await fetch(`${server.url}/api/entities/hub`, { headers: { 'x-request-id': 'trace-123' } });
    expect(mine.headers.get('x-request-id')).toBe('trace-123');
    const made = await fetch(`${server.url}/api/entities/hub`, {
      headers: { 'x-request-id': 'bad id with spaces <script>' },
    });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // The line is written when the answer has gone out, which may be just after the client has it.
    const line = await vi.waitFor(() => {
      const found = logs.find((l) => l.requestId === 'trace-123');
      if (!found) throw new Error('no log line yet');
      return found;
    });
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      path: '/api/entities/hub',
      status: 200,
    });
    expect(typeof line!.ms).toBe('number');
  });
});

describe('CORS', () => {
  it('is off unless configured', async () => {
    const r = await fetch(`${server.url}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows configured origins only, including preflight', async () => {
    const ok = await fetch(`${corsServer.url}/api/health`, { headers: { origin: 'https://analyst.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://analyst.example');
    const other = await fetch(`${corsServer.url}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${corsServer.url}/api/cypher`, {
      method: 'OPTIONS',
      headers: { origin: 'https://analyst.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('says the answer varies by Origin on every response once origins are listed, so caches keep them apart', async () => {
    for (const headers of [{ origin: 'https://analyst.example' }, { origin: 'https://evil.example' }, {}] as Record<
      string,
      string
    >[]) {
      const r = await fetch(`${corsServer.url}/api/health`, { headers });
      expect(r.headers.get('vary') ?? '', JSON.stringify(headers)).toMatch(/\bOrigin\b/);
    }
  });
});

describe('Host header (DNS rebinding)', () => {
  const withHost = (url: string, host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${url}/api/health`, { headers: { host } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('answers a loopback server only for loopback names, and says how to allow another', async () => {
    const port = new URL(server.url).port;
    expect((await withHost(server.url, `localhost:${port}`)).status).toBe(200);
    expect((await withHost(server.url, `127.0.0.1:${port}`)).status).toBe(200);
    const rebound = await withHost(server.url, `attacker.example:${port}`);
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body).error).toMatchObject({
      code: 'MISDIRECTED_REQUEST',
      message: expect.stringContaining('KG_ALLOWED_HOSTS'),
    });
  });
});

describe('query strings', () => {
  it('never turns a parameter into an object: kind[toString]=x is a bad request, not a crash', async () => {
    // (corsServer: this suite's server has a search budget of 3, kept for the rate-limit test.)
    const r = await getJson(corsServer.url, '/api/search?q=hub&kind[toString]=x');
    expect(r.status).toBeLessThan(500);
    const nested = await getJson(corsServer.url, '/api/search?q[toString]=x');
    expect(nested.status).toBe(400);
  });
});

describe('store outage', () => {
  it('reports 503 with Retry-After while the store is down, and recovers without a restart', async () => {
    expect((await getJson(server.url, '/api/health')).status).toBe(200);
    store.down = true;
    try {
      const health = await getJson(server.url, '/api/health');
      expect(health.status).toBe(503);
      expect(health.headers.get('retry-after')).toBe('5');
      expect(health.body).toMatchObject({ ok: false, store: 'memory', message: 'the graph database is unreachable' });
      const entity = await getJson(server.url, '/api/entities/hub');
      expect(entity.status).toBe(503);
      expect(entity.headers.get('retry-after')).toBe('5');
      expect(entity.body.error.code).toBe('STORE_UNAVAILABLE');
    } finally {
      store.down = false;
    }
    expect((await getJson(server.url, '/api/health')).status).toBe(200);
    expect((await getJson(server.url, '/api/entities/hub')).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('answers 429 in the JSON error shape once a client exceeds the search limit', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof getJson>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await getJson(server.url, '/api/search?q=hub');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('search') });
    // Retry-After is the time left in this client's window, the same figure the RateLimit header gives.
    const reset = Number(/;\s*t=(\d+)/.exec(last!.headers.get('ratelimit') ?? '')?.[1]);
    expect(Number(last!.headers.get('retry-after'))).toBe(Math.max(1, reset));
    // Other endpoints are not limited by the search budget.
    expect((await getJson(server.url, '/api/entities/hub')).status).toBe(200);
  });
});
