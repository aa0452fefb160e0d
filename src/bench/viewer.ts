import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { progress, summarise } from './measure';

export interface ViewerSide {
  firstRenderMs: number;
  frameP50: number;
  frameP95: number;
}
export interface ViewerRun {
  nodes: number;
  edges: number;
  ours: ViewerSide;
  bare: ViewerSide;
  frameRatio: number;
  firstRenderRatio: number;
}
export interface ViewerFigures {
  unavailable?: string;
  /** Why a size is missing when the run stopped part-way (sizes before it are still reported). */
  error?: string;
  note?: string;
  runs: ViewerRun[];
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGE_DIR = path.join(REPO, 'bench', 'viewer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface PageSide {
  firstRenderMs: number;
  frames: number[];
}
interface PageResult {
  error?: string;
  n: number;
  edges: number;
  oursIs: string;
  ours: PageSide;
  bare: PageSide;
}

/**
 * Frames of pan and zoom per side and page load: enough for a p95 without minutes per size under
 * software WebGL, where a 20k-node frame can take a second on a busy machine.
 */
const framesFor = (n: number) => (n > 10_000 ? 12 : 30);
const PAGE_TIMEOUT_MS = 300_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Builds the benchmark page with Vite, serves it on loopback, and loads it in headless Chromium
 * (software WebGL) once with the viewer first and once with bare sigma first, per size.
 */
export async function measureViewer(sizes: number[]): Promise<ViewerFigures> {
  if (!existsSync(CHROMIUM)) return { unavailable: `no Chromium at ${CHROMIUM}`, runs: [] };
  progress('  building the benchmark page (Vite)');
  const { build } = await import('vite');
  await build({ configFile: path.join(PAGE_DIR, 'vite.config.ts'), logLevel: 'warn' });
  const app = express();
  app.use(express.static(path.join(PAGE_DIR, 'dist')));
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as import('node:net').AddressInfo).port;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      // As in tests/support/browser.ts ...
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
      // ... and frames as fast as they can be drawn, so frame time measures drawing, not vsync.
      '--disable-gpu-vsync', '--disable-frame-rate-limit',
    ],
  });
  const runs: ViewerRun[] = [];
  let oursIs = '';
  let error: string | undefined;
  try {
    for (const n of sizes) {
      const results: PageResult[] = [];
      for (const order of ['ours-first', 'bare-first']) {
        progress(`  ${n} nodes, ${order}`);
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        try {
          await page.goto(`http://127.0.0.1:${port}/?n=${n}&order=${order}&frames=${framesFor(n)}`);
          await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, undefined, { timeout: PAGE_TIMEOUT_MS, polling: 250 });
          const r = (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as PageResult;
          if (r.error) throw new Error(r.error);
          results.push(r);
          oursIs = r.oursIs;
        } finally {
          await page.close();
        }
      }
      const side = (pick: (r: PageResult) => PageSide): ViewerSide => {
        const frames = summarise(results.flatMap((r) => pick(r).frames));
        return { firstRenderMs: median(results.map((r) => pick(r).firstRenderMs)), frameP50: frames.p50, frameP95: frames.p95 };
      };
      const ours = side((r) => r.ours);
      const bare = side((r) => r.bare);
      runs.push({ nodes: n, edges: results[0]!.edges, ours, bare, frameRatio: ours.frameP50 / bare.frameP50, firstRenderRatio: ours.firstRenderMs / bare.firstRenderMs });
    }
  } catch (e) {
    error = `stopped at ${sizes[runs.length]} nodes: ${(e as Error).message.split('\n')[0]}`;
  } finally {
    await browser.close();
    server.close();
  }
  if (runs.length === 0) return { unavailable: error ?? 'no size ran', runs };
  return {
    runs,
    ...(error ? { error } : {}),
    note: `"Ours" is ${oursIs}. "Bare" is sigma ${'v3'} with the same settings and no reducers, drawing the same graph (edge programs set in the data). Chromium renders WebGL in software here (SwiftShader, --enable-unsafe-swiftshader): absolute frame times are far from what a laptop GPU gives; the ratio and the first-render times are the figures to read. Frame time is the interval between animation frames while the camera pans and zooms (vsync off), pooled over two page loads (viewer first, bare first); first render is the median of the two.`,
  };
}
