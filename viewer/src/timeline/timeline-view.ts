import { h } from '../ui/dom';
import { elide, packRows, type Extent } from './lanes';
import { monthOf, rangePeriod, rangeText, type DateRange, type DayPeriod } from './periods';
import { chooseTicks } from './ticks';
import type { TimelineItem, TimelineModel } from './timeline-model';

export interface TimelineEvents {
  /** The pointer is on a mark (null: it left). */
  hover(item: TimelineItem | null): void;
  click(item: TimelineItem): void;
  /** A period was brushed (undefined: the brush was cleared). */
  brush(range: DateRange | undefined): void;
}

const SVG = 'http://www.w3.org/2000/svg';
/** Left column for lane names; the plot takes the rest. */
const LABELS_WIDTH = 118;
const RIGHT_MARGIN = 14;
const AXIS_HEIGHT = 22;
/** Entity marks carry their name, so their rows are taller than the unlabelled relation bars. */
const ENTITY_ROW = 17;
const ENTITY_MARK = 10;
const RELATION_ROW = 7;
const RELATION_MARK = 5;
const LANE_PAD = 5;
const LABEL_FONT = '11px system-ui, sans-serif';
/** A mark is never thinner than this, so a single day can still be pointed at. */
const MIN_MARK = 3;
/** A drag shorter than this is a click, not a brush. */
const MIN_BRUSH = 4;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

interface Scale {
  x(day: number): number;
  day(x: number): number;
  left: number;
  right: number;
}

function scaleFor(domain: DayPeriod, width: number): Scale {
  const left = LABELS_WIDTH;
  const right = Math.max(left + 50, width - RIGHT_MARGIN);
  const days = domain.last + 1 - domain.first;
  return {
    left,
    right,
    x: (day) => left + ((day - domain.first) / days) * (right - left),
    day: (x) => domain.first + ((Math.min(right, Math.max(left, x)) - left) / (right - left)) * days,
  };
}

/**
 * The timeline strip: an axis, one lane per entity kind with dated entities and one per layer of
 * dated relations, marks for what is on screen, and a brush (drag across the plot) that picks a
 * period. Plain SVG, redrawn whole on each change (a view holds at most a few hundred marks).
 */
export class TimelineView {
  readonly element: HTMLElement;
  private readonly head: HTMLElement;
  private readonly axis: SVGSVGElement;
  private readonly body: HTMLElement;
  private readonly cleanups: (() => void)[] = [];
  private model: TimelineModel | null = null;
  /** What the last draw drew (see render), and whether the pointer is on one of its marks. */
  private drawnKey: string | null = null;
  private hovered = false;
  private scale: Scale | null = null;
  private emphasised: ReadonlySet<string> | null = null;
  private readonly marks = new Map<string, SVGGElement>();
  private readonly measure = document.createElement('canvas').getContext('2d');
  /** A press on the plot: a brush once it moves far enough (`rects` drawn), else a click. */
  private drag: { x0: number; pointer: number; rects: SVGRectElement[] | null } | null = null;

  constructor(private readonly events: TimelineEvents) {
    this.head = h('div', { class: 'timeline-head' });
    this.axis = svg('svg', { class: 'timeline-axis', height: AXIS_HEIGHT });
    this.body = h('div', { class: 'timeline-lanes' });
    this.element = h('div', { class: 'timeline' }, this.head, this.axis, this.body);
    const observer = new ResizeObserver(() => this.draw());
    observer.observe(this.element);
    this.cleanups.push(() => observer.disconnect());
  }

  /**
   * Draws the model, unless it is the one drawn already at this width: a new selection or a
   * hover re-renders the app, and redrawing would replace the mark under the pointer.
   */
  render(model: TimelineModel): void {
    this.model = model;
    const drawn = this.drawnKey;
    if (drawn !== null && drawn === this.keyOf(model)) return;
    this.draw();
  }

  private keyOf(model: TimelineModel): string {
    return JSON.stringify([
      this.element.clientWidth,
      model.lanes,
      model.items.map((i) => [i.id, i.lane, i.outside, i.span.first, i.span.last, i.color, i.label]),
      model.undated,
      model.domain,
      model.brush ?? null,
    ]);
  }

  /** Marks of these ids stand out, the rest fade (null: none emphasised). */
  emphasise(ids: ReadonlySet<string> | null): void {
    this.emphasised = ids && ids.size > 0 ? ids : null;
    for (const [id, g] of this.marks) {
      g.classList.toggle('hot', this.emphasised?.has(id) === true);
      g.classList.toggle('cold', this.emphasised !== null && !this.emphasised.has(id));
    }
  }

  private textWidth(text: string): number {
    if (!this.measure) return text.length * 6;
    this.measure.font = LABEL_FONT;
    return this.measure.measureText(text).width;
  }

