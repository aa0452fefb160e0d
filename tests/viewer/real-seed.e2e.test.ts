import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, paintedPixels, SKIP_BROWSER } from '../support/browser';
import { startTestServer } from '../support/server';
import { status, urlParam, waitReady, watchedPage } from './helpers';

/**
 * The viewer over the real seed, asserting only facts that stay true as the knowledge base grows
 * (TTP, BLA, China exist; the BLA targets China), and the Cypher tab on the embedded store.
 */
describe.skipIf(SKIP_BROWSER)('viewer: the real knowledge base', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `seed-${name}.png`) });

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    page = await watchedPage(browser, consoleErrors);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("draws TTP's neighbourhood on first load", async () => {
    await page.goto(server.url);
    await waitReady(page);
    expect(await page.evaluate(() => document.body.dataset.focus)).toBe('ttp');
    const s = await status(page);
    expect(s.nodes).toBeGreaterThan(1);
    expect(s.edges).toBeGreaterThan(0);
    expect(await paintedPixels(page, '#graph')).toBeGreaterThan(100);
    await shot('ttp');
  });

  it('searches by alias and draws the chosen entity', async () => {
    await page.keyboard.press('/');
    await page.keyboard.type('baloch');
    await page.waitForSelector('#search-results li[data-id="bla"]');
    expect(await page.textContent('#search-results li[data-id="bla"] .name')).toBe('Balochistan Liberation Army');
    await page.locator('#search-results li[data-id="bla"]').click();
    await page.waitForFunction(() => document.body.dataset.focus === 'bla');
    await waitReady(page);
    expect((await status(page)).text).toContain('neighbourhood of Balochistan Liberation Army');
    expect(urlParam(page, 'focus')).toBe('bla');
  });

  it('answers "how is the BLA connected to China?" from a shared link', async () => {
    await page.goto(`${server.url}/?focus=bla&tab=paths&from=bla&to=china`);
    await waitReady(page);
    const results = page.locator('.path-results');
    await results.locator('.hop').first().waitFor();
    expect(await results.textContent()).toMatch(/Balochistan Liberation Army targets China/);
    expect(await results.locator('.citation').first().textContent()).toMatch(/¶\d+/);
    expect(await page.inputValue('#path-from')).toBe('Balochistan Liberation Army');
    expect(await page.inputValue('#path-to')).toBe('China');
    await shot('bla-china');
  });

  it('opens the Cypher tab with highlighting, and says plainly that it needs Neo4j', async () => {
    await page.goto(`${server.url}/?focus=ttp&tab=cypher`);
    await page.locator('#cypher-input').waitFor();
    expect(await page.locator('.cypher-editor .tok-keyword').first().textContent()).toBe('MATCH');
    await page.fill('#cypher-input', "MATCH (n:Entity {id: 'ttp'}) RETURN n.name AS name");
    expect(await page.locator('.cypher-editor .tok-string').first().textContent()).toBe("'ttp'");
    await page.click('#cypher-run');
    const message = page.locator('#cypher-message');
    await page.waitForFunction(() =>
      ['neo4j', 'refused', 'error'].includes(
        document.querySelector<HTMLElement>('#cypher-message')?.dataset.kind ?? '',
      ),
    );
    expect(await message.getAttribute('data-kind')).toBe('neo4j');
    expect(await message.textContent()).toMatch(/needs Neo4j.*NEO4J_URI/);
    await shot('cypher-neo4j');
  });

  it('shows a refused write as a refusal', async () => {
    await page.fill('#cypher-input', "CREATE (n:Entity {id: 'x'}) RETURN n");
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#cypher-message')?.dataset.kind === 'refused',
    );
    expect(await page.textContent('#cypher-message')).toMatch(/^Refused: /);
    expect(await page.locator('#cypher-table table').count()).toBe(0);
    await shot('cypher-refused');
  });

  it('logged no console errors and no CSP violations', async () => {
    // A refused or unavailable query is an HTTP error the page reports itself; the browser logs
    // the failed fetch as a console error, which is not a fault of the page.
    expect(
      consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (403|503)/.test(e)),
    ).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  });
});
