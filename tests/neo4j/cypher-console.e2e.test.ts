import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CYPHER_LIMITS } from '../../src/api/routes/cypher';
import { loadConfig } from '../../src/config';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { openStore } from '../../src/store/open';
import { ARTIFACTS_DIR, launchChromium, paintedPixels, SKIP_BROWSER } from '../support/browser';
import { NEO4J_SKIP, neo4jEnv, seedTestNeo4j } from '../support/neo4j';
import { SEED_DIR } from '../support/paths';
import { startTestServer } from '../support/server';
import { watchedPage } from '../viewer/helpers';

/**
 * The viewer's Cypher tab in real Chromium against the API on a real Neo4j holding the real seed:
 * what a person sees for a table, a graph, a path, a refused write, a result past the row cap and
 * a query past the time limit. Screenshots go to test-artifacts/cypher-neo4j-*.png.
 */

const kb = loadKnowledgeBaseOrThrow(SEED_DIR).kb;
const nameOf = new Map(kb.entities.map((e) => [e.id, e.name]));
const TTP = nameOf.get('ttp')!;
// Every combination of five nodes (~10^11 with the seed); the predicate defeats the count store.
const CARTESIAN =
  "MATCH (a), (b), (c), (d), (e) WHERE a.id + b.id + c.id + d.id + e.id <> 'never' RETURN count(*) AS n";

