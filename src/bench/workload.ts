import type { EntityAttributes } from '../model';
import { Prng } from './prng';

/**
 * The queries every engine is asked, drawn once per size from the graph itself with a fixed seed:
 * focus entities uniformly (so hubs turn up as often as they would for a user clicking around),
 * search strings from real names and aliases, path ends as uniform pairs.
 */
export interface Workload {
  focus: string[];
  searches: string[];
  pairs: [string, string][];
}

export function drawWorkload(entities: { ids: readonly string[]; attributes: readonly EntityAttributes[] }, count = 200, seed = 7): Workload {
  const rng = new Prng(seed);
  const nodes = entities.ids;
  const focus = Array.from({ length: count }, () => rng.pick(nodes));
  const searches = Array.from({ length: count }, (_, i) => {
    const a = entities.attributes[rng.int(nodes.length)]!;
    switch (i % 3) {
      case 0:
        return a.name;
      case 1:
        return a.name.slice(0, 5);
      default:
        return a.aliases[0] ?? a.name.split(/[\s-]+/).pop() ?? a.name;
    }
  });
  const pairs = Array.from({ length: count }, () => [rng.pick(nodes), rng.pick(nodes)] as [string, string]).filter(([a, b]) => a !== b);
  return { focus, searches, pairs };
}
