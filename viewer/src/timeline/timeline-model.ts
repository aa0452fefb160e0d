import type { SchemaResponse } from '../api/types';
import { kindColor, isContested, typeColor, typeLabel } from '../appearance/palette';
import type { DataGraph } from '../graph/data-graph';
import { periodOf, rangePeriod, type DateRange, type DayPeriod } from './periods';

export type Layer = 'cooperative' | 'hostile' | 'structural';

/** One lane: an entity kind, or a layer of relations. */
export interface Lane {
  key: string;
  label: string;
}

/** When something held, in days; null at an open end (it runs to that edge of the timeline). */
export interface Span {
  first: number | null;
  last: number | null;
}

export interface TimelineItem {
  /** The entity id, or the data graph's key of the relation (one claim). */
  id: string;
  what: 'entity' | 'relation';
  lane: string;
  /** What the mark says: an entity's name ("A targets B" for a relation, shown on hover only). */
  label: string;
  /** The hover title: the whole name and the dates as the knowledge base gives them. */
  title: string;
  color: string;
  contested: boolean;
  span: Span;
  /** Removed from the graph by the brush (drawn faint, so the brush keeps its context). */
  outside: boolean;
  /** A relation's two entities. */
  ends?: [string, string];
}

export interface TimelineModel {
  lanes: Lane[];
  items: TimelineItem[];
  /** Entities and relations on screen without any date: not drawn, counted. */
  undated: number;
  /** Days the axis covers: every dated item, the brushed range, and today when a span is open. */
  domain: DayPeriod;
  brush?: DateRange;
}

const LAYERS: readonly Layer[] = ['cooperative', 'hostile', 'structural'];
const LAYER_LABELS: Record<Layer, string> = {
  cooperative: 'Cooperative ties',
  hostile: 'Hostile ties',
  structural: 'Structural ties',
};

/**
 * When something held, from its `since` and `until`. An event dated by `since` alone happened
 * within that date's period (a point, drawn as the period it covers); anything else dated by
 * `since` alone still holds, as "As of" reads it, so it runs to the right edge.
 */
export function spanOf(since: string | undefined, until: string | undefined, pointLike: boolean): Span | undefined {
  if (since === undefined && until === undefined) return undefined;
  if (since !== undefined && until === undefined && pointLike) return periodOf(since);
  return {
    first: since === undefined ? null : periodOf(since).first,
    last: until === undefined ? null : periodOf(until).last,
  };
}

function datesText(since?: string, until?: string, pointLike = false): string {
  if (since && until) return `${since} – ${until}`;
  if (since) return pointLike ? since : `since ${since}`;
  return `until ${until}`;
}

function plural(label: string): string {
  return /y$/.test(label) ? `${label.slice(0, -1)}ies` : `${label}s`;
}

export interface OnScreen {
  /** What the API returned for the view, before the brush. */
  loaded: DataGraph;
  /** What the graph draws from (the loaded data less what the brush removed). */
  shown: DataGraph;
  /** Whether an entity is drawn (not folded into an "N more" group). */
  drawn: (id: string) => boolean;
  hiddenKinds: ReadonlySet<string>;
  hiddenTypes: ReadonlySet<string>;
  brush?: DateRange;
  /** Today, in days: where an open span ends when nothing dated runs later. */
  today: number;
}

/**
 * The timeline of what is on screen: the drawn entities and the claims between them, less what
 * the legend hides. With a brush, what the brush removed stays listed (marked `outside`), so
 * the reader sees what lies outside the period and can brush again.
 */
export function timelineModel(schema: SchemaResponse, s: OnScreen): TimelineModel {
  const entities = new Set<string>();
  s.loaded.forEachNode((n, a) => {
    if (s.hiddenKinds.has(a.kind)) return;
    if (s.shown.hasNode(n) ? s.drawn(n) : true) entities.add(n);
  });
  const items: TimelineItem[] = [];
  let undated = 0;
  for (const n of entities) {
    const a = s.loaded.getNodeAttributes(n);
    const pointLike = a.kind === 'Event';
    const span = spanOf(a.since, a.until, pointLike);
    if (!span) {
      undated++;
      continue;
    }
    items.push({
      id: n,
      what: 'entity',
      lane: `kind:${a.kind}`,
      label: a.name,
      title: `${a.name} (${schema.kinds[a.kind]?.label ?? a.kind}), ${datesText(a.since, a.until, pointLike)}`,
      color: kindColor(schema, a.kind),
      contested: false,
      span,
      outside: !s.shown.hasNode(n),
    });
  }
  s.loaded.forEachEdge((e, a, source, target) => {
    if (!entities.has(source) || !entities.has(target) || s.hiddenTypes.has(a.type)) return;
    const span = spanOf(a.since, a.until, false);
    if (!span) {
      undated++;
      return;
    }
    const from = s.loaded.getNodeAttribute(source, 'name');
    const to = s.loaded.getNodeAttribute(target, 'name');
    const verb = schema.relationTypes[a.type]?.verb ?? typeLabel(schema, a.type);
    const status = a.status === 'reported' ? '' : ` [${a.status}]`;
    items.push({
      id: e,
      what: 'relation',
      lane: `layer:${schema.relationTypes[a.type]?.layer ?? 'structural'}`,
      label: `${from} ${verb} ${to}`,
      title: `${from} ${verb} ${to}${status}, ${datesText(a.since, a.until)}`,
      color: typeColor(schema, a.type),
      contested: isContested(a.status),
      span,
      outside: !s.shown.hasEdge(e),
      ends: [source, target],
    });
  });
  const kindLanes = Object.keys(schema.kinds)
    .filter((k) => items.some((i) => i.lane === `kind:${k}`))
    .map((k) => ({ key: `kind:${k}`, label: plural(schema.kinds[k]!.label) }));
  const layerLanes = LAYERS.filter((l) => items.some((i) => i.lane === `layer:${l}`)).map((l) => ({
    key: `layer:${l}`,
    label: LAYER_LABELS[l],
  }));
  return {
    lanes: [...kindLanes, ...layerLanes],
    items,
    undated,
    domain: domainOf(items, s.brush, s.today),
    ...(s.brush ? { brush: s.brush } : {}),
  };
}

/** The days to draw: all dated items and the brush, padded a little; open spans reach today. */
export function domainOf(items: readonly TimelineItem[], brush: DateRange | undefined, today: number): DayPeriod {
  const days: number[] = [];
  let open = false;
  for (const i of items) {
    if (i.span.first !== null) days.push(i.span.first);
    if (i.span.last !== null) days.push(i.span.last);
    open ||= i.span.last === null;
  }
  if (brush) {
    const b = rangePeriod(brush);
    days.push(b.first, b.last);
  }
  if (open) days.push(Math.max(today, ...days));
  if (days.length === 0) return { first: today - 365, last: today };
  const first = Math.min(...days);
  const last = Math.max(...days);
  // At least a year across, and air at both ends so a mark on an end is not cut by the frame.
  const pad = Math.max(15, Math.round((last - first) * 0.02), Math.round((365 - (last - first)) / 2));
  return { first: first - pad, last: last + pad };
}
