import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from './paths';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM_PATH);
/** CI installs Chromium and sets this, so a missing browser fails there instead of skipping. */
export const REQUIRE_BROWSER = process.env.KG_REQUIRE_BROWSER === '1';
export const SKIP_BROWSER = !HAVE_CHROMIUM && !REQUIRE_BROWSER;
if (SKIP_BROWSER) {
  console.warn(
    `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );
}

export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts');

/** Debian's Chromium, headless, with the flags this sandbox needs and software WebGL for sigma. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
    ],
  });
}

/**
 * Counts the pixels of an element's screenshot that differ from white: a real measure that
 * something was drawn, which works for WebGL canvases whose buffers cannot be read back.
 */
export async function paintedPixels(page: import('playwright-core').Page, selector: string): Promise<number> {
  const png = await page.locator(selector).screenshot();
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) count++;
    return count;
  }, png.toString('base64'));
}
