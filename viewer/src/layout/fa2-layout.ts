import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { DisplayGraph } from '../graph/display-graph';

export interface LayoutOptions {
  /** Stop when the mean node move per check falls under this share of the graph's extent. */
  settleRatio: number;
  checkEveryMs: number;
  /** Hard stop, whatever the movement. */
  maxMs: number;
}

const DEFAULTS: LayoutOptions = { settleRatio: 0.002, checkEveryMs: 250, maxMs: 6000 };

/**
 * ForceAtlas2 in a web worker (graphology's supervisor), stopped when the layout has settled:
 * the page never runs the physics itself, and the fans stop once nothing moves. kill() is safe
 * twice.
 */
export class SettlingLayout {
  private supervisor: FA2Layout | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly options: LayoutOptions;
  private onSettled: (() => void) | null = null;
  settled = true;

  constructor(
    private readonly graph: DisplayGraph,
    options: Partial<LayoutOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** (Re)starts the layout; `done` runs once it settles or hits the time cap. */
  run(done?: () => void): void {
    this.stop();
    if (this.graph.order < 2) {
      this.settled = true;
      done?.();
      return;
    }
    this.onSettled = done ?? null;
    this.supervisor?.kill();
    this.supervisor = new FA2Layout(this.graph, {
      settings: {
        ...forceAtlas2.inferSettings(this.graph),
        adjustSizes: true,
        barnesHutOptimize: this.graph.order > 500,
      },
    });
    this.settled = false;
    this.supervisor.start();
    const started = performance.now();
    let last = this.snapshot();
    this.timer = setInterval(() => {
      const now = this.snapshot();
      const moved = meanMove(last, now);
      last = now;
      const extent = Math.max(1e-6, extentOf(now));
      if (moved / extent < this.options.settleRatio || performance.now() - started > this.options.maxMs) this.finish();
    }, this.options.checkEveryMs);
  }

  private snapshot(): Map<string, [number, number]> {
    const m = new Map<string, [number, number]>();
    this.graph.forEachNode((n, a) => m.set(n, [a.x, a.y]));
    return m;
  }

  private finish(): void {
    this.stop();
    this.settled = true;
    const cb = this.onSettled;
    this.onSettled = null;
    cb?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.supervisor?.stop();
  }

  kill(): void {
    this.stop();
    this.supervisor?.kill();
    this.supervisor = null;
    this.onSettled = null;
  }
}

function meanMove(a: Map<string, [number, number]>, b: Map<string, [number, number]>): number {
  let total = 0;
  let n = 0;
  for (const [k, [x, y]] of b) {
    const p = a.get(k);
    if (!p) continue;
    total += Math.hypot(x - p[0], y - p[1]);
    n++;
  }
  return n === 0 ? 0 : total / n;
}

function extentOf(m: Map<string, [number, number]>): number {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of m.values()) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return Math.max(maxX - minX, maxY - minY);
}
