import { MultiDirectedGraph } from 'graphology';
import { ENTITY_KINDS, ENTITY_KIND_IDS } from '../../src/model/entity-kinds';
import { RELATION_TYPES, RELATION_TYPE_IDS } from '../../src/model/relation-types';
import { Prng } from '../../src/bench/prng';
import type { DisplayEdge, DisplayNode } from '../../viewer/src/graph/display-graph';

/**
 * The graph both renderers draw: the viewer's display attributes (position, size, colour, label,
 * kind; relation, status, colour, size, program) on a seeded preferential-attachment graph with
 * ~5 relations per entity, laid out on a disc with hubs near the middle (layout is not measured).
 */
/** The viewer's own display shapes, so the bench draws exactly what the viewer draws. */
export type BenchNode = DisplayNode;
export type BenchEdge = DisplayEdge;

export function benchGraph(n: number, seed = 42): MultiDirectedGraph<BenchNode, BenchEdge> {
  const rng = new Prng(seed);
  const g = new MultiDirectedGraph<BenchNode, BenchEdge>({ allowSelfLoops: false });
  const endpoints: number[] = [];
  const m = 5;
  for (let i = 0; i < n; i++) {
    const kind = rng.pick(ENTITY_KIND_IDS);
    const r = Math.sqrt((i + 1) / n);
    const a = rng.next() * 2 * Math.PI;
    g.addNode(`n${i}`, { x: r * Math.cos(a), y: r * Math.sin(a), size: 3, color: ENTITY_KINDS[kind].color, label: `Entity ${i}`, kind, zIndex: 0 });
    const targets = new Set<number>();
    const want = Math.min(m, i);
    while (targets.size < want) targets.add(rng.chance(0.9) && endpoints.length > 0 ? endpoints[rng.int(endpoints.length)]! : rng.int(i));
    for (const t of targets) {
      const type = rng.pick(RELATION_TYPE_IDS);
      const status = rng.chance(0.85) ? 'reported' : rng.pick(['alleged', 'denied', 'disputed'] as const);
      const contested = status !== 'reported';
      g.addDirectedEdge(`n${i}`, `n${t}`, { relation: type, status, color: RELATION_TYPES[type].color, size: contested ? 3 : 5, program: RELATION_TYPES[type].symmetric ? 'line' : 'arrow' });
      endpoints.push(i, t);
    }
  }
  g.forEachNode((node) => {
    const d = g.degree(node);
    g.mergeNodeAttributes(node, { size: 3 + Math.sqrt(d), zIndex: d });
  });
  return g;
}
