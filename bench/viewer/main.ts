/// <reference types="vite/client" />
import type Graph from 'graphology';
import Sigma from 'sigma';
import { benchGraph } from './graph';

/**
 * Draws one generated graph twice in this page, with the viewer's renderer ("ours") and with bare
 * sigma under the same settings, and times the first render and the frames of a scripted
 * pan-and-zoom. "Ours" is the viewer's GraphView (viewer/src/renderer) when this checkout has it,
 * otherwise the renderer set-up of the viewer shell (viewer/src/main.ts), which says which in the
 * result. Results land in window.__bench for the harness (src/bench/viewer.ts); what has been
 * measured so far is in window.__benchProgress, so a harness that gives up can say how far it got.
 */
interface Side {
  /** Per first render: the synchronous part (building the renderer, indexing, filling buffers). */
  setupMs: number[];
  /** Per first render: set-up plus the wait until that frame is drawn (rasterised, composited). */
  firstRenderMs: number[];
  frames: number[];
}
interface Renderer {
  sigma: Sigma;
  kill(): void;
}

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 1000);
const order = params.get('order') === 'bare-first' ? ['bare', 'ours'] : ['ours', 'bare'];
const FRAMES = Number(params.get('frames') ?? 90);
/**
 * Frames stop after this much time per side once a few are in: under software WebGL one frame of
 * 100k edges takes seconds, and a fixed count made a 20k-node page outlast the harness.
 */
const FRAME_BUDGET_MS = Number(params.get('frameBudgetMs') ?? 60_000);
const MIN_FRAMES = 3;
/** First renders per side in this page load, alternating sides, the last one going on to frames. */
const REPS = Math.max(1, Number(params.get('reps') ?? 1));
/** Side by side: in the last round both renderers stay up and take frames in turn. */
const containers = [document.getElementById('graph')!, document.getElementById('graph-b')!] as const;
const progress: Record<string, Side> = {};
(window as unknown as { __benchProgress: unknown }).__benchProgress = progress;

const graphViewModules = import.meta.glob('../../viewer/src/renderer/graph-view.ts');
const reducerModules = import.meta.glob('../../viewer/src/appearance/reducers.ts');

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Creates a renderer and times it until its first frame is on screen. */
async function firstRender(side: Side, create: () => Renderer): Promise<Renderer> {
  const t0 = performance.now();
  const r = create();
  side.setupMs.push(performance.now() - t0);
  await nextFrame();
  await nextFrame();
  side.firstRenderMs.push(performance.now() - t0);
  return r;
}

/**
 * Pans and zooms both renderers in turn, one camera step at a time, timing each step until it is
 * drawn (two animation frames, as for the first render). Taking turns step by step means both
 * see the same load on a shared machine; stops at FRAMES steps or the time budget.
 */
async function panAndZoom(sides: [Side, Renderer][]): Promise<void> {
  const started = performance.now();
  for (let f = 0; f < FRAMES && (f < MIN_FRAMES || performance.now() - started < FRAME_BUDGET_MS * sides.length); f++) {
    const t = (f / FRAMES) * 2 * Math.PI;
    const state = { x: 0.5 + 0.25 * Math.cos(t), y: 0.5 + 0.25 * Math.sin(t), ratio: 0.5 + 0.4 * (1 + Math.sin(2 * t)) / 2, angle: 0 };
    // Who goes first alternates, so neither always follows the other's frame.
    for (const [side, r] of f % 2 ? [...sides].reverse() : sides) {
      const t0 = performance.now();
      r.sigma.getCamera().setState(state);
      await nextFrame();
      await nextFrame();
      side.frames.push(performance.now() - t0);
    }
  }
}

async function kill(r: Renderer): Promise<void> {
  r.kill();
  // Let the killed renderer's last frame and teardown finish before the next one is timed.
  await nextFrame();
  await nextFrame();
}

async function run(): Promise<void> {
  const graph = benchGraph(n);
  let ours: (el: HTMLElement) => Renderer;
  let bareSettings: Record<string, unknown>;
  let oursIs: string;
  const gvLoader = Object.values(graphViewModules)[0];
  const reducersLoader = Object.values(reducerModules)[0];
  if (gvLoader && reducersLoader) {
    const { GraphView } = (await gvLoader()) as { GraphView: new (...args: unknown[]) => Renderer };
    const { emptyEmphasis } = (await reducersLoader()) as { emptyEmphasis: () => unknown };
    const emphasis = emptyEmphasis();
    const events = { clickNode() {}, clickEdge() {}, clickStage() {}, hover() {} };
    ours = (el) => new GraphView(graph, el, () => emphasis, events);
    // The same settings, read from the viewer's own renderer, minus its reducers. The probe gets
    // an empty copy of the graph: drawing the whole graph here cost as much as a measured render,
    // and its drawing was still in flight when the first side was timed.
    const probe = new GraphView(graph.emptyCopy(), containers[0], () => emphasis, events);
    bareSettings = { ...probe.sigma.getSettings(), nodeReducer: null, edgeReducer: null };
    probe.kill();
    oursIs = 'the viewer renderer (viewer/src/renderer/graph-view.ts: GraphView with its reducers, settings and event wiring)';
  } else {
    // The shell's set-up, as in viewer/src/main.ts.
    const shellSettings = {
      defaultEdgeType: 'arrow',
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: 0,
      edgeReducer: (_edge: string, data: Record<string, unknown>) => ({ ...data, type: 'arrow' }),
    };
    ours = (el) => {
      const sigma = new Sigma(graph as unknown as Graph, el, shellSettings as never);
      return { sigma, kill: () => sigma.kill() };
    };
    bareSettings = { ...shellSettings, edgeReducer: null };
    oursIs = 'the viewer shell (viewer/src/main.ts set-up: arrow edges through an edge reducer, every label drawn); the full viewer was not in this checkout';
  }
  // Bare sigma reads the edge program from `type`, which the viewer sets in its reducer.
  const bareGraph = graph.copy();
  bareGraph.forEachEdge((e, a) => bareGraph.setEdgeAttribute(e, 'type' as never, (a.program ?? 'arrow') as never));
  const bare = (el: HTMLElement) => {
    const sigma = new Sigma(bareGraph as unknown as Graph, el, bareSettings as never);
    return { sigma, kill: () => sigma.kill() };
  };
  // Sides alternate, so both see the same mix of a warm or cold page and of the machine's load.
  for (const side of order) progress[side] = { setupMs: [], firstRenderMs: [], frames: [] };
  // The last round keeps both up (the second's first render is timed with the first one idle on
  // screen, which the other page load's order evens out) for the frames.
  for (let rep = 0; rep < REPS; rep++) {
    const last = rep === REPS - 1;
    const up: [Side, Renderer][] = [];
    for (const [i, side] of order.entries()) {
      const r = await firstRender(progress[side]!, () => (side === 'ours' ? ours : bare)(containers[last && i === 1 ? 1 : 0]));
      if (last) up.push([progress[side]!, r]);
      else await kill(r);
    }
    if (last) {
      await panAndZoom(up);
      for (const [, r] of up) await kill(r);
    }
  }
  (window as unknown as { __bench: unknown }).__bench = { n, edges: graph.size, oursIs, ...progress };
}

run().catch((e: Error) => {
  (window as unknown as { __bench: unknown }).__bench = { error: e.message };
});
