import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { GraphStore } from '../../src/store/port';
import { HAVE_SOURCES, SOURCES_DIR } from '../support/paths';
import { getJson, startTestServer } from '../support/server';

if (!HAVE_SOURCES) console.warn(`cited-passage tests on the source texts skipped: ${SOURCES_DIR} not found`);

/** The expectation, computed here from the file itself: paragraph N is the N-th non-empty line. */
function paragraphsOf(file: string): string[] {
  return readFileSync(path.join(SOURCES_DIR, file), 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '');
}

interface SourceRecord {
  id: string;
  file: string;
}

describe.skipIf(!HAVE_SOURCES)('GET /api/sources/:id/paragraphs/:n with the source texts', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let sources: SourceRecord[];
  beforeAll(async () => {
    server = await startTestServer();
    sources = (await getJson(server.url, '/api/sources')).body.sources;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('says in /api/health that passages can be shown', async () => {
    const r = await getJson(server.url, '/api/health');
    expect(r.body.passages).toBe(true);
  });

  it('serves the first, a middle and the last paragraph of every source exactly as the file has them', async () => {
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      const expected = paragraphsOf(s.file);
      for (const n of [1, Math.ceil(expected.length / 2), expected.length]) {
        const r = await getJson(server.url, `/api/sources/${s.id}/paragraphs/${n}`);
        expect(r.status, `${s.id} ¶${n}`).toBe(200);
        expect(r.body).toEqual({ source: s.id, paragraph: n, text: expected[n - 1], paragraphs: expected.length });
      }
    }
  });

  it("adds a citation's context paragraphs, in reading order, as the seed cites them", async () => {
    const graph = (await getJson(server.url, '/api/graph')).body;
    const cited = graph.edges
      .flatMap(
        (e: { attributes: { evidence: { source: string; paragraph: number; context?: number[] }[] } }) =>
          e.attributes.evidence,
      )
      .find((c: { context?: number[] }) => c.context?.length);
    expect(cited, 'the seed has a citation with context paragraphs').toBeDefined();
    const file = sources.find((s) => s.id === cited.source)!.file;
    const expected = paragraphsOf(file);
    const r = await getJson(
      server.url,
      `/api/sources/${cited.source}/paragraphs/${cited.paragraph}?context=${[...cited.context].reverse().join(',')}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.text).toBe(expected[cited.paragraph - 1]);
    const want = [...cited.context]
      .sort((a: number, b: number) => a - b)
      .map((p: number) => ({ paragraph: p, text: expected[p - 1] }));
    expect(r.body.context).toEqual(want);
  });

  it('takes up to three context paragraphs on both sides, given as a list or repeated', async () => {
    const s = sources[0]!;
    const expected = paragraphsOf(s.file);
    const r = await getJson(server.url, `/api/sources/${s.id}/paragraphs/5?context=2&context=4,8`);
    expect(r.status).toBe(200);
    expect(r.body.context).toEqual([2, 4, 8].map((p) => ({ paragraph: p, text: expected[p - 1] })));
  });

  it('refuses context that is too long, too far, or the paragraph itself, naming the parameter', async () => {
    const id = sources[0]!.id;
    for (const q of ['context=3,4,6,7', 'context=1', 'context=9', 'context=5', 'context=0', 'context=four']) {
      const r = await getJson(server.url, `/api/sources/${id}/paragraphs/5?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
      expect(r.body.error.message, q).toContain('"context"');
      expect(r.body.error.details[0].param).toBe('context');
    }
  });

  it('refuses a paragraph number that is not one, naming "n"', async () => {
    const id = sources[0]!.id;
    for (const n of ['0', '-1', '2.5', 'abc', '1e3', '007']) {
      const r = await getJson(server.url, `/api/sources/${id}/paragraphs/${n}`);
      expect(r.status, n).toBe(400);
      expect(r.body.error.message, n).toContain('"n"');
      expect(r.body.error.details[0].param).toBe('n');
    }
  });

  it('answers 404 for an unknown source, and for a paragraph past the end with the count', async () => {
    const unknown = await getJson(server.url, '/api/sources/no-such-source/paragraphs/1');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'NOT_FOUND', message: 'unknown source "no-such-source"' });
    const s = sources[0]!;
    const count = paragraphsOf(s.file).length;
    const past = await getJson(server.url, `/api/sources/${s.id}/paragraphs/${count + 1}`);
    expect(past.status).toBe(404);
    expect(past.body.error.message).toContain(`has ${count} paragraphs`);
    const contextPast = await getJson(server.url, `/api/sources/${s.id}/paragraphs/${count}?context=${count + 1}`);
    expect(contextPast.status).toBe(404);
    expect(contextPast.body.error.message).toMatch(new RegExp(`"context".*has ${count} paragraphs`));
  });

  it('is described in the OpenAPI document and on the docs page', async () => {
    const doc = (await getJson(server.url, '/api/openapi.json')).body;
    const op = doc.paths['/sources/{id}/paragraphs/{n}'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'n', 'context']);
    expect(Object.keys(op.responses)).toEqual(['200', '400', '404', '503']);
    expect(Object.keys(op.responses['200'].content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['source', 'paragraph', 'text', 'context']),
    );
    const page = await fetch(`${server.url}/api/docs`).then((r) => r.text());
    expect(page).toContain('/api/sources/{id}/paragraphs/{n}');
  });
});

