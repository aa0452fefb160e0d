import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeRectangleProgram } from 'sigma/rendering';
import { makeEdgeReducer, makeNodeReducer, type Emphasis } from '../appearance/reducers';
import type Graph from 'graphology';
import type { DisplayGraph } from '../graph/display-graph';
import { fitLabels, type LabelBox } from './label-fit';

export interface GraphViewEvents {
  clickNode(node: string): void;
  clickEdge(edge: string): void;
  clickStage(): void;
  hover(node: string | undefined): void;
}

/**
 * One sigma renderer over a display graph, with the viewer's reducers and settings. Every
 * subscription made here is undone by kill().
 */
export class GraphView {
  readonly sigma: Sigma;
  private readonly cleanups: (() => void)[] = [];
  private killed = false;
  private measure: CanvasRenderingContext2D | null = null;

  constructor(
    readonly graph: DisplayGraph,
    container: HTMLElement,
    emphasis: () => Emphasis,
    events: GraphViewEvents,
  ) {
    // Sigma is used untyped: its program classes are typed for plain attributes.
    this.sigma = new Sigma(graph as unknown as Graph, container, {
      defaultEdgeType: 'arrow',
      edgeProgramClasses: { arrow: EdgeArrowProgram, line: EdgeRectangleProgram },
      enableEdgeEvents: true,
      renderEdgeLabels: false,
      // The label grid keeps labels from colliding at every zoom; hubs win the free cells.
      labelDensity: 0.8,
      labelGridCellSize: 110,
      labelRenderedSizeThreshold: 7,
      labelFont: 'system-ui, sans-serif',
      labelSize: 13,
      zIndex: true,
      stagePadding: 50,
      minCameraRatio: 0.05,
      maxCameraRatio: 10,
      allowInvalidContainer: true,
      nodeReducer: makeNodeReducer(graph, emphasis),
      edgeReducer: makeEdgeReducer(graph, emphasis),
    });
    const s = this.sigma;
    const on = <E extends Parameters<typeof s.on>[0]>(event: E, fn: Parameters<typeof s.on<E>>[1]) => {
      s.on(event, fn);
      this.cleanups.push(() => s.off(event, fn));
    };
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
    on('enterEdge', () => container.classList.add('pointing'));
    on('leaveEdge', () => container.classList.remove('pointing'));
  }

  resize(): void {
    if (!this.killed) this.sigma.resize();
    this.refresh();
  }

  refresh(): void {
    if (!this.killed) this.sigma.refresh({ skipIndexation: false });
  }

  /** Centres the camera on a node (or resets it to fit everything). */
  focusOn(node?: string): void {
    if (this.killed) return;
    const camera = this.sigma.getCamera();
    if (!node || !this.graph.hasNode(node)) {
      void camera.animate(this.fittedCamera(), { duration: 300 });
      return;
    }
    const pos = this.sigma.getNodeDisplayData(node);
    if (pos) void camera.animate({ x: pos.x, y: pos.y, ratio: Math.min(camera.ratio, 0.8) }, { duration: 400 });
  }

  /**
   * The camera that shows every drawn node with its whole label: sigma's reset frames positions
   * only, and labels drawn to the right of nodes near the edge were cut off.
   */
  private fittedCamera(): { x: number; y: number; ratio: number; angle: number } {
    const reset = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
    const s = this.sigma;
    const { width, height } = s.getDimensions();
    const labelSize = s.getSetting('labelSize');
    const threshold = s.getSetting('labelRenderedSizeThreshold');
    this.measure ??= document.createElement('canvas').getContext('2d');
    if (this.measure) this.measure.font = `${s.getSetting('labelWeight')} ${labelSize}px ${s.getSetting('labelFont')}`;
    // The labels sigma's label grid would draw at the reset zoom (the grid keeps one per cell);
    // the grid is internal to sigma, so without it every big-enough node counts.
    const grid = (s as unknown as { labelGrid?: { getLabelsToDisplay?(ratio: number, density: number): string[] } })
      .labelGrid;
    const gridLabels = grid?.getLabelsToDisplay
      ? new Set(grid.getLabelsToDisplay(1, s.getSetting('labelDensity')))
      : null;
    const boxes: LabelBox[] = [];
    for (const node of this.graph.nodes()) {
      const d = s.getNodeDisplayData(node);
      if (!d || d.hidden) continue;
      const p = s.framedGraphToViewport(d, { cameraState: reset });
      const radius = s.scaleSize(d.size, 1);
      // Sigma draws a label 3 px right of the node's edge, and none for nodes drawn smaller than
      // the threshold (counting those would zoom a large view far out for labels never shown).
      const labelled = d.label && (d.forceLabel || (radius >= threshold && (!gridLabels || gridLabels.has(node))));
      const labelWidth = labelled && this.measure ? 3 + this.measure.measureText(d.label!).width : 0;
      boxes.push({ x: p.x, y: p.y, radius, labelWidth, labelHalfHeight: labelSize / 2 + 2 });
    }
    const fit = fitLabels(boxes, width, height);
    const centre = s.viewportToFramedGraph(fit.centre, { cameraState: reset });
    return { x: centre.x, y: centre.y, ratio: 1 / fit.scale, angle: 0 };
  }

  /** Viewport coordinates of a node, for tests that click it like a user. */
  viewportPosition(node: string): { x: number; y: number } | null {
    const d = this.sigma.getNodeDisplayData(node);
    return d ? this.sigma.framedGraphToViewport(d) : null;
  }

  kill(): void {
    if (this.killed) return;
    this.killed = true;
    for (const c of this.cleanups.splice(0)) c();
    this.sigma.kill();
  }
}
