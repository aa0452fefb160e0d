import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

/**
 * Driving the viewer like a user. Node and edge positions come from the read-only test hook
 * `window.__kg` (see viewer/src/app.ts); clicks go through the mouse, assertions read the page.
 */
export interface StatusCounts {
  nodes: number;
  edges: number;
  text: string;
}

export async function status(page: Page): Promise<StatusCounts> {
  const text = (await page.textContent('#status')) ?? '';
  const m = /^(\d+) nodes · (\d+) edges/.exec(text);
  return { nodes: Number(m?.[1] ?? NaN), edges: Number(m?.[2] ?? NaN), text };
}

/** Waits until data is drawn, the layout worker has settled and the camera has stopped. */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const kg = (
        window as unknown as { __kg?: { sigma: { getCamera(): { isAnimated(): boolean } }; settled: boolean } }
      ).__kg;
      return document.body.dataset.ready === 'true' && kg?.settled === true && !kg.sigma.getCamera().isAnimated();
    },
    null,
    { timeout: 12_000 },
  );
  // One more frame so the canvases show the final positions.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
}

/**
 * Sigma reads two clicks within its double-click window (300 ms), wherever they land, as a
 * double click and zooms in; a user's separate clicks are further apart, and so are ours.
 */
const lastClick = new WeakMap<Page, number>();
async function clickAt(page: Page, x: number, y: number): Promise<void> {
  const wait = (lastClick.get(page) ?? 0) + 400 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
  await page.mouse.move(x, y);
  await page.mouse.click(x, y);
  lastClick.set(page, Date.now());
}

async function graphOffset(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('#graph').boundingBox();
  if (!box) throw new Error('graph container not visible');
  return { x: box.x, y: box.y };
}

export async function clickNode(page: Page, id: string): Promise<void> {
  const pos = await page.evaluate(
    (n) =>
      (window as unknown as { __kg: { nodePosition(n: string): { x: number; y: number } | null } }).__kg.nodePosition(
        n,
      ),
    id,
  );
  if (!pos) throw new Error(`node ${id} is not drawn`);
  const o = await graphOffset(page);
  await clickAt(page, o.x + pos.x, o.y + pos.y);
}

/**
 * Clicks an entity until the view selects it (up to three tries): on a loaded machine a click can
 * land while sigma is still drawing the last frame of a move. The URL is what the user shares, so
 * it is the check.
 */
export async function selectNode(page: Page, id: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await waitReady(page);
    await clickNode(page, id);
    const ok = await page
      .waitForFunction((n) => new URL(location.href).searchParams.get('sel') === n, id, { timeout: 2000 })
      .then(() => true)
      .catch(() => false);
    if (ok) return;
    if (attempt === 3) throw new Error(`clicking ${id} three times did not select it`);
  }
}

/**
 * Clicks the line between two entities, at the point along it farthest from every other drawn
 * node and line, so that a crossing edge cannot take the click.
 */
export async function clickEdgeBetween(page: Page, a: string, b: string): Promise<void> {
  // Like selectNode: wait for a still picture, click, and try again (up to three times) when the
  // click landed during a redraw on a loaded machine. The claims panel is what the user sees.
  for (let attempt = 1; ; attempt++) {
    await waitReady(page);
    await clickEdgeOnce(page, a, b);
    const ok = await page
      .locator('#panel .claims-panel .claim')
      .first()
      .waitFor({ timeout: 2000 })
      .then(() => true)
      .catch(() => false);
    if (ok) return;
    if (attempt === 3) {
      await page.screenshot({ path: `test-artifacts/failed-edge-click-${a}-${b}.png` }).catch(() => {});
      throw new Error(`clicking the line between ${a} and ${b} three times did not open its claims`);
    }
  }
}

