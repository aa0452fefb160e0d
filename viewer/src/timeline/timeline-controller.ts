import type { SchemaResponse } from '../api/types';
import type { DataGraph } from '../graph/data-graph';
import type { DisplayGraph } from '../graph/display-graph';
import { h } from '../ui/dom';
import type { ViewState } from '../url-state/view-state';
import { dayNumber, type DateRange } from './periods';
import { timelineModel, type TimelineItem } from './timeline-model';
import { TimelineView } from './timeline-view';

/** What the graph should light up for a mark the pointer is on. */
export interface GraphPointer {
  node?: string;
  /** Drawn lines (display edge keys). */
  lines?: Set<string>;
}

export interface TimelineHost {
  schema: SchemaResponse;
  /** The pointer is on a mark: light up its entity or its claim's line in the graph (null: none). */
  point(target: GraphPointer | null): void;
  /** A mark was clicked: select it as a click in the graph does (an entity id, or `a|b`). */
  select(selection: string): void;
  /** A period was brushed, or the brush cleared. */
  brush(range: DateRange | undefined): void;
  /** The Timeline button was pressed. */
  toggle(open: boolean): void;
}

/** What is on screen, as the app holds it. */
export interface ScreenData {
  loaded: DataGraph;
  shown: DataGraph;
  display: DisplayGraph;
  hiddenKinds: ReadonlySet<string>;
  hiddenTypes: ReadonlySet<string>;
}

/**
 * The timeline between the app and its view: opens and closes the strip, turns what is on
 * screen into marks, and carries pointing both ways (a mark lights up the graph, the graph's
 * hovered entity or line lights up its marks).
 */
export class TimelineController {
  /** The toolbar button that opens and closes the strip. */
  readonly toggle: HTMLButtonElement;
  private readonly view: TimelineView;
  private screen: ScreenData | null = null;
  private open = false;

  constructor(
    private readonly section: HTMLElement,
    private readonly host: TimelineHost,
  ) {
    this.view = new TimelineView({
      hover: (item) => host.point(item ? this.graphTarget(item) : null),
      click: (item) => host.select(item.ends ? `${item.ends[0]}|${item.ends[1]}` : item.id),
      brush: (range) => host.brush(range),
    });
    section.append(this.view.element);
    this.toggle = h(
      'button',
      {
        attrs: { type: 'button', id: 'timeline-toggle', 'aria-pressed': 'false', 'aria-controls': section.id },
        title: 'Show when the entities and ties on screen held, and brush a period to filter the graph',
        on: { click: () => host.toggle(!this.open) },
      },
      'Timeline',
    );
  }

  /** Shows the strip when the view asks for it (a brushed period opens it) and redraws it. */
  update(state: ViewState, screen: ScreenData): void {
    this.open = Boolean(state.timeline || state.during);
    this.toggle.setAttribute('aria-pressed', String(this.open));
    this.section.hidden = !this.open;
    this.screen = screen;
    if (!this.open) return;
    const now = new Date();
    const display = screen.display;
    this.view.render(
      timelineModel(this.host.schema, {
        loaded: screen.loaded,
        shown: screen.shown,
        drawn: (id) => display.hasNode(id) && !display.getNodeAttribute(id, 'group'),
        hiddenKinds: screen.hiddenKinds,
        hiddenTypes: screen.hiddenTypes,
        ...(state.during ? { brush: state.during } : {}),
        today: dayNumber(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()),
      }),
    );
  }

  /** The graph's pointer is on an entity or a line: light up their marks (null: nothing). */
  pointedInGraph(target: { node?: string; line?: string } | null): void {
    const screen = this.screen;
    if (!target || !screen) return this.view.emphasise(null);
    const ids = new Set<string>();
    if (target.node && screen.loaded.hasNode(target.node)) {
      ids.add(target.node);
      // Its ties are "its marks" too: when they held.
      for (const e of screen.loaded.edges(target.node)) ids.add(e);
    }
    if (target.line && screen.display.hasEdge(target.line)) {
      for (const claim of screen.display.getEdgeAttribute(target.line, 'claims') ?? []) ids.add(claim);
    }
    this.view.emphasise(ids);
  }

  private graphTarget(item: TimelineItem): GraphPointer {
    const display = this.screen?.display;
    if (!display) return {};
    if (item.what === 'entity') return display.hasNode(item.id) ? { node: item.id } : {};
    const lines = new Set<string>();
    display.forEachEdge((line, a) => {
      if (a.claims?.includes(item.id)) lines.add(line);
    });
    return { lines };
  }

  kill(): void {
    this.view.kill();
  }
}