  private draw(): void {
    const model = this.model;
    const width = this.element.clientWidth;
    if (!model || width === 0) return;
    this.drawnKey = this.keyOf(model);
    // The mark under the pointer is about to be replaced, and a removed element says no "leave".
    if (this.hovered) {
      this.hovered = false;
      this.events.hover(null);
    }
    this.drawHead(model);
    const scale = scaleFor(model.domain, width);
    this.scale = scale;
    this.marks.clear();
    this.drawAxis(model, scale, width);
    const plot = svg('svg', { class: 'timeline-plot', width, role: 'group', 'aria-label': 'Marks by lane' });
    let y = 0;
    const backdrop = svg('g');
    const front = svg('g');
    plot.append(backdrop, front);
    for (const lane of model.lanes) {
      const items = model.items.filter((i) => i.lane === lane.key);
      const entityLane = lane.key.startsWith('kind:');
      const row = entityLane ? ENTITY_ROW : RELATION_ROW;
      const placed = items.map((item) => this.place(item, scale, entityLane));
      const { rowOf, rows } = packRows(
        placed.map((p) => ({ key: p.item.id, x0: p.extent.x0, x1: p.extent.x1 })),
        entityLane ? 6 : 2,
      );
      const height = rows * row + 2 * LANE_PAD;
      backdrop.append(
        svg('rect', { class: 'lane-band', x: 0, y, width, height }),
        svg(
          'text',
          { class: 'lane-label', x: 8, y: y + LANE_PAD + 10 },
          lane.label,
          svg('title', {}, `${lane.label}: ${items.length} dated`),
        ),
      );
      for (const p of placed) {
        const top = y + LANE_PAD + rowOf.get(p.item.id)! * row;
        front.append(this.mark(p, top, entityLane));
      }
      y += height;
    }
    for (const t of chooseTicks(model.domain, scale.right - scale.left))
      backdrop.append(
        svg('line', { class: t.major ? 'grid major' : 'grid', x1: scale.x(t.day), x2: scale.x(t.day), y1: 0, y2: y }),
      );
    plot.setAttribute('height', String(Math.max(y, 1)));
    if (model.brush) plot.append(this.brushRect(model.brush, scale, y, 'brush'));
    this.body.replaceChildren(plot);
    this.bindBrush(plot, y);
    this.emphasise(this.emphasised);
  }

  private drawHead(model: TimelineModel): void {
    const dated = model.items.length;
    const parts: (Node | string)[] = [
      h('strong', {}, 'Timeline'),
      h(
        'span',
        { class: 'timeline-summary', attrs: { 'data-dated': String(dated), 'data-undated': String(model.undated) } },
        `${dated} dated on screen`,
        model.undated > 0 ? ` · ${model.undated} undated, not drawn` : '',
      ),
    ];
    if (model.brush) {
      parts.push(
        h(
          'span',
          { class: 'timeline-range', attrs: { 'data-range': `${model.brush.from}..${model.brush.to}` } },
          `Showing what held in ${rangeText(model.brush)}`,
        ),
        h(
          'button',
          { class: 'timeline-clear', attrs: { type: 'button' }, on: { click: () => this.events.brush(undefined) } },
          'Clear',
        ),
      );
    } else {
      parts.push(h('span', { class: 'hint' }, 'Drag across the timeline to show what held in a period.'));
    }
    if (dated === 0) parts.push(h('span', { class: 'hint' }, 'Nothing on screen has a date.'));
    this.head.replaceChildren(...parts);
  }

  private drawAxis(model: TimelineModel, scale: Scale, width: number): void {
    const ticks = chooseTicks(model.domain, scale.right - scale.left);
    this.axis.setAttribute('width', String(width));
    this.axis.replaceChildren(
      svg('line', { class: 'axis-line', x1: scale.left, x2: scale.right, y1: AXIS_HEIGHT - 1, y2: AXIS_HEIGHT - 1 }),
      ...ticks.map((t) =>
        svg(
          'g',
          { class: t.major ? 'tick major' : 'tick', 'data-day': t.day, transform: `translate(${scale.x(t.day)},0)` },
          svg('line', { y1: AXIS_HEIGHT - 6, y2: AXIS_HEIGHT - 1 }),
          svg('text', { y: AXIS_HEIGHT - 9, 'text-anchor': 'middle' }, t.label),
        ),
      ),
      ...(model.brush ? [this.brushRect(model.brush, scale, AXIS_HEIGHT, 'brush')] : []),
    );
    this.bindBrush(this.axis, AXIS_HEIGHT);
  }

