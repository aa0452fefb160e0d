import { foldName, type EntityKind } from '../../model';
import type { KnowledgeGraph } from '../../seed/build-graph';
import type { SearchHit, SearchOptions } from '../port';

interface IndexedName {
  id: string;
  /** The spelling as written, returned as `matched`. */
  label: string;
  folded: string;
  /** Names rank above aliases, aliases above demonyms. */
  weight: number;
}

/**
 * Name and alias search over the embedded graph: case-, accent- and punctuation-blind, ranked
 * exact > prefix > word prefix > substring.
 */
export class SearchIndex {
  private readonly names: IndexedName[] = [];

  constructor(private readonly graph: KnowledgeGraph) {
    graph.forEachNode((id, a) => {
      this.names.push({ id, label: a.name, folded: foldName(a.name), weight: 3 });
      for (const alias of a.aliases) this.names.push({ id, label: alias, folded: foldName(alias), weight: 2 });
      for (const d of a.demonyms) this.names.push({ id, label: d, folded: foldName(d), weight: 1 });
    });
  }

  search(query: string, options: SearchOptions): SearchHit[] {
    const q = foldName(query);
    if (q.length === 0) return [];
    const best = new Map<string, { score: number; matched: string }>();
    for (const n of this.names) {
      const score = matchScore(q, n.folded);
      if (score === 0) continue;
      const total = score * 10 + n.weight;
      const prev = best.get(n.id);
      if (!prev || total > prev.score) best.set(n.id, { score: total, matched: n.label });
    }
    const hits: SearchHit[] = [];
    for (const [id, { score, matched }] of best) {
      const a = this.graph.getNodeAttributes(id);
      if (options.kind && a.kind !== options.kind) continue;
      hits.push({ id, name: a.name, kind: a.kind as EntityKind, matched, score });
    }
    hits.sort((x, y) => y.score - x.score || x.name.localeCompare(y.name));
    return hits.slice(0, options.limit);
  }
}

function matchScore(q: string, name: string): number {
  if (name === q) return 4;
  if (name.startsWith(q)) return 3;
  if (` ${name}`.includes(` ${q}`)) return 2;
  if (name.includes(q)) return 1;
  return 0;
}
