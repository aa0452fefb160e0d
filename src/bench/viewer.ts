import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { progress, summarise } from './measure';

export interface ViewerSide {
  firstRenderMs: number;
  /** The synchronous part of the first render (renderer set-up, indexing, buffer filling), median. */
  setupMs?: number;
  firstRenderSamples?: number;
  frameP50: number;
  frameP95: number;
  /** Frames measured, pooled over the page loads (the page stops at a time budget at large sizes). */
  frameSamples?: number;
}
export interface ViewerRun {
  nodes: number;
  edges: number;
  ours: ViewerSide;
  bare: ViewerSide;
  frameRatio: number;
  /** Median over camera steps of ours / bare for the same step (taken back to back): less swayed by load drift. */
  frameRatioPaired?: number;
  firstRenderRatio: number;
}
/** A size that did not finish: why, and the first renders that were measured before it stopped. */
export interface ViewerMiss {
  nodes: number;
  reason: string;
  oursFirstRenderMs?: number;
  bareFirstRenderMs?: number;
}
export interface ViewerFigures {
  unavailable?: string;
  /** Why a size is missing when the run stopped part-way (older results; see `missed`). */
  error?: string;
  /** Sizes that timed out or failed; the other sizes are still reported in `runs`. */
  missed?: ViewerMiss[];
  note?: string;
  runs: ViewerRun[];
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGE_DIR = path.join(REPO, 'bench', 'viewer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface PageSide {
  setupMs: number[];
  firstRenderMs: number[];
  frames: number[];
}
type PageProgress = Record<string, PageSide>;
interface PageResult {
  error?: string;
  n: number;
  edges: number;
  oursIs: string;
  ours: PageSide;
  bare: PageSide;
}

/**
 * Camera steps of pan and zoom per side and page load, and the time per side after which no more
 * are taken (at least three are): under software WebGL on a busy machine a 20k-node frame takes
 * several seconds, and a fixed count of 12 made that page outlast the harness.
 */
const framesFor = (n: number) => (n > 10_000 ? 12 : 30);
/** First renders per side and page load (two loads per size): the first render is noisy here. */
const repsFor = (n: number) => (n > 10_000 ? 2 : 3);
const FRAME_BUDGET_MS = 60_000;
/** Default limit on one page load (both sides); a size that exceeds it is reported as timed out. */
export const VIEWER_PAGE_TIMEOUT_S = 600;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** "ours: first render 18.0 s, 4 frames; bare: first render pending" from the page's progress. */
function describeProgress(progress: PageProgress | null): string {
  if (!progress) return 'the page, busy drawing, did not say how far it got';
  if (Object.keys(progress).length === 0) return 'before either side started';
  return Object.entries(progress)
    .map(([side, p]) => `${side}: ${p.firstRenderMs.length === 0 ? 'first render not finished' : `first render ${p.firstRenderMs.map(secs).join(', ')}, ${p.frames.length} frames`}`)
    .join('; ');
}

class PageTimeout extends Error {}

const CHROMIUM_ARGS = [
  // As in tests/support/browser.ts ...
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
  // ... and frames as fast as they can be drawn, so frame time measures drawing, not vsync.
  '--disable-gpu-vsync', '--disable-frame-rate-limit',
];

/**
 * Builds the benchmark page with Vite, serves it on loopback, and loads it in headless Chromium
 * (software WebGL) once with the viewer first and once with bare sigma first, per size. Each size
 * gets a fresh browser and `timeoutS` per page load; a size that runs over is reported as timed
 * out (with the first renders it got to) and the other sizes still run.
 */
export async function measureViewer(sizes: number[], options: { timeoutS?: number } = {}): Promise<ViewerFigures> {
  if (!existsSync(CHROMIUM)) return { unavailable: `no Chromium at ${CHROMIUM}`, runs: [] };
  const timeoutMs = (options.timeoutS ?? VIEWER_PAGE_TIMEOUT_S) * 1000;
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
  const runs: ViewerRun[] = [];
  const missed: ViewerMiss[] = [];
  let oursIs = '';
  try {
    for (const n of sizes) {
      const results: PageResult[] = [];
      const started = Date.now();
      // A fresh browser per size: a timed-out page may leave its GPU process busy for minutes.
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      try {
        for (const order of ['ours-first', 'bare-first']) {
          progress(`  ${n} nodes, ${order}`);
          const page = await browser.newPage({ viewport: { width: 2560, height: 800 } });
          try {
            await page.goto(`http://127.0.0.1:${port}/?n=${n}&order=${order}&frames=${framesFor(n)}&reps=${repsFor(n)}&frameBudgetMs=${FRAME_BUDGET_MS}`, { timeout: timeoutMs });
            await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, undefined, { timeout: timeoutMs, polling: 250 });
          } catch (e) {
            if ((e as Error).name !== 'TimeoutError') throw e;
            // The page may be stuck in a long frame: ask for its progress, but not for long.
            const seen = await Promise.race([
              page.evaluate(() => (window as unknown as { __benchProgress?: PageProgress }).__benchProgress ?? null).catch(() => null),
              new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000)),
            ]);
            throw new PageTimeout(`timed out after ${Math.round(timeoutMs / 1000)} s (${order}; ${describeProgress(seen)})`, { cause: seen });
          }
          const r = (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as PageResult;
          if (r.error) throw new Error(r.error);
          results.push(r);
          oursIs = r.oursIs;
          await page.close();
        }
        const side = (pick: (r: PageResult) => PageSide): ViewerSide => {
          const frames = summarise(results.flatMap((r) => pick(r).frames));
          return {
            firstRenderMs: median(results.flatMap((r) => pick(r).firstRenderMs)),
            setupMs: median(results.flatMap((r) => pick(r).setupMs)),
            firstRenderSamples: results.flatMap((r) => pick(r).firstRenderMs).length,
            frameP50: frames.p50,
            frameP95: frames.p95,
            frameSamples: frames.samples,
          };
        };
        const ours = side((r) => r.ours);
        const bare = side((r) => r.bare);
        const paired = results.flatMap((r) => r.ours.frames.flatMap((o, i) => (r.bare.frames[i] ? [o / r.bare.frames[i]!] : [])));
        runs.push({
          nodes: n,
          edges: results[0]!.edges,
          ours,
          bare,
          frameRatio: ours.frameP50 / bare.frameP50,
          ...(paired.length ? { frameRatioPaired: median(paired) } : {}),
          firstRenderRatio: ours.firstRenderMs / bare.firstRenderMs,
        });
        progress(`  ${n} nodes: first render ours ${secs(ours.firstRenderMs)}, bare ${secs(bare.firstRenderMs)}; frame p50 ratio ${(ours.frameP50 / bare.frameP50).toFixed(2)} (${secs(Date.now() - started)})`);
      } catch (e) {
        // First renders from a load that finished, or from the progress of the one that timed out.
        const seen = [...results.map((r) => ({ ours: r.ours, bare: r.bare }) as PageProgress), ...(e instanceof PageTimeout ? [e.cause as PageProgress | null] : [])];
        const firstOf = (side: string) => {
          const xs = seen.flatMap((p) => p?.[side]?.firstRenderMs ?? []);
          return xs.length ? median(xs) : undefined;
        };
        const miss: ViewerMiss = { nodes: n, reason: (e as Error).message.split('\n')[0]! };
        const o = firstOf('ours');
        const b = firstOf('bare');
        if (o !== undefined) miss.oursFirstRenderMs = o;
        if (b !== undefined) miss.bareFirstRenderMs = b;
        missed.push(miss);
        progress(`  ${n} nodes: ${miss.reason}`);
      } finally {
        await browser.close();
      }
    }
  } finally {
    server.close();
  }
  if (runs.length === 0 && missed.length === 0) return { unavailable: 'no size ran', runs };
  return {
    runs,
    ...(missed.length ? { missed } : {}),
    note: `"Ours" is ${oursIs || 'the viewer renderer'}. "Bare" is sigma ${'v3'} with the same settings and no reducers, drawing the same graph (edge programs set in the data). Chromium renders WebGL in software here (SwiftShader, --enable-unsafe-swiftshader): absolute frame times are far from what a laptop GPU gives; the ratio and the first-render times are the figures to read. First render is the time from creating the renderer until its first frame has been drawn (two animation frames), the median of ${repsFor(1)} renders per side in each of two page loads (${repsFor(20_000)} above 10k nodes), sides alternating, viewer first in one load and bare sigma first in the other; "set-up" is its synchronous part (indexing the graph, filling WebGL buffers), the rest is software rasterising and compositing. Frame time is the time from one camera step of a pan-and-zoom until it is drawn (two animation frames, vsync off), with both renderers side by side taking steps in turn so that both see the same load, pooled over both page loads; steps stop after ${FRAME_BUDGET_MS / 1000} s per side (at least three), so large sizes have fewer samples.`,
  };
}
