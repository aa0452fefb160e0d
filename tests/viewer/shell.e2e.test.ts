import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, paintedPixels, SKIP_BROWSER } from '../support/browser';
import { startTestServer } from '../support/server';

describe.skipIf(SKIP_BROWSER)('viewer in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("draws TTP's neighbourhood on first load, with a status line", async () => {
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.dataset.focus === 'ttp');
    const status = await page.textContent('#status');
    const [, nodes, edges] = /^(\d+) nodes · (\d+) edges/.exec(status ?? '') ?? [];
    expect(Number(nodes)).toBeGreaterThan(1);
    expect(Number(edges)).toBeGreaterThan(0);
    const painted = await paintedPixels(page, '#graph');
    expect(painted).toBeGreaterThan(100);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'shell-ttp.png') });
  });

  it('searches with the keyboard and draws the chosen entity', async () => {
    await page.keyboard.press('/');
    await page.keyboard.type('baloch liberation');
    await page.waitForSelector('#results li');
    expect(await page.textContent('#results li')).toMatch(/Balochistan Liberation Army/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.dataset.focus === 'bla');
    expect(await page.textContent('#status')).toMatch(/neighbourhood of Balochistan Liberation Army/);
    expect(new URL(page.url()).searchParams.get('focus')).toBe('bla');
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
