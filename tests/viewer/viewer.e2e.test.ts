import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, paintedPixels, SKIP_BROWSER } from '../support/browser';
import { startTestServer } from '../support/server';
import { fixtureStore, MARKUP_NAME } from './fixture-store';
import { clickEdgeBetween, selectNode, status, urlParam, waitReady, watchedPage } from './helpers';

/**
 * The viewer in real Chromium against a real server over an invented fixture world (see
 * fixture-store.ts), one page walking through what a user does. Screenshots go to test-artifacts/.
 */
describe.skipIf(SKIP_BROWSER)('viewer: exploring the fixture world', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `viewer-${name}.png`) });

  beforeAll(async () => {
    server = await startTestServer(fixtureStore());
    browser = await launchChromium();
    page = await watchedPage(browser, consoleErrors, { acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws a neighbourhood with a status line and a legend with counts', async () => {
    await page.goto(`${server.url}/?focus=north-front`);
    await waitReady(page);
    const s = await status(page);
    expect(s.nodes).toBe(6); // the front, both states, the operation, the corridor, the brigade
    expect(s.text).toContain('neighbourhood of Northern Front');
    expect(await paintedPixels(page, '#graph')).toBeGreaterThan(500);
    const states = page.locator('#legend label', { hasText: 'State' }).first();
    expect(await states.locator('.count').textContent()).toBe('2');
    await shot('neighbourhood');
  });

  it('searches with the keyboard: / focuses, arrows move, Enter picks, Esc closes', async () => {
    await page.locator('h1').click();
    await page.keyboard.press('/');
    await page.keyboard.type('corr');
    await page.waitForSelector('#search-results li[data-id="corridor"]');
    expect(await page.textContent('#search-results li[data-id="corridor"] .badge')).toBe('Project');
    await shot('search');
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#search-results')).toBe(true);
    expect(await page.inputValue('#search')).toBe('corr');
    await page.keyboard.press('/');
    await page.keyboard.press('End');
    await page.keyboard.type('idor');
    await page.waitForSelector('#search-results li[data-id="corridor"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.dataset.focus === 'corridor');
    await waitReady(page);
    expect((await status(page)).text).toContain('neighbourhood of Grand Corridor');
    expect(urlParam(page, 'focus')).toBe('corridor');
    await page.goBack();
    await page.waitForFunction(() => document.body.dataset.focus === 'north-front');
    await waitReady(page);
  });

  it('opens the evidence panel on a node click, with facts, relations and citations', async () => {
    await selectNode(page, 'north-front');
    const panel = page.locator('#panel .entity-panel');
    await panel.waitFor();
    expect(await panel.locator('.entity-name').textContent()).toBe('Northern Front');
    expect(await panel.locator('header .badge').textContent()).toBe('Militant group');
    expect(await panel.locator('.aliases').textContent()).toContain('Front of the North');
    expect(await panel.locator('.facts').textContent()).toMatch(
      /fighters: 1200.*Source Alpha — Alpha Press, 2023-05, ¶7/,
    );
    const opposes = panel.locator('.relation-group[data-type="opposes"]');
    expect(await opposes.textContent()).toMatch(/Westland.*Source Alpha — Alpha Press, 2023-05, ¶1/);
    const supports = panel.locator('.relation-group[data-type="supports"] .relation');
    expect(await supports.count()).toBe(2);
    expect(await supports.locator('.status').allTextContents()).toEqual(expect.arrayContaining(['alleged', 'denied']));
    expect(urlParam(page, 'sel')).toBe('north-front');
    await shot('entity-panel');
  });

  it('shows an allegation and its denial side by side on an edge click', async () => {
    await clickEdgeBetween(page, 'eastland', 'north-front');
    const claims = page.locator('#panel .claims-panel .claim');
    await claims.first().waitFor();
    expect(await claims.count()).toBe(2);
    const alleged = page.locator('.claim[data-status="alleged"]');
    const denied = page.locator('.claim[data-status="denied"]');
    expect(await alleged.locator('.asserted').textContent()).toContain('Westland');
    expect(await alleged.textContent()).toMatch(
      /Eastland supports Northern Front.*Source Beta — Beta Institute, 2024-09, ¶3/,
    );
    expect(await denied.locator('.asserted').textContent()).toContain('Eastland');
    expect(await denied.textContent()).toContain('¶4');
    const [a, d] = [await alleged.boundingBox(), await denied.boundingBox()];
    expect(Math.abs(a!.y - d!.y)).toBeLessThan(5); // next to each other, not stacked
    await shot('claims');
  });

  it('filters through the legend and says what is filtered out', async () => {
    const before = await status(page);
    await page.locator('#legend input[data-group="kind"][value="State"]').uncheck();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('filtered out'));
    const after = await status(page);
    expect(after.nodes).toBe(before.nodes - 2);
    expect(after.edges).toBeLessThan(before.edges);
    expect(after.text).toContain('filtered out by the legend: 2 nodes');
    expect(urlParam(page, 'hideKinds')).toBe('State');
    await shot('legend-filter');
    await page.locator('#legend input[data-group="kind"][value="State"]').check();
    await page.waitForFunction(() => !document.querySelector('#status')?.textContent?.includes('filtered out'));
    expect((await status(page)).nodes).toBe(before.nodes);
  });

  it('expands a node, asks first on a busy one, and undoes', async () => {
    const before = await status(page);
    await selectNode(page, 'markup');
    await page.locator('#panel button[data-action="expand"]').click();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('1 expanded'));
    await waitReady(page);
    expect((await status(page)).nodes).toBe(before.nodes + 1); // the hub
    expect(urlParam(page, 'expand')).toBe('markup');

    await selectNode(page, 'hub');
    await page.locator('#panel .entity-panel[data-entity="hub"] button[data-action="expand"]').click();
    const chooser = page.locator('.expand-chooser');
    await chooser.waitFor();
    expect(await chooser.textContent()).toMatch(/20 neighbours not on screen/);
    expect(await chooser.textContent()).toMatch(/Operates in\s*20/);
    await shot('expand-chooser');
    await chooser.locator('input[value="operates-in"]').check();
    await chooser.locator('button[data-action="expand-chosen"]').click();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('2 expanded'));
    await waitReady(page);
    expect((await status(page)).nodes).toBe(before.nodes + 21);
    expect(urlParam(page, 'expand')).toBe('markup,hub:operates-in');
    await shot('expanded');

    await page.locator('#undo').click();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('1 expanded'));
    expect((await status(page)).nodes).toBe(before.nodes + 1);
    await page.locator('#undo').click();
    // Wait for a settled status line: between states it may read "loading…", which also lacks "expanded".
    await page.waitForFunction(() => {
      const text = document.querySelector('#status')?.textContent ?? '';
      return /^\d+ nodes/.test(text) && !text.includes('expanded');
    });
    await waitReady(page);
    expect((await status(page)).nodes).toBe(before.nodes);
    expect(await page.isDisabled('#undo')).toBe(true);
    await waitReady(page);
  });

  it('finds the shortest paths and lists each hop with its citation', async () => {
    await page.locator('[data-tab="paths"]').click();
    const pick = async (selector: string, text: string, id: string) => {
      await page.fill(selector, text);
      await page.waitForSelector(`${selector}-results li[data-id="${id}"]`);
      await page.keyboard.press('Enter');
    };
    await pick('#path-from', 'eastl', 'eastland');
    await pick('#path-to', 'shield', 'op-shield');
    await page.selectOption('#path-max-hops', '3');
    await page.click('#path-go');
    const paths = page.locator('.path-results .path');
    await paths.first().waitFor();
    expect(await paths.count()).toBe(3);
    const first = paths.first();
    expect(await first.locator('h3').textContent()).toContain('2 hops');
    const hops = await first.locator('.hop').allTextContents();
    expect(hops[0]).toMatch(/Eastland supports Northern Front.*Source Beta — Beta Institute, 2024-09, ¶[34]/);
    expect(hops[1]).toMatch(/Operation Shield targets Northern Front.*¶5/);
    // The allegation and its denial are one hop, not two paths: both listed there, the
    // disagreement said first (issue 16).
    const contested = first.locator('.hop').first();
    expect(await contested.getAttribute('data-claims')).toBe('2');
    expect(await contested.locator('.hop-note').textContent()).toBe('Sources disagree: 2 claims');
    expect(await contested.locator('.claim .sentence').allTextContents()).toEqual([
      'Eastland supports Northern Front [alleged by Westland]',
      'Eastland supports Northern Front [denied by Eastland]',
    ]);
    expect(
      await contested.locator('.citation').evaluateAll((els) => els.map((e) => e.getAttribute('data-paragraph'))),
    ).toEqual(['3', '4']);
    await waitReady(page);
    expect((await status(page)).text).toContain('3 paths highlighted');
    expect(urlParam(page, 'from')).toBe('eastland');
    expect(urlParam(page, 'to')).toBe('op-shield');
    expect(urlParam(page, 'tab')).toBe('paths');
    await shot('paths');

    await page.selectOption('#path-avoid-types', ['supports']);
    await page.click('#path-go');
    await page.waitForFunction(() => document.querySelector('.path-results .path h3')?.textContent?.includes('3 hops'));
    expect(await page.locator('.path-results').textContent()).not.toContain('Eastland supports');
    await waitReady(page);
  });

  it('moves through time: the as-of slider drops what had not happened yet', async () => {
    await page.locator('[data-tab="explore"]').click();
    const before = await status(page);
    await page.locator('#asOf-on').check();
    await waitReady(page);
    // Drag the slider back to January 2023 and release.
    await page.locator('#asOf-range').evaluate((el: HTMLInputElement) => {
      el.value = String(2023 * 12);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('as of 2023-01'));
    await waitReady(page);
    const after = await status(page);
    expect(after.nodes).toBeLessThan(before.nodes);
    expect(await page.locator('#legend input[value="Operation"]').count()).toBe(0);
    expect(await page.textContent('#asOf-value')).toBe('2023-01');
    expect(urlParam(page, 'asOf')).toBe('2023-01');
    await shot('as-of');
  });

  it('restores the same view on reload and walks back and forward', async () => {
    const before = await status(page);
    const url = page.url();
    await page.reload();
    await waitReady(page);
    expect(page.url()).toBe(url);
    expect((await status(page)).text).toBe(before.text);
    expect(await page.isChecked('#asOf-on')).toBe(true);
    expect((await status(page)).text).toContain('paths highlighted');
    await page.goBack();
    await page.waitForFunction(() => !document.querySelector('#status')?.textContent?.includes('as of 2023-01'));
    await waitReady(page);
    expect(urlParam(page, 'asOf')).not.toBe('2023-01'); // the step before: the box ticked, slider at its end
    expect((await status(page)).nodes).toBeGreaterThan(before.nodes);
    await page.goForward();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('as of 2023-01'));
    await waitReady(page);
    expect((await status(page)).text).toBe(before.text);
  });

  it('shows a name made of markup as text everywhere', async () => {
    await page.goto(`${server.url}/?focus=markup&sel=markup`);
    await waitReady(page);
    await page.locator('#panel .entity-panel').waitFor();
    expect(await page.textContent('#panel .entity-name')).toBe(MARKUP_NAME);
    expect(await page.textContent('#panel .description')).toContain('<script>markup</script>');
    expect(await page.locator('#panel b, #panel img, #panel script').count()).toBe(0);
    expect((await status(page)).text).toContain(`neighbourhood of ${MARKUP_NAME}`);
    await page.keyboard.press('/');
    await page.keyboard.type('brigade');
    await page.waitForSelector('#search-results li[data-id="markup"]');
    expect(await page.textContent('#search-results li[data-id="markup"] .name')).toBe(MARKUP_NAME);
    expect(await page.locator('#search-results b, #search-results img').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/?focus=markup&tab=paths&from=markup&to=westland`);
    await waitReady(page);
    await page.locator('.path-results .hop').first().waitFor();
    expect(await page.locator('.path-results').textContent()).toContain(`${MARKUP_NAME} is allied with Northern Front`);
    expect(await page.locator('.path-results b, .path-results img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await shot('markup-name');
  });

  it('exports the view as a PNG with drawn pixels, and as GEXF, GraphML and JSON', async () => {
    await page.goto(`${server.url}/?focus=north-front`);
    await waitReady(page);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="png"]')]);
    expect(png.suggestedFilename()).toBe('ct-graph-north-front.png');
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const drawn = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.width, img.height];
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 240 || d[i + 1]! < 240 || d[i + 2]! < 240) n++;
      return n;
    }, bytes.toString('base64'));
    expect(drawn).toBeGreaterThan(500);

    const s = await status(page);
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="json"]')]);
    const graph = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(graph.nodes).toHaveLength(s.nodes);
    expect(graph.edges).toHaveLength(s.edges);
    expect(graph.nodes.find((n: { key: string }) => n.key === 'north-front').attributes.name).toBe('Northern Front');
    const [gexf] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="gexf"]')]);
    const gexfText = readFileSync((await gexf.path())!, 'utf8');
    expect(gexfText).toContain('<gexf');
    expect(gexfText.match(/<node /g)).toHaveLength(s.nodes);
    const [graphml] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="graphml"]')]);
    const graphmlText = readFileSync((await graphml.path())!, 'utf8');
    expect(graphmlText.match(/<node /g)).toHaveLength(s.nodes);
    expect(graphmlText.match(/<edge /g)).toHaveLength(s.edges);
  });

  it('draws the graph again after a visit to the Cypher tab', async () => {
    await page.click('[data-tab="cypher"]');
    await page.locator('#cypher-input').waitFor();
    expect(await page.isHidden('#graph')).toBe(true);
    await page.click('[data-tab="explore"]');
    await page.waitForFunction(
      () => ((document.querySelector('#graph canvas') as HTMLCanvasElement | null)?.clientWidth ?? 0) > 100,
    );
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
    expect(await paintedPixels(page, '#graph')).toBeGreaterThan(500);
    expect(urlParam(page, 'tab')).toBeNull();
  });

  it('logged no console errors and no CSP violations', async () => {
    expect(consoleErrors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  });
});
