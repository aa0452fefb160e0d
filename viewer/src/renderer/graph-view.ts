import Sigma from 'sigma';
import { drawDiscNodeLabel, EdgeArrowProgram, EdgeRectangleProgram } from 'sigma/rendering';
import EdgeCurveProgram, { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';
import { makeEdgeReducer, makeNodeReducer, type Emphasis } from '../appearance/reducers';
import type Graph from 'graphology';
import type { DisplayGraph } from '../graph/display-graph';
import { haloOf } from '../layout/readable-layout';
import { placeLabels, LABEL_GAP, type Circle, type LabelCandidate, type PlacedLabel } from './label-placement';

export interface GraphViewEvents {
  clickNode(node: string): void;
  clickEdge(edge: string): void;
  clickStage(): void;
  hover(node: string | undefined): void;
  /** The pointer entered a line (undefined: it left). */
  hoverEdge?(edge: string | undefined): void;
  /** The graph area changed size (window resized, or shown again after a hidden tab). */
  resized?(): void;
}

const LABEL_SIZE = 13;
const LABEL_FONT = 'system-ui, sans-serif';
/** A label's box height: the text and a little air above and below. */
const LABEL_HEIGHT = LABEL_SIZE + 4;

type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & {
  key: string;
  focus?: boolean;
  labelPriority?: number;
};

/**
 * One sigma renderer over a display graph, with the viewer's reducers and settings. Labels are
 * placed by label-placement.ts on every frame (no label on another or on a node, at every zoom);
 * the focus wears a halo and the selection a ring (drawn under the nodes). Every subscription
 * made here is undone by kill().
 */
export class GraphView {
  readonly sigma: Sigma;
  private readonly cleanups: (() => void)[] = [];
  private killed = false;
  private readonly measure: CanvasRenderingContext2D | null = document.createElement('canvas').getContext('2d');
  private readonly widths = new Map<string, number>();
  /** The labels of the frame being drawn, by node; recomputed at the first label of each frame. */
  private placement: Map<string, PlacedLabel> | null = null;
  /** The label boxes actually drawn in the last frame (the tests read them). */
  renderedLabels: PlacedLabel[] = [];

  constructor(
    readonly graph: DisplayGraph,
    container: HTMLElement,
    private readonly emphasis: () => Emphasis,
    events: GraphViewEvents,
  ) {
    // Sigma is used untyped: its program classes are typed for plain attributes.
    this.sigma = new Sigma(graph as unknown as Graph, container, {
      defaultEdgeType: 'arrow',
      edgeProgramClasses: {
        arrow: EdgeArrowProgram,
        line: EdgeRectangleProgram,
        curvedArrow: EdgeCurvedArrowProgram,
        curve: EdgeCurveProgram,
      },
      enableEdgeEvents: true,
      renderEdgeLabels: false,
      labelFont: LABEL_FONT,
      labelSize: LABEL_SIZE,
      // Every node is a label candidate (the reducer forces them all); placement picks.
      defaultDrawNodeLabel: (ctx, data, settings) => this.drawLabel(ctx, data as LabelData, settings),
      zIndex: true,
      // The layout is made in area pixels and mapped one to one (see fitToArea).
      stagePadding: 0,
      // Nodes shrink with the picture when zooming out and keep their size when zooming in:
      // two nodes apart at the start stay apart at every zoom.
      zoomToSizeRatioFunction: (ratio: number) => Math.max(1, ratio),
      minCameraRatio: 0.05,
      maxCameraRatio: 10,
      allowInvalidContainer: true,
      nodeReducer: makeNodeReducer(graph, emphasis),
      edgeReducer: makeEdgeReducer(graph, emphasis),
    });
    const s = this.sigma;
    // Sigma's types leave out the layer options its code takes.
    (s.createCanvasContext as (id: string, o: { beforeLayer: string }) => Sigma)('rings', { beforeLayer: 'nodes' });
    s.resize(true);
    const on = <E extends Parameters<typeof s.on>[0]>(event: E, fn: Parameters<typeof s.on<E>>[1]) => {
      s.on(event, fn);
      this.cleanups.push(() => s.off(event, fn));
    };
    on('beforeRender', () => {
      this.placement = null;
      this.renderedLabels = [];
    });
    on('afterRender', () => this.drawRings());
    on('clickNode', ({ node }) => events.clickNode(node));
    on('clickEdge', ({ edge }) => events.clickEdge(edge));
    on('clickStage', () => events.clickStage());
    on('enterNode', ({ node }) => {
      container.classList.add('pointing');
      events.hover(node);
    });
    on('leaveNode', () => {
      container.classList.remove('pointing');
      events.hover(undefined);
    });
    on('resize', () => events.resized?.());
    on('enterEdge', ({ edge }) => {
      container.classList.add('pointing');
      events.hoverEdge?.(edge);
    });
    on('leaveEdge', () => {
      container.classList.remove('pointing');
      events.hoverEdge?.(undefined);
    });
  }

  resize(): void {
    if (!this.killed) this.sigma.resize();
    this.refresh();
  }

  refresh(): void {
    if (!this.killed) this.sigma.refresh({ skipIndexation: false });
  }

  /** The graph area in pixels: the layout is made to its measure. */
  area(): { width: number; height: number } {
    return this.sigma.getDimensions();
  }

  /** Maps layout coordinates [0, width] x [0, height] onto the area one to one. */
  fitToArea(area: { width: number; height: number }): void {
    if (this.killed) return;
    this.sigma.setCustomBBox({ x: [0, area.width], y: [0, area.height] });
    this.refresh();
  }

  /** Centres the camera on a node (or resets it to the whole picture). */
  focusOn(node?: string): void {
    if (this.killed) return;
    const camera = this.sigma.getCamera();
    if (!node || !this.graph.hasNode(node)) {
      void camera.animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 300 });
      return;
    }
    const pos = this.sigma.getNodeDisplayData(node);
    if (pos) void camera.animate({ x: pos.x, y: pos.y, ratio: Math.min(camera.ratio, 0.8) }, { duration: 400 });
  }

  private font(bold: boolean): string {
    return `${bold ? 600 : 400} ${LABEL_SIZE}px ${LABEL_FONT}`;
  }

  private textWidth(text: string, bold: boolean): number {
    const key = `${bold ? 'b' : 'n'}${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      if (this.measure) this.measure.font = this.font(bold);
      w = this.measure ? this.measure.measureText(text).width : text.length * LABEL_SIZE * 0.6;
      this.widths.set(key, w);
    }
    return w;
  }

  /** Where each drawn node is on screen now, and which labels go where. */
  private place(): Map<string, PlacedLabel> {
    const s = this.sigma;
    const { width, height } = s.getDimensions();
    const selected = this.emphasis().selectedNode;
    const circles: Circle[] = [];
    const candidates: (LabelCandidate & { priority: number })[] = [];
    for (const node of this.graph.nodes()) {
      const d = s.getNodeDisplayData(node) as
        (NodeDisplayData & { focus?: boolean; labelPriority?: number }) | undefined;
      if (!d || d.hidden) continue;
      const p = s.framedGraphToViewport(d);
      const radius = s.scaleSize(d.size);
      // Off screen: neither an obstacle nor a label (a zoomed-in view of a big graph skips most).
      if (p.x < -radius || p.y < -radius || p.x > width + radius || p.y > height + radius) continue;
      circles.push({ node, x: p.x, y: p.y, radius });
      if (!d.label) continue;
      const forced = d.focus === true || node === selected;
      candidates.push({
        node,
        x: p.x,
        y: p.y,
        radius: d.focus ? haloOf(radius) - LABEL_GAP : radius,
        width: this.textWidth(d.label, d.focus === true),
        forced,
        priority: (forced ? 1e6 : 0) + (d.labelPriority ?? 0) * 1e3 + radius,
      });
    }
    candidates.sort((a, b) => b.priority - a.priority || (a.node < b.node ? -1 : 1));
    return new Map(placeLabels(candidates, circles, { width, height }, LABEL_HEIGHT).map((l) => [l.node, l]));
  }

  private drawLabel(ctx: CanvasRenderingContext2D, data: LabelData, settings: Settings): void {
    if (!data.label) return;
    // Sigma draws a first frame inside its constructor, before `sigma` is set here: the refresh
    // that follows places the labels.
    if (!(this.sigma as Sigma | undefined)) return;
    // Settings copied into another renderer (the benchmark's bare sigma) draw sigma's way there.
    if (!this.graph.hasNode(data.key)) return drawDiscNodeLabel(ctx, data, settings);
    this.placement ??= this.place();
    const box = this.placement.get(data.key);
    if (!box) return;
    this.renderedLabels.push(box);
    const bold = data.focus === true;
    ctx.font = this.font(bold);
    const align = box.side.endsWith('right') ? 'left' : box.side.endsWith('left') ? 'right' : 'center';
    ctx.textAlign = align;
    const x = align === 'left' ? box.left + 1 : align === 'right' ? box.right - 1 : (box.left + box.right) / 2;
    const y = (box.top + box.bottom) / 2 + LABEL_SIZE / 3;
    if (box.leader) {
      // From the node's edge to the nearest point of the label's box.
      const tx = Math.max(box.left, Math.min(data.x, box.right));
      const ty = Math.max(box.top, Math.min(data.y, box.bottom));
      const d = Math.hypot(tx - data.x, ty - data.y) || 1;
      ctx.beginPath();
      ctx.moveTo(data.x + ((tx - data.x) / d) * data.size, data.y + ((ty - data.y) / d) * data.size);
      ctx.lineTo(tx, ty);
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#555';
      ctx.stroke();
    }
    // A white edge round the letters keeps them readable where a line passes under.
    ctx.lineJoin = 'round';
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.strokeText(data.label, x, y);
    ctx.fillStyle = settings.labelColor.color ?? '#000';
    ctx.fillText(data.label, x, y);
    ctx.textAlign = 'left';
  }

  /** The focus's halo and ring, and the selection's ring, under the nodes. */
  private drawRings(): void {
    const s = this.sigma;
    const ctx = (s as unknown as { canvasContexts: Record<string, CanvasRenderingContext2D> }).canvasContexts.rings;
    if (!ctx) return;
    const { width, height } = s.getDimensions();
    ctx.clearRect(0, 0, width, height);
    const scale = s.scaleSize(1);
    const selected = this.emphasis().selectedNode;
    for (const node of this.graph.nodes()) {
      const isFocus = this.graph.getNodeAttribute(node, 'focus') === true;
      if (!isFocus && node !== selected) continue;
      const d = s.getNodeDisplayData(node);
      if (!d || d.hidden) continue;
      const p = s.framedGraphToViewport(d);
      const r = s.scaleSize(d.size);
      if (isFocus) {
        ctx.beginPath();
        ctx.arc(p.x, p.y, r + (haloOf(d.size) - d.size) * scale, 0, 2 * Math.PI);
        ctx.fillStyle = 'rgba(255, 196, 0, 0.35)';
        ctx.fill();
      }
      ctx.beginPath();
      ctx.arc(p.x, p.y, r + 3.5 * scale, 0, 2 * Math.PI);
      ctx.lineWidth = isFocus ? 3 : 2;
      ctx.strokeStyle = '#1a1a1a';
      ctx.stroke();
    }
  }

  /** Viewport coordinates of a node, for tests that click it like a user. */
  viewportPosition(node: string): { x: number; y: number } | null {
    const d = this.sigma.getNodeDisplayData(node);
    return d ? this.sigma.framedGraphToViewport(d) : null;
  }

  /** Every drawn node as a circle on screen (the tests check no two overlap). */
  nodeCircles(): Circle[] {
    const s = this.sigma;
    return this.graph.nodes().flatMap((node) => {
      const d = s.getNodeDisplayData(node);
      if (!d || d.hidden) return [];
      const p = s.framedGraphToViewport(d);
      return [{ node, x: p.x, y: p.y, radius: s.scaleSize(d.size) }];
    });
  }

  kill(): void {
    if (this.killed) return;
    this.killed = true;
    for (const c of this.cleanups.splice(0)) c();
    this.sigma.kill();
  }
}