  /** Where a mark and its label go: the label after the mark, else before it, else over it. */
  private place(item: TimelineItem, scale: Scale, labelled: boolean) {
    const x0 = item.span.first === null ? scale.left : scale.x(item.span.first);
    const x1 = Math.max(x0 + MIN_MARK, item.span.last === null ? scale.right : scale.x(item.span.last + 1));
    if (!labelled) return { item, x0, x1, extent: { key: item.id, x0, x1 } as Extent };
    const text = elide(item.label);
    const w = this.textWidth(text);
    let label: { x: number; anchor: 'start' | 'end' };
    let extent: Extent;
    if (x1 + 4 + w <= scale.right) {
      label = { x: x1 + 4, anchor: 'start' };
      extent = { key: item.id, x0, x1: x1 + 4 + w };
    } else if (x0 - 4 - w >= scale.left) {
      label = { x: x0 - 4, anchor: 'end' };
      extent = { key: item.id, x0: x0 - 4 - w, x1 };
    } else {
      label = { x: x0 + 6, anchor: 'start' };
      extent = { key: item.id, x0, x1: Math.max(x1, x0 + 6 + w) };
    }
    return { item, x0, x1, extent, text, label };
  }

  private mark(p: ReturnType<TimelineView['place']>, top: number, labelled: boolean): SVGGElement {
    const { item } = p;
    const height = labelled ? ENTITY_MARK : RELATION_MARK;
    const rect = svg('rect', { x: p.x0, y: top, width: p.x1 - p.x0, height, rx: labelled ? 2 : 1, fill: item.color });
    const g = svg(
      'g',
      {
        class: `timeline-mark ${item.what}${item.contested ? ' contested' : ''}${item.outside ? ' outside' : ''}`,
        'data-id': item.id,
        'data-what': item.what,
        'data-lane': item.lane,
        'data-first': item.span.first ?? 'open',
        'data-last': item.span.last ?? 'open',
        tabindex: 0,
        role: 'button',
        'aria-label': item.title,
      },
      svg('title', {}, item.title),
      rect,
    );
    if ('label' in p && p.label && p.text)
      g.append(svg('text', { x: p.label.x, y: top + height - 1, 'text-anchor': p.label.anchor }, p.text));
    g.addEventListener('pointerenter', () => {
      this.hovered = true;
      this.events.hover(item);
    });
    g.addEventListener('pointerleave', () => {
      this.hovered = false;
      this.events.hover(null);
    });
    g.addEventListener('click', () => this.events.click(item));
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.events.click(item);
      }
    });
    this.marks.set(item.id, g);
    return g;
  }

  private brushRect(range: DateRange, scale: Scale, height: number, cls: string): SVGRectElement {
    const p = rangePeriod(range);
    const x0 = Math.max(scale.left, scale.x(p.first));
    const x1 = Math.min(scale.right, scale.x(p.last + 1));
    return svg('rect', { class: cls, x: x0, y: 0, width: Math.max(1, x1 - x0), height });
  }

  /**
   * Drag across the plot or the axis to brush a period, snapped to whole months. A drag may start
   * on a mark (dense lanes leave little bare room); it becomes a brush once it has moved
   * MIN_BRUSH pixels, and until then a release is the mark's click.
   */
  private bindBrush(target: SVGSVGElement, height: number): void {
    const xOf = (e: PointerEvent, scale: Scale) =>
      Math.min(scale.right, Math.max(scale.left, e.clientX - target.getBoundingClientRect().left));
    target.onpointerdown = (e) => {
      const scale = this.scale;
      if (!scale || e.button !== 0) return;
      const x = e.clientX - target.getBoundingClientRect().left;
      if (x < scale.left || x > scale.right) return;
      e.preventDefault(); // no text selection while dragging
      this.drag = { x0: x, pointer: e.pointerId, rects: null };
    };
    target.onpointermove = (e) => {
      const drag = this.drag;
      if (!drag || !this.scale || e.pointerId !== drag.pointer) return;
      const x = xOf(e, this.scale);
      if (!drag.rects) {
        if (Math.abs(x - drag.x0) < MIN_BRUSH) return;
        // From here on the pointer brushes, wherever it goes (and a mark under it is not clicked).
        target.setPointerCapture(e.pointerId);
        drag.rects = [this.axis, this.body.querySelector('svg')].flatMap((s) => {
          if (!s) return [];
          const r = svg('rect', { class: 'brush drawing', y: 0, height: s === this.axis ? AXIS_HEIGHT : height });
          s.append(r);
          return [r];
        });
      }
      for (const r of drag.rects) {
        r.setAttribute('x', String(Math.min(x, drag.x0)));
        r.setAttribute('width', String(Math.abs(x - drag.x0)));
      }
    };
    target.onpointerup = (e) => {
      const drag = this.drag;
      const scale = this.scale;
      this.drag = null;
      if (!drag?.rects || !scale) return;
      for (const r of drag.rects) r.remove();
      const x = xOf(e, scale);
      const [a, b] = [scale.day(Math.min(x, drag.x0)), scale.day(Math.max(x, drag.x0))];
      this.events.brush({ from: monthOf(Math.floor(a)), to: monthOf(Math.floor(b)) });
    };
    target.onpointercancel = () => {
      for (const r of this.drag?.rects ?? []) r.remove();
      this.drag = null;
    };
  }

  kill(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.model = null;
  }
}
