import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../src/api/openapi';
import { getJson, startTestServer } from '../support/server';
import { fixtureStore } from './fixture';

let world: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  world = await startTestServer(fixtureStore());
});
afterAll(async () => {
  await world?.close();
});

describe('GET /api/openapi.json', () => {
  it('documents every endpoint with its parameters, generated from the zod schemas', async () => {
    const r = await getJson(world.url, '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths).sort()).toEqual([
      '/analytics',
      '/cypher',
      '/entities/{id}',
      '/entities/{id}/neighborhood',
      '/graph',
      '/health',
      '/paths',
      '/questions',
      '/questions/{id}',
      '/schema',
      '/search',
      '/sources',
      '/sources/{id}',
      '/sources/{id}/paragraphs/{n}',
    ]);
    const hood = r.body.paths['/entities/{id}/neighborhood'].get;
    expect(hood.parameters.map((p: { name: string }) => p.name)).toEqual([
      'id',
      'types',
      'excludeTypes',
      'kinds',
      'status',
      'asOf',
      'knownBy',
      'depth',
      'limit',
    ]);
    expect(hood.parameters.find((p: { name: string }) => p.name === 'depth').schema).toMatchObject({
      minimum: 1,
      maximum: 3,
      default: 1,
    });
    const paths = r.body.paths['/paths'].get;
    expect(
      paths.parameters.filter((p: { required: boolean }) => p.required).map((p: { name: string }) => p.name),
    ).toEqual(['from', 'to']);
    expect(r.body.paths['/cypher'].post.responses).toHaveProperty('403');
    expect(r.body.paths['/cypher'].post.requestBody.content['application/json'].schema.required).toEqual(['query']);
  });
});

describe('GET /api/docs', () => {
  it('is a self-contained page: no script, no inline style, stylesheet served beside it', async () => {
    const res = await fetch(`${world.url}/api/docs`);
    const html = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<style|style=/i);
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    for (const e of ENDPOINTS) expect(html).toContain(`/api${e.path}`);
    expect(html).toContain('weighted');
    const css = await fetch(`${world.url}/api/docs/docs.css`);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });
});

describe('responses match the documented schemas', () => {
  // Each answer against the schema its endpoint documents.
  it.each([
    ['/search', '/api/search?q=hub'],
    ['/entities/{id}', '/api/entities/alpha'],
    ['/entities/{id}/neighborhood', '/api/entities/hub/neighborhood?depth=2'],
    ['/paths', '/api/paths?from=alpha&to=delta'],
    ['/sources', '/api/sources'],
    ['/sources/{id}', '/api/sources/s-new'],
    ['/analytics', '/api/analytics'],
  ] as const)('%s', async (endpoint, path) => {
    const schema = ENDPOINTS.find((e) => e.path === endpoint)!.response;
    const r = await getJson(world.url, path);
    expect(r.status).toBe(200);
    const parsed = schema.safeParse(r.body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });
});