async function clickEdgeOnce(page: Page, a: string, b: string): Promise<void> {
  type P = { x: number; y: number };
  // Geometry is read from the page and worked out here (functions passed to evaluate stay trivial).
  const scene = await page.evaluate(
    ([from, to]) => {
      const kg = (
        window as unknown as {
          __kg: {
            edgesBetween(a: string, b: string): string[];
            nodePosition(n: string): P | null;
            nodes(): string[];
            sigma: { getGraph(): { edges(): string[]; extremities(e: string): [string, string] } };
          };
        }
      ).__kg;
      const graph = kg.sigma.getGraph();
      return {
        mine: kg.edgesBetween(from!, to!),
        positions: Object.fromEntries(kg.nodes().map((n) => [n, kg.nodePosition(n)])) as Record<string, P>,
        edges: graph.edges().map((e) => [e, ...graph.extremities(e)] as [string, string, string]),
      };
    },
    [a, b],
  );
  const [p1, p2] = [scene.positions[a], scene.positions[b]];
  if (scene.mine.length === 0 || !p1 || !p2) throw new Error(`no drawn edge between ${a} and ${b}`);
  const mine = new Set(scene.mine);
  const segments = scene.edges
    .filter(([e]) => !mine.has(e))
    .map(([, s, t]) => [scene.positions[s]!, scene.positions[t]!] as const);
  const points = Object.values(scene.positions);
  const distToSegment = (p: P, s: P, t: P) => {
    const [dx, dy] = [t.x - s.x, t.y - s.y];
    const len = dx * dx + dy * dy || 1;
    const u = Math.max(0, Math.min(1, ((p.x - s.x) * dx + (p.y - s.y) * dy) / len));
    return Math.hypot(p.x - (s.x + u * dx), p.y - (s.y + u * dy));
  };
  // Candidate points along the line, clearest first; each also a pixel or two either side of it.
  const length = Math.hypot(p2.x - p1.x, p2.y - p1.y) || 1;
  const normal = { x: -(p2.y - p1.y) / length, y: (p2.x - p1.x) / length };
  const candidates: { p: P; clearance: number }[] = [];
  for (let u = 0.2; u <= 0.8; u += 0.05) {
    const p = { x: p1.x + u * (p2.x - p1.x), y: p1.y + u * (p2.y - p1.y) };
    const clearance = Math.min(
      ...segments.map(([s, t]) => distToSegment(p, s, t)),
      ...points.map((q) => Math.hypot(p.x - q.x, p.y - q.y) - 20),
    );
    candidates.push({ p, clearance });
  }
  candidates.sort((x, y) => y.clearance - x.clearance);
  const o = await graphOffset(page);
  // Like a person, point until the line lights up (sigma's enterEdge: its own hit test on the
  // drawn line), then click there. A thin line is easy to miss by a pixel.
  await page.evaluate(() => {
    const w = window as unknown as {
      __hoverEdge?: string | null;
      __hoverSigma?: unknown;
      __kg: { sigma: { on(e: string, f: (p: { edge: string }) => void): void } };
    };
    if (w.__hoverSigma === w.__kg.sigma) return; // listening already (a new view gets new listeners)
    w.__hoverSigma = w.__kg.sigma;
    w.__hoverEdge = null;
    w.__kg.sigma.on('enterEdge', ({ edge }) => (w.__hoverEdge = edge));
    w.__kg.sigma.on('leaveEdge', () => (w.__hoverEdge = null));
  });
  for (const { p } of candidates.slice(0, 6)) {
    for (const shift of [0, 1, -1, 2, -2]) {
      const x = o.x + p.x + shift * normal.x;
      const y = o.y + p.y + shift * normal.y;
      await page.mouse.move(x, y);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      const hovered = await page.evaluate(
        () => (window as unknown as { __hoverEdge?: string | null }).__hoverEdge ?? null,
      );
      if (hovered && mine.has(hovered)) return clickAt(page, x, y);
    }
  }
  const best = candidates[0]!.p;
  await clickAt(page, o.x + best.x, o.y + best.y);
}

export function urlParam(page: Page, name: string): string | null {
  return new URL(page.url()).searchParams.get(name);
}

/** Collects CSP violations from the start of every document the page loads. */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
}

/**
 * A 1280x800 page that records console errors, uncaught page errors and CSP violations into
 * `errors`, so every suite can end by asserting that a user saw none.
 */
export async function watchedPage(
  browser: Browser,
  errors: string[],
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, ...options });
  page.setDefaultTimeout(10_000);
  await recordCspViolations(page);
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}
