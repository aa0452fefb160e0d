import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, SKIP_BROWSER } from '../support/browser';
import { startTestServer } from '../support/server';
import { waitReady } from './helpers';

interface LabelExtent {
  node: string;
  label: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The label boxes the renderer drew in its last frame (each on the side of its node that the
 * placement chose), as the page reports them. A string, so no test-runner helper leaks into the page.
 */
const EXTENTS = `window.__kg.labelBoxes().map((b) => ({ ...b, label: window.__kg.sigma.getGraph().getNodeAttribute(b.node, 'label') }))`;

/** Labels were cut at the right edge of the graph area ("Chinese natio", "US wi"): never again. */
describe.skipIf(SKIP_BROWSER)('viewer: labels stay inside the graph area', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const view of ['focus=ttp', 'focus=azm-i-istehkam', 'focus=ttp&depth=2']) {
    it(`fits every drawn label on screen (${view}), at first and after "Re-centre"`, async () => {
      await page.goto(`${server.url}/?${view}`);
      await waitReady(page);
      const check = async () => {
        const box = (await page.locator('#graph').boundingBox())!;
        const extents = (await page.evaluate(EXTENTS)) as LabelExtent[];
        expect(extents.length).toBeGreaterThan(5);
        const outside = extents.filter((e) => e.left < 0 || e.top < 0 || e.right > box.width || e.bottom > box.height);
        expect(
          outside.map((e) => `${e.label}: ${Math.round(e.left)}..${Math.round(e.right)} of ${Math.round(box.width)}`),
        ).toEqual([]);
      };
      await check();
      await page.mouse.move(5, 5);
      await page.click('#recentre');
      await page.waitForFunction(
        () =>
          !(window as unknown as { __kg: { sigma: { getCamera(): { isAnimated(): boolean } } } }).__kg.sigma
            .getCamera()
            .isAnimated(),
      );
      await check();
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, `labels-${view.replace(/[^a-z0-9]+/gi, '-')}.png`) });
    });
  }
});
