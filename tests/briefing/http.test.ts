import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_SOURCES, SOURCES_DIR } from '../support/paths';
import { getJson, startTestServer } from '../support/server';

/** Cited briefings through a real server on the embedded store over the real seed. */
let server: Awaited<ReturnType<typeof startTestServer>>;
let bare: Awaited<ReturnType<typeof startTestServer>>;
let sources: { id: string; title: string; publisher?: string; file: string }[];
const names: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  // The same store served without the source texts, as `kg serve` with KG_SOURCES_DIR set empty.
  bare = await startTestServer(server.store, { sourcesDir: undefined });
  sources = (await getJson(server.url, '/api/sources')).body.sources;
  for (const id of ['ispr', 'afghanistan', 'ttp', 'bla'])
    names[id] = (await getJson(server.url, `/api/entities/${id}`)).body.name;
});
afterAll(async () => {
  await new Promise<void>((resolve) => bare?.server.close(() => resolve()));
  await server?.close();
});

async function getText(base: string, p: string) {
  const res = await fetch(base + p);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** Footnote definitions by number, and the numbers the text cites. */
function footnotes(md: string) {
  const defs = new Map([...md.matchAll(/^\[\^(\d+)\]: (.*)$/gm)].map((m) => [Number(m[1]), m[2]!]));
  const body = md.split('\n## Sources')[0]!;
  const cited = new Set([...body.matchAll(/\[\^(\d+)\]/g)].map((m) => Number(m[1])));
  return { defs, cited };
}

/**
 * The seed's sentence about Afghanistan harbouring the TTP: reported by one source, alleged by the
 * ISPR in another, denied by both Afghanistan and the TTP, all in one sentence, each with its footnote.
 */
const contestedSentence = () => {
  const [afghanistan, ttp, ispr] = [esc(names.afghanistan!), esc(names.ttp!), esc(names.ispr!)];
  return new RegExp(
    `${afghanistan} harbors ${ttp}\\[\\^\\d+\\]; ${ispr} alleges it too\\[\\^(\\d+)\\]; ` +
      `${afghanistan} and ${ttp} deny it\\[\\^(\\d+)\\]\\.`,
  );
};
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('format=markdown', () => {
  it('runs on the embedded store', () => {
    expect(server.store.kind).toBe('memory');
  });

  it('answers an entity briefing as text/markdown whose footnotes name real sources, each cited and defined once', async () => {
    const r = await getText(server.url, '/api/entities/bla?format=markdown');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/markdown; charset=utf-8');
    const entity = (await getJson(server.url, '/api/entities/bla')).body;
    expect(r.text.startsWith(`# ${entity.name}\n`)).toBe(true);
    expect(r.text).toContain(entity.description);
    const { defs, cited } = footnotes(r.text);
    expect(defs.size).toBeGreaterThan(2);
    expect([...defs.keys()]).toEqual([...defs.keys()].map((_, i) => i + 1));
    expect([...cited].sort((a, b) => a - b)).toEqual([...defs.keys()]);
    for (const def of defs.values()) {
      expect(sources.some((s) => def.startsWith(`${s.title}, ${s.publisher ?? ''}`))).toBe(true);
      expect(def).toMatch(/¶\d+/);
    }
    // One section per relation type the entity has, under the type's label.
    expect((r.text.match(/^### /gm) ?? []).length).toBe(Object.keys(entity.relations).length);
    expect(r.text).not.toMatch(/\(.*, ¶\d+\)/); // citations are footnotes, not the JSON sentences' parentheses
  });

  it("states the seed's report and allegation that Afghanistan harbours the TTP and its denial in one sentence, each with its footnote", async () => {
    const r = await getText(server.url, '/api/entities/afghanistan?format=markdown');
    const m = r.text.match(contestedSentence());
    expect(m, r.text).not.toBeNull();
    const { defs } = footnotes(r.text);
    const isas = sources.find((s) => s.id === 'isas-2024')!;
    expect(defs.get(Number(m![1]))).toBe(`${isas.title}, ${isas.publisher}, 2024, ¶11; alleged by ${names.ispr}.`);
    expect(defs.get(Number(m![2]))).toBe(
      `${isas.title}, ${isas.publisher}, 2024, ¶11; denied by ${names.afghanistan} and ${names.ttp}.`,
    );
  });

  it('answers a path briefing: each route as numbered hops with their claims', async () => {
    const json = (await getJson(server.url, '/api/paths?from=afghanistan&to=ttp&maxHops=2&k=2')).body;
    const r = await getText(server.url, '/api/paths?from=afghanistan&to=ttp&maxHops=2&k=2&format=markdown');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/markdown; charset=utf-8');
    expect(r.text.startsWith(`# From ${names.afghanistan} to ${names.ttp}\n`)).toBe(true);
    expect((r.text.match(/^## Route \d+: /gm) ?? []).length).toBe(json.paths.length);
    const hops = json.paths.reduce((sum: number, p: { hops: unknown[] }) => sum + p.hops.length, 0);
    expect((r.text.match(/^\d+\. \*\*.+ → .+\*\*: /gm) ?? []).length).toBe(hops);
    // The direct hop carries every claim between the two, the contested pair in one sentence.
    expect(r.text).toMatch(contestedSentence());
    const { defs, cited } = footnotes(r.text);
    expect([...cited].sort((a, b) => a - b)).toEqual([...defs.keys()]);
  });

  it('says when there is no path', async () => {
    const r = await getText(server.url, '/api/paths?from=afghanistan&to=ttp&types=funds&format=markdown');
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/^# From .+\n\nNo path: .+\.\n$/);
  });

  it('answers a saved question as a briefing: its title, parameters by name, and the claims that answer it', async () => {
    const r = await getText(server.url, '/api/questions/afghanistan-sheltering-ttp?format=markdown');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/markdown; charset=utf-8');
    const json = (await getJson(server.url, '/api/questions/afghanistan-sheltering-ttp')).body;
    expect(r.text.startsWith(`# ${json.question.title}\n`)).toBe(true);
    // Only contested claims answer it: the ISPR's allegation and the denial, without the report.
    const [afghanistan, ttp, ispr] = [names.afghanistan!, names.ttp!, names.ispr!];
    expect(r.text).toContain(`- ${ispr} alleges that ${afghanistan} harbors ${ttp}[^`);
    expect(r.text).toMatch(
      new RegExp(`harbors ${esc(ttp)}\\[\\^\\d+\\]; ${esc(afghanistan)} and ${esc(ttp)} deny it\\[\\^\\d+\\]\\.\n`),
    );
    const { defs, cited } = footnotes(r.text);
    expect([...cited].sort((a, b) => a - b)).toEqual([...defs.keys()]);
    expect([...defs.values()].every((d) => / by |\(no one named\)/.test(d))).toBe(true);

    const backers = await getText(server.url, '/api/questions/backers-of?actor=bla&format=markdown');
    expect(backers.status).toBe(200);
    expect(backers.text).toContain(`*actor:* ${names.bla}`);
    const bad = await getJson(server.url, '/api/questions/backers-of?actor=bla&format=docx');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/parameter "format"/);
  });

  it.skipIf(!HAVE_SOURCES)('passages=true quotes each cited paragraph once, read from the sources folder', async () => {
    const r = await getText(server.url, '/api/entities/afghanistan?format=markdown&passages=true');
    expect(r.status).toBe(200);
    const appendix = r.text.slice(r.text.indexOf('\n## Cited passages\n'));
    expect(appendix.length).toBeGreaterThan(20);
    const isas = sources.find((s) => s.id === 'isas-2024')!;
    const paragraph11 = readFileSync(path.join(SOURCES_DIR, isas.file), 'utf8')
      .split('\n')
      .map((l) => l.replace(/\r$/, ''))
      .filter((l) => l.trim() !== '')[10]!;
    const quotes = appendix.split('\n').filter((l) => l.startsWith('> '));
    expect(quotes.filter((q) => q === `> ${paragraph11}`)).toHaveLength(1);
    expect(new Set(quotes).size).toBe(quotes.length);
    // Both footnotes of the contested pair sit above that one quotation.
    const m = r.text.match(contestedSentence())!;
    const heading = appendix.split('\n').findIndex((l) => l.endsWith(` ${isas.title}, ¶11:`));
    const refs = appendix.split('\n')[heading]!;
    expect(refs).toContain(`[^${m[1]}]`);
    expect(refs).toContain(`[^${m[2]}]`);
    expect(appendix.split('\n')[heading + 2]).toBe(`> ${paragraph11}`);
    const plain = await getText(server.url, '/api/entities/afghanistan?format=markdown');
    expect(plain.text).not.toContain('Cited passages');
  });

  it('passages=true without the source texts is 503 SOURCES_UNAVAILABLE, as the passages route answers', async () => {
    for (const p of ['/api/entities/afghanistan', '/api/paths?from=afghanistan&to=ttp', '/api/questions/backers-of']) {
      const sep = p.includes('?') ? '&' : '?';
      const r = await getJson(bare.url, `${p}${sep}format=markdown&passages=true`);
      expect(r.status, p).toBe(503);
      expect(r.body.error.code).toBe('SOURCES_UNAVAILABLE');
      expect(r.body.error.message).toMatch(/KG_SOURCES_DIR/);
      expect((await getText(bare.url, `${p}${sep}format=markdown`)).status).toBe(200);
    }
  });

  it('a bad format, or passages without markdown, is 400 naming the parameter; JSON stays the default', async () => {
    for (const p of ['/api/entities/bla?format=html', '/api/paths?from=bla&to=ttp&format=pdf']) {
      const r = await getJson(server.url, p);
      expect(r.status, p).toBe(400);
      expect(r.body.error.message).toMatch(/parameter "format"/);
    }
    const r = await getJson(server.url, '/api/entities/bla?passages=true');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/parameter "passages"/);
    const json = await getJson(server.url, '/api/entities/bla');
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await getJson(server.url, '/api/entities/bla?format=json')).body).toEqual(json.body);
    expect((await getJson(server.url, '/api/entities/nobody?format=markdown')).status).toBe(404);
  });

  it('documents format and passages, and the text/markdown answer beside the JSON one, in the OpenAPI document', async () => {
    const doc = (await getJson(server.url, '/api/openapi.json')).body;
    for (const p of ['/entities/{id}', '/paths', '/questions/{id}']) {
      const params = (doc.paths[p].get.parameters as { name: string; in: string }[]).filter((x) => x.in === 'query');
      expect(
        params.map((x) => x.name),
        p,
      ).toEqual(expect.arrayContaining(['format', 'passages']));
      expect(Object.keys(doc.paths[p].get.responses['200'].content), p).toEqual(['application/json', 'text/markdown']);
    }
    expect(Object.keys(doc.paths['/search'].get.responses['200'].content)).toEqual(['application/json']);
  });
});