describe('GET /api/sources/:id/paragraphs/:n without the source texts', () => {
  const servers: Awaited<ReturnType<typeof startTestServer>>[] = [];
  let store: GraphStore;
  const start = async (options: { sourcesDir?: string }) => {
    const s = await startTestServer(store, options);
    servers.push(s);
    return s;
  };
  let tmp: string;
  beforeAll(async () => {
    const first = await startTestServer();
    servers.push(first);
    store = first.store;
    tmp = mkdtempSync(path.join(tmpdir(), 'kg-passages-'));
  });
  afterAll(async () => {
    // The servers share one store: close the HTTP side of all but the first, then the first.
    for (const s of servers.slice(1)) await new Promise<void>((resolve) => s.server.close(() => resolve()));
    await servers[0]?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('answers 503 SOURCES_UNAVAILABLE, and health says passages: false, when it is run without source texts', async () => {
    // As `kg serve` is configured with KG_SOURCES_DIR set empty. (Set to a folder that does not
    // exist, it is a configuration error and kg serve does not start: tests/cli/sources-folder.)
    const config = loadConfig({ ...process.env, KG_SOURCES_DIR: '' });
    expect(config.sourcesDir).toBeUndefined();
    const s = await start({ sourcesDir: config.sourcesDir });
    expect((await getJson(s.url, '/api/health')).body.passages).toBe(false);
    const r = await getJson(s.url, '/api/sources/isas-2024/paragraphs/1');
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('SOURCES_UNAVAILABLE');
    expect(r.body.error.message).toMatch(/KG_SOURCES_DIR/);
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers 503 naming the folder when it is given but gone', async () => {
    const gone = path.join(tmp, 'gone');
    const s = await start({ sourcesDir: gone });
    expect((await getJson(s.url, '/api/health')).body.passages).toBe(false);
    const r = await getJson(s.url, '/api/sources/isas-2024/paragraphs/1');
    expect(r.status).toBe(503);
    expect(r.body.error.message).toContain(gone);
  });

  it('still checks the request first: bad input is 400 and an unknown source 404', async () => {
    const s = await start({ sourcesDir: undefined });
    expect((await getJson(s.url, '/api/sources/isas-2024/paragraphs/zero')).status).toBe(400);
    expect((await getJson(s.url, '/api/sources/nobody/paragraphs/1')).status).toBe(404);
  });

  it.skipIf(!HAVE_SOURCES)(
    'answers 503 naming the file when the folder lacks it, and serves it once it is put there',
    async () => {
      const folder = mkdtempSync(path.join(tmp, 'partial-'));
      const s = await start({ sourcesDir: folder });
      const source = ((await getJson(s.url, '/api/sources')).body.sources as SourceRecord[])[0]!;
      expect((await getJson(s.url, '/api/health')).body.passages).toBe(true);
      const missing = await getJson(s.url, `/api/sources/${source.id}/paragraphs/1`);
      expect(missing.status).toBe(503);
      expect(missing.body.error).toMatchObject({
        code: 'SOURCES_UNAVAILABLE',
        message: expect.stringContaining(source.file),
      });

      copyFileSync(path.join(SOURCES_DIR, source.file), path.join(folder, source.file));
      const served = await getJson(s.url, `/api/sources/${source.id}/paragraphs/2`);
      expect(served.status).toBe(200);
      expect(served.body.text).toBe(paragraphsOf(source.file)[1]);

      // Read once and kept: the texts do not change while serving, so no read per click.
      rmSync(path.join(folder, source.file));
      const again = await getJson(s.url, `/api/sources/${source.id}/paragraphs/3`);
      expect(again.status).toBe(200);
      expect(again.body.text).toBe(paragraphsOf(source.file)[2]);
    },
  );

  it('never reads outside the folder, even when a source record names a path', async () => {
    const folder = mkdtempSync(path.join(tmp, 'escape-'));
    // A source record as a tampered database could hold it (the seed's schema refuses paths).
    const tampered: GraphStore = Object.create(store, {
      sources: {
        value: async () => (await store.sources()).map((s) => ({ ...s, file: '../../../../../../etc/hostname' })),
      },
    });
    const s = await startTestServer(tampered, { sourcesDir: folder });
    servers.push(s);
    const id = (await store.sources())[0]!.id;
    const r = await getJson(s.url, `/api/sources/${id}/paragraphs/1`);
    expect(r.status).toBe(503);
    expect(r.body.error.message).toMatch(/not a plain file name/);
    expect(r.body).not.toHaveProperty('text');
  });
});
