import { emptyDataGraph, type DataGraph } from '../graph/data-graph';
import { heldDuring, rangePeriod, type DateRange } from './periods';

/**
 * The view as it stood during a brushed range, by the "As of" rule over a range: a relation is
 * kept when its since..until overlaps the range, an entity when it had begun by the range's end
 * (As of reads an entity's start only). As the API's As of walks a neighbourhood only through
 * relations that hold, entities left without a kept path to a centre (the focus, an expanded
 * entity, a path's end) go too. The centres themselves always stay: they are what the view is of. A view with no centre
 * among its entities keeps everything that held.
 */
export function heldInRange(data: DataGraph, range: DateRange, centres: readonly string[]): DataGraph {
  const period = rangePeriod(range);
  const out = emptyDataGraph();
  data.forEachNode((n, a) => {
    if (centres.includes(n) || heldDuring(period, a.since, undefined)) out.addNode(n, a);
  });
  data.forEachEdge((e, a, s, t) => {
    if (out.hasNode(s) && out.hasNode(t) && heldDuring(period, a.since, a.until))
      out.addDirectedEdgeWithKey(e, s, t, a);
  });
  const reached = new Set(centres.filter((c) => out.hasNode(c)));
  // A view without a centre on screen (a question's answer about none) keeps all that held.
  if (reached.size === 0) return out;
  const queue = [...reached];
  while (queue.length > 0) {
    for (const next of out.neighbors(queue.pop()!))
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
  }
  for (const n of out.nodes()) if (!reached.has(n)) out.dropNode(n);
  return out;
}
