import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeRectangleProgram } from 'sigma/rendering';
import { makeEdgeReducer, makeNodeReducer, type Emphasis } from '../appearance/reducers';
import type Graph from 'graphology';
import type { DisplayGraph } from '../graph/display-graph';

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
      void camera.animatedReset({ duration: 300 });
      return;
    }
    const pos = this.sigma.getNodeDisplayData(node);
    if (pos) void camera.animate({ x: pos.x, y: pos.y, ratio: Math.min(camera.ratio, 0.8) }, { duration: 400 });
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