describe.skipIf(NEO4J_SKIP !== false || SKIP_BROWSER)('the Cypher tab on Neo4j', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  /** What the API answered each POST /api/cypher, as its request log says. */
  const answered: number[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `cypher-neo4j-${name}.png`) });
  const message = () => page.locator('#cypher-message');
  const columns = () => page.locator('#cypher-table thead th').allTextContents();
  const cells = () =>
    page.$$eval('#cypher-table tbody tr', (trs) =>
      trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((td) => td.textContent ?? '')),
    );

  /** Types a query and runs it as a person does, then waits until the console shows the answer. */
  async function run(query: string): Promise<void> {
    await page.fill('#cypher-input', query);
    const response = page.waitForResponse(
      (r) => r.url().endsWith('/api/cypher') && r.request().postDataJSON()?.query === query,
      { timeout: 30_000 },
    );
    await page.click('#cypher-run');
    await response;
    await page.locator('.cypher-console[aria-busy="false"]').waitFor();
  }

  beforeAll(async () => {
    await seedTestNeo4j();
    const store = await openStore(loadConfig(), neo4jEnv());
    server = await startTestServer(store, {
      log: (entry) => {
        if (entry.path === '/api/cypher' && typeof entry.status === 'number') answered.push(entry.status);
      },
    });
    browser = await launchChromium();
    page = await watchedPage(browser, pageErrors);
    await page.goto(`${server.url}/?focus=ttp&tab=cypher`);
    await page.locator('#cypher-input').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a table: the columns asked for, and every row Neo4j returns', async () => {
    const expected = kb.relations
      .filter((r) => r.type === 'opposes' && r.to === 'azm-i-istehkam')
      .map((r) => [nameOf.get(r.from)!, r.status])
      .sort(([a, s], [b, t]) => (a! < b! ? -1 : a! > b! ? 1 : s! < t! ? -1 : 1));
    expect(expected.length).toBeGreaterThan(1);
    await run(
      "MATCH (a:Entity)-[r:OPPOSES]->(op:Operation {id: 'azm-i-istehkam'})\nRETURN a.name AS actor, r.status AS status\nORDER BY actor, status",
    );
    expect(await message().textContent()).toBe(`${expected.length} rows`);
    expect(await columns()).toEqual(['actor', 'status']);
    expect(await cells()).toEqual(expected);
    expect(await page.locator('#cypher-graph').isHidden()).toBe(true); // no nodes came back
    await shot('table');
  });

  it('draws a graph when nodes come back: TTP and every entity it is related to, painted by sigma', async () => {
    const neighbours = new Set<string>();
    const relations = kb.relations.filter((r) => (r.from === 'ttp') !== (r.to === 'ttp'));
    for (const r of relations) neighbours.add(r.from === 'ttp' ? r.to : r.from);
    await run("MATCH (t:Entity {id: 'ttp'})-[r]-(m:Entity) RETURN t, r, m");
    const n = relations.length;
    expect(await message().textContent()).toBe(`${n} rows · graph: ${neighbours.size + 1} nodes, ${n} relationships`);
    expect(await columns()).toEqual(['t', 'r', 'm']);
    const rows = await cells();
    expect(rows).toHaveLength(n);
    // Nodes and relationships read as Cypher writes them, not as raw JSON.
    expect(new Set(rows.map(([t]) => t))).toEqual(new Set([`(:Entity:MilitantGroup ${TTP})`]));
    for (const [, r] of rows) expect(r).toMatch(/^\[:[A-Z_]+\]$/);
    expect(new Set(rows.map(([, , m]) => m!.replace(/^\(:Entity:\w+ (.*)\)$/, '$1')))).toEqual(
      new Set([...neighbours].map((id) => nameOf.get(id))),
    );
    await page.locator('#cypher-graph[data-settled="true"]').waitFor({ timeout: 15_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    expect(await paintedPixels(page, '#cypher-graph')).toBeGreaterThan(2000);
    await shot('graph');
  });

  it('writes a path as Cypher draws it, with the arrow the way the relationship points', async () => {
    const targets = kb.relations.filter((r) => r.type === 'targets' && r.from === 'bla' && r.to === 'china');
    expect(targets.length).toBeGreaterThan(0);
    await run("MATCH p = (:Entity {id: 'china'})<-[:TARGETS]-(:Entity {id: 'bla'}) RETURN p");
    expect(await cells()).toEqual(targets.map(() => [`(China)<-[:TARGETS]-(${nameOf.get('bla')})`]));
    await run("MATCH p = (:Entity {id: 'bla'})-[:TARGETS]->(:Entity {id: 'china'}) RETURN p");
    expect(await cells()).toEqual(targets.map(() => [`(${nameOf.get('bla')})-[:TARGETS]->(China)`]));
  });

  it('refuses a write and says why, and the graph is unchanged', async () => {
    await run("MATCH (t:Entity {id: 'ttp'}) SET t.name = 'Renamed' RETURN t.name AS name");
    expect(await message().getAttribute('data-kind')).toBe('refused');
    expect(await message().textContent()).toBe(
      'Refused: SET writes to the database; only read queries are allowed here',
    );
    expect(await page.locator('#cypher-table table').count()).toBe(0);
    expect(await page.locator('#cypher-graph').isHidden()).toBe(true);
    await shot('refused');
    await run("MATCH (t:Entity {id: 'ttp'}) RETURN t.name AS name");
    expect(await cells()).toEqual([[TTP]]);
  });

  it('shows the first 1,000 rows of a larger result and says it was truncated at 1,000 rows', async () => {
    await run('UNWIND range(1, 100000) AS i RETURN i');
    expect(await message().textContent()).toBe(
      '1,000 rows. Truncated at 1,000 rows: the query returns more; add LIMIT or narrow it to see the rest.',
    );
    const rows = await cells();
    expect(rows).toHaveLength(CYPHER_LIMITS.maxRows);
    expect(rows.at(-1)).toEqual(['1000']);
    await shot('truncated');
  });

  it('says a query past the time limit timed out, after one try (the browser does not send it again)', async () => {
    const before = answered.length;
    await run(CARTESIAN);
    expect(await message().getAttribute('data-kind')).toBe('timeout');
    expect(await message().textContent()).toBe(
      `Timed out: the query ran past its time limit of ${CYPHER_LIMITS.timeoutMs / 1000} s and was stopped; narrow it (add LIMIT, bound path lengths)`,
    );
    expect(await page.locator('#cypher-table table').count()).toBe(0);
    // One request, answered once: an answer a browser retries by itself would run the query twice.
    expect(answered.slice(before)).toEqual([504]);
    await shot('timeout');
  });

  it('lets a new run replace a slow one: the slow answer never overwrites the newer result', async () => {
    await page.fill('#cypher-input', CARTESIAN);
    const slowSent = page.waitForRequest(
      (r) => r.url().endsWith('/api/cypher') && r.postDataJSON()?.query === CARTESIAN,
    );
    await page.click('#cypher-run');
    const slow = await slowSent;
    const slowCancelled = page.waitForEvent('requestfailed', { predicate: (r) => r === slow, timeout: 30_000 });
    expect(await message().textContent()).toBe('running…');
    await run("RETURN 'newer' AS answer");
    await slowCancelled;
    expect(await message().textContent()).toBe('1 row');
    expect(await cells()).toEqual([['newer']]);
    expect(await page.locator('.cypher-console').getAttribute('aria-busy')).toBe('false');
  });

  it('showed no errors in the page beyond the refused and timed-out answers themselves', () => {
    const unexpected = pageErrors.filter(
      (e) => !/Failed to load resource: the server responded with a status of (403|504)/.test(e),
    );
    expect(unexpected).toEqual([]);
  });
});
