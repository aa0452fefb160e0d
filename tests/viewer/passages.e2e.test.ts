import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, SKIP_BROWSER } from '../support/browser';
import { HAVE_SOURCES, SOURCES_DIR } from '../support/paths';
import { getJson, startTestServer } from '../support/server';
import { selectNode, waitReady, watchedPage } from './helpers';

if (!HAVE_SOURCES) console.warn(`viewer passage tests skipped: the source texts (${SOURCES_DIR}) are not here`);

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** The expectation, from the file at test time: paragraph N is the N-th non-empty line. */
function paragraphOf(file: string, n: number): string {
  const lines = readFileSync(path.join(SOURCES_DIR, file), 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '');
  return lines[n - 1]!;
}

/**
 * Reading the cited passage beside a claim, in real Chromium over the real seed and the real
 * source texts: the entity panel, the side-by-side claims, and a server without the texts.
 */
describe.skipIf(SKIP_BROWSER || !HAVE_SOURCES)('viewer: cited passages', () => {
  let server: Server;
  let bare: Server;
  let browser: Browser;
  let page: Page;
  let fileOf: Map<string, string>;
  const consoleErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `passages-${name}.png`) });

  /** Every spelling of an entity, as the API gives it. */
  const namesOf = async (id: string): Promise<string[]> => {
    const e = (await getJson(server.url, `/api/entities/${id}`)).body;
    return [e.name, ...e.aliases, ...(e.demonyms ?? [])];
  };

  /** Opens a citation's passage and checks each shown paragraph against the file. */
  async function openAndCheck(citation: Locator): Promise<{ paragraphs: number[]; marks: string[] }> {
    const source = (await citation.getAttribute('data-source'))!;
    const button = citation.locator('button[data-action="show-passage"]');
    expect(await button.textContent()).toBe('show passage');
    await button.click();
    await citation.locator('.passage-paragraph.cited').waitFor();
    expect(await button.textContent()).toBe('hide passage');
    const shown = citation.locator('.passage-paragraph');
    const paragraphs = await shown.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-paragraph'))));
    for (const [i, n] of paragraphs.entries()) {
      expect(await shown.nth(i).locator('.passage-text').textContent(), `${source} ¶${n}`).toBe(
        paragraphOf(fileOf.get(source)!, n),
      );
    }
    const marks = await citation.locator('.passage-paragraph.cited mark').allTextContents();
    return { paragraphs, marks };
  }

  beforeAll(async () => {
    server = await startTestServer();
    // The same data served without the source texts, as on a machine without ../shared/seeds.
    bare = await startTestServer(server.store, { sourcesDir: undefined });
    fileOf = new Map(
      ((await getJson(server.url, '/api/sources')).body.sources as { id: string; file: string }[]).map((s) => [
        s.id,
        s.file,
      ]),
    );
    browser = await launchChromium();
    page = await watchedPage(browser, consoleErrors);
  });
  afterAll(async () => {
    await browser?.close();
    // Both servers share one store: close the bare one's HTTP side only.
    if (bare) await new Promise<void>((resolve) => bare.server.close(() => resolve()));
    await server?.close();
  });

  it("shows the cited paragraph under a relation's citation in the evidence panel, the two ends marked", async () => {
    await page.goto(`${server.url}/?focus=ttp`);
    await waitReady(page);
    await selectNode(page, 'ttp');
    const relation = page.locator('#panel .entity-panel .relation').first();
    await relation.waitFor();
    const other = (await relation.locator('a[data-entity]').getAttribute('data-entity'))!;
    const citation = relation.locator('.citation').first();
    const { paragraphs, marks } = await openAndCheck(citation);
    expect(paragraphs).toContain(Number(await citation.getAttribute('data-paragraph')));
    // A checked citation names an end in the cited paragraph; only the ends' names are marked.
    const names = [...(await namesOf('ttp')), ...(await namesOf(other))].map((n) =>
      n.toLowerCase().replace(/[\s-]+/g, ' '),
    );
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(names, m).toContain(m.toLowerCase().replace(/[\s-]+/g, ' '));
    await shot('entity');

    await citation.locator('button[data-action="show-passage"]').click();
    expect(await citation.locator('.passage').isHidden()).toBe(true);
    expect(await citation.locator('button[data-action="show-passage"]').textContent()).toBe('show passage');
  });

  it('shows a citation with its context paragraphs in the side-by-side claims, in reading order', async () => {
    type Evidence = { source: string; paragraph: number; context?: number[] };
    const graph = (await getJson(server.url, '/api/graph')).body as {
      edges: { source: string; target: string; attributes: { evidence: Evidence[] } }[];
    };
    const edge = graph.edges.find((e) => e.attributes.evidence.some((c) => c.context?.length))!;
    expect(edge, 'the seed has a citation with context paragraphs').toBeDefined();
    const cited = edge.attributes.evidence.find((c) => c.context?.length)!;
    await page.goto(`${server.url}/?focus=${edge.source}&sel=${edge.source}|${edge.target}`);
    const citation = page
      .locator(
        `#panel .claims-panel .citation[data-source="${cited.source}"][data-paragraph="${cited.paragraph}"][data-context]`,
      )
      .first();
    await citation.waitFor();
    const { paragraphs } = await openAndCheck(citation);
    expect(paragraphs).toEqual([cited.paragraph, ...cited.context!].sort((a, b) => a - b));
    expect(await citation.locator('.passage-paragraph.context').count()).toBe(cited.context!.length);
    await citation.scrollIntoViewIfNeeded();
    await shot('claims-context');
  });

  it('offers no passage control when the server has no source texts', async () => {
    expect((await getJson(bare.url, '/api/health')).body.passages).toBe(false);
    await page.goto(`${bare.url}/?focus=ttp&sel=ttp`);
    await page.locator('#panel .entity-panel .relation .citation').first().waitFor();
    expect(await page.locator('#panel .citation').count()).toBeGreaterThan(0);
    expect(await page.locator('#panel [data-action="show-passage"]').count()).toBe(0);
  });

  it('raised no console error and no CSP violation', async () => {
    expect(consoleErrors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  });
});
