/// <reference types="vite/client" />
import type Graph from 'graphology';
import Sigma from 'sigma';
import { benchGraph } from './graph';

/**
 * Draws one generated graph twice in this page, with the viewer's renderer ("ours") and with bare
 * sigma under the same settings, and times the first render and the frames of a scripted
 * pan-and-zoom. "Ours" is the viewer's GraphView (viewer/src/renderer) when this checkout has it,
 * otherwise the renderer set-up of the viewer shell (viewer/src/main.ts), which says which in the
 * result. Results land in window.__bench for the harness (src/bench/viewer.ts).
 */
interface Side {
  firstRenderMs: number;
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
const container = document.getElementById('graph')!;

const graphViewModules = import.meta.glob('../../viewer/src/renderer/graph-view.ts');
const reducerModules = import.meta.glob('../../viewer/src/appearance/reducers.ts');

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

async function measure(create: () => Renderer): Promise<Side> {
  const t0 = performance.now();
  const r = create();
  await nextFrame();
  await nextFrame();
  const firstRenderMs = performance.now() - t0;
  const camera = r.sigma.getCamera();
  const frames: number[] = [];
  let last = performance.now();
  for (let f = 0; f < FRAMES; f++) {
    const t = (f / FRAMES) * 2 * Math.PI;
    camera.setState({ x: 0.5 + 0.25 * Math.cos(t), y: 0.5 + 0.25 * Math.sin(t), ratio: 0.5 + 0.4 * (1 + Math.sin(2 * t)) / 2, angle: 0 });
    await nextFrame();
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  r.kill();
  return { firstRenderMs, frames };
}

async function run(): Promise<void> {
  const graph = benchGraph(n);
  let ours: () => Renderer;
  let bareSettings: Record<string, unknown>;
  let oursIs: string;
  const gvLoader = Object.values(graphViewModules)[0];
  const reducersLoader = Object.values(reducerModules)[0];
  if (gvLoader && reducersLoader) {
    const { GraphView } = (await gvLoader()) as { GraphView: new (...args: unknown[]) => Renderer };
    const { emptyEmphasis } = (await reducersLoader()) as { emptyEmphasis: () => unknown };
    const emphasis = emptyEmphasis();
    const events = { clickNode() {}, clickEdge() {}, clickStage() {}, hover() {} };
    ours = () => new GraphView(graph, container, () => emphasis, events);
    // The same settings, read from the viewer's own renderer, minus its reducers.
    const probe = ours();
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
    ours = () => {
      const sigma = new Sigma(graph as unknown as Graph, container, shellSettings as never);
      return { sigma, kill: () => sigma.kill() };
    };
    bareSettings = { ...shellSettings, edgeReducer: null };
    oursIs = 'the viewer shell (viewer/src/main.ts set-up: arrow edges through an edge reducer, every label drawn); the full viewer was not in this checkout';
  }
  // Bare sigma reads the edge program from `type`, which the viewer sets in its reducer.
  const bareGraph = graph.copy();
  bareGraph.forEachEdge((e, a) => bareGraph.setEdgeAttribute(e, 'type' as never, (a.program ?? 'arrow') as never));
  const bare = () => {
    const sigma = new Sigma(bareGraph as unknown as Graph, container, bareSettings as never);
    return { sigma, kill: () => sigma.kill() };
  };
  const result: Record<string, Side> = {};
  for (const side of order) result[side] = await measure(side === 'ours' ? ours : bare);
  (window as unknown as { __bench: unknown }).__bench = { n, edges: graph.size, oursIs, ...result };
}

run().catch((e: Error) => {
  (window as unknown as { __bench: unknown }).__bench = { error: e.message };
});
