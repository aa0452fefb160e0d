import type { RelationAttributes, RelationStatus } from '../api/types';
import type { DataGraph } from './data-graph';

/**
 * Above this many drawn items (entities plus "N more" groups) a view is folded. At 1400x900 the
 * graph area is about 1,000 x 800 px; a label is about 120 x 18 px and each entity needs room
 * around it for its lines, so about 60 named entities can all carry a readable label. Past that,
 * labels have to be dropped and the reader can no longer say what they are looking at.
 */
export const READABLE_ENTITIES = 60;

/** Strongest first: a line between two entities takes the look of its strongest claim. */
export const STATUS_STRENGTH: Record<RelationStatus, number> = { reported: 3, alleged: 2, disputed: 1, denied: 0 };

/** Entities kept out of the drawing, gathered under the kept entity they hang from. */
export interface FoldGroup {
  key: string;
  /** The drawn entity the group hangs from. */
  anchor: string;
  /** The relation type of the tie from the anchor (to the first folded entity on the way). */
  type: string;
  members: string[];
}

export interface Fold {
  kept: Set<string>;
  groups: FoldGroup[];
  /** Folded entity -> its group's key. */
  groupOf: Map<string, string>;
}

export interface FoldOptions {
  /** Entities that are never folded: the focus, the selection, expansion roots, path nodes. */
  pinned: ReadonlySet<string>;
  /** Where relevance is measured from (distance 0): the focus and the expansion roots. */
  centres: readonly string[];
  /** Groups the user opened: their members are drawn, beyond the budget. */
  open: ReadonlySet<string>;
  budget?: number;
}

/** Relevance order: nearer first, then reported before only-contested, more citations, more ties, id. */
interface Rank {
  id: string;
  distance: number;
  contestedOnly: boolean;
  citations: number;
  ties: number;
}

function compareRank(a: Rank, b: Rank): number {
  return (
    a.distance - b.distance ||
    Number(a.contestedOnly) - Number(b.contestedOnly) ||
    b.citations - a.citations ||
    b.ties - a.ties ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Hops from the nearest centre, ignoring direction; unreachable entities come last. */
function distances(graph: DataGraph, centres: readonly string[]): Map<string, number> {
  const dist = new Map<string, number>();
  let frontier = centres.filter((c) => graph.hasNode(c));
  for (const c of frontier) dist.set(c, 0);
  for (let d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const n of frontier)
      graph.forEachNeighbor(n, (m) => {
        if (!dist.has(m)) {
          dist.set(m, d);
          next.push(m);
        }
      });
    frontier = next;
  }
  return dist;
}

function ranks(graph: DataGraph, centres: readonly string[]): Rank[] {
  const dist = distances(graph, centres);
  return graph.mapNodes((id) => {
    let citations = 0;
    let reported = false;
    graph.forEachEdge(id, (_e, a) => {
      citations += a.evidence.length;
      if (a.status === 'reported') reported = true;
    });
    return {
      id,
      distance: dist.get(id) ?? Number.MAX_SAFE_INTEGER,
      contestedOnly: !reported,
      citations,
      ties: graph.neighbors(id).length,
    };
  });
}

/** The strongest claim between two entities (either direction): reported, then most cited. */
export function strongestClaim(graph: DataGraph, a: string, b: string): RelationAttributes | undefined {
  let best: RelationAttributes | undefined;
  const consider = (_e: string, attrs: RelationAttributes) => {
    if (
      !best ||
      STATUS_STRENGTH[attrs.status] > STATUS_STRENGTH[best.status] ||
      (STATUS_STRENGTH[attrs.status] === STATUS_STRENGTH[best.status] && attrs.evidence.length > best.evidence.length)
    )
      best = attrs;
  };
  graph.forEachDirectedEdge(a, b, consider);
  graph.forEachDirectedEdge(b, a, consider);
  return best;
}

/**
 * Groups the entities outside `kept`: each folded entity goes with the kept neighbour it is
 * nearest to (best ranked first) under the type of their strongest claim; one reached only
 * through other folded entities joins the group of the first of them.
 */
function groupFolded(graph: DataGraph, order: Rank[], kept: Set<string>): Fold {
  const position = new Map(order.map((r, i) => [r.id, i]));
  const groupOf = new Map<string, string>();
  const groups = new Map<string, FoldGroup>();
  const pending = order.filter((r) => !kept.has(r.id)).map((r) => r.id);
  // Each pass places the entities touching something already placed; what stays unreachable
  // (no path to a kept entity) is kept after all: a group needs somewhere to hang.
  while (pending.length > 0) {
    const left: string[] = [];
    for (const id of pending) {
      const next = graph
        .neighbors(id)
        .filter((m) => kept.has(m) || groupOf.has(m))
        .sort((x, y) => Number(kept.has(y)) - Number(kept.has(x)) || position.get(x)! - position.get(y)!)[0];
      if (next === undefined) {
        left.push(id);
        continue;
      }
      let key = groupOf.get(next);
      if (!key) {
        const type = strongestClaim(graph, next, id)?.type ?? 'related';
        key = `more:${next}:${type}`;
        if (!groups.has(key)) groups.set(key, { key, anchor: next, type, members: [] });
      }
      groups.get(key)!.members.push(id);
      groupOf.set(id, key);
    }
    if (left.length === pending.length) {
      for (const id of left) kept.add(id);
      break;
    }
    pending.splice(0, pending.length, ...left);
  }
  return { kept, groups: [...groups.values()], groupOf };
}

/** A group of one takes as much room as its entity: show the entity instead. */
function unfoldSingles(fold: Fold, open: ReadonlySet<string>): Fold {
  const groups: FoldGroup[] = [];
  for (const g of fold.groups) {
    if (g.members.length > 1 && !open.has(g.key)) groups.push(g);
    else
      for (const m of g.members) {
        fold.kept.add(m);
        fold.groupOf.delete(m);
      }
  }
  return { ...fold, groups };
}

/** Every entity drawn, nothing folded. */
export function keepAll(graph: DataGraph): Fold {
  return { kept: new Set(graph.nodes()), groups: [], groupOf: new Map() };
}

/**
 * Which entities to draw when a view holds more than a reader can take in: the most relevant
 * (nearest the focus, reported before contested, most cited, most tied) up to the budget, the
 * rest folded per anchor and relation type into groups the user can open. Deterministic.
 */
export function foldView(graph: DataGraph, options: FoldOptions): Fold {
  const budget = options.budget ?? READABLE_ENTITIES;
  const order = ranks(graph, options.centres).sort(compareRank);
  if (graph.order <= budget) return keepAll(graph);
  const pinned = order.filter((r) => options.pinned.has(r.id)).map((r) => r.id);
  const rest = order.filter((r) => !options.pinned.has(r.id)).map((r) => r.id);
  // The most entities whose drawing (entities + groups) still fits the budget; groups shrink
  // as more is kept, so walk down from the budget.
  for (let k = Math.max(0, budget - pinned.length); k >= 0; k--) {
    const fold = unfoldSingles(groupFolded(graph, order, new Set([...pinned, ...rest.slice(0, k)])), new Set());
    // Opened groups come on top of the budget: opening one must not fold something else.
    if (fold.kept.size + fold.groups.length <= budget || k === 0) return unfoldSingles(fold, options.open);
  }
  return keepAll(graph);
}
