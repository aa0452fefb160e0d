import { foldName, isCaseSensitiveAcronym, textNames, type EntityKind, type GraphJson } from '../../model';
import { TokenMatcher } from './aho-corasick';

/** A spelling that names an entity; short all-capital acronyms must match with their case ("US" is not "us"). */
type Pattern = { entity: string; spelling: string; caseSensitive: boolean };

export interface MentionsResult {
  paragraphs: number;
  /** Each entity named, with the paragraphs (N-th non-empty line, from 1) and the spellings found there. */
  entities: { id: string; name: string; kind: EntityKind; paragraphs: { paragraph: number; spellings: string[] }[] }[];
  /** Pairs named in the same paragraph that the graph does not relate yet. */
  candidates: { a: string; b: string; paragraphs: number[] }[];
}

/** Known entities' names, aliases and demonyms in a text, folded as citation checks fold them (foldName). */
export class MentionFinder {
  private readonly patterns: Pattern[] = [];
  private readonly matcher: TokenMatcher;
  private readonly entities: Map<string, { name: string; kind: EntityKind }>;
  private readonly related: Set<string>;
  readonly patternCount: number;

  constructor(graph: GraphJson) {
    this.entities = new Map(graph.nodes.map((n) => [n.key, { name: n.attributes!.name, kind: n.attributes!.kind }]));
    const tokenLists: string[][] = [];
    for (const n of graph.nodes) {
      const a = n.attributes!;
      for (const spelling of new Set([a.name, ...a.aliases, ...a.demonyms])) {
        const tokens = foldName(spelling).split(' ').filter(Boolean);
        if (tokens.length === 0) continue;
        this.patterns.push({ entity: n.key, spelling, caseSensitive: isCaseSensitiveAcronym(spelling) });
        tokenLists.push(tokens);
      }
    }
    this.matcher = new TokenMatcher(tokenLists);
    this.patternCount = this.patterns.length;
    this.related = new Set(graph.edges.map((e) => pairKey(e.source, e.target)));
  }

  find(paragraphs: readonly string[]): MentionsResult {
    const byEntity = new Map<string, MentionsResult['entities'][number]>();
    const pairs = new Map<string, MentionsResult['candidates'][number]>();
    paragraphs.forEach((text, index) => {
      const paragraph = index + 1;
      // The whole paragraph is folded once, as citation checks fold it; an acronym that must
      // match with its case is then confirmed on the raw paragraph, as citation checks do.
      const folded = foldName(text);
      const matches = this.matcher.match(folded.split(' ')).filter((m) => {
        const p = this.patterns[m.pattern]!;
        return !p.caseSensitive || textNames(text, folded, p.spelling);
      });
      // A name inside a longer name of another entity ("Army" in "Balochistan Liberation Army",
      // "Pakistani" in "Pakistani Taliban") is part of that name: not a mention of its own, and
      // so no reason to suggest a relation either.
      const spellings = new Map<string, Set<string>>();
      for (const m of matches) {
        const p = this.patterns[m.pattern]!;
        const inside = matches.some(
          (o) =>
            this.patterns[o.pattern]!.entity !== p.entity &&
            o.start <= m.start &&
            o.end >= m.end &&
            o.end - o.start > m.end - m.start,
        );
        if (!inside) spellings.set(p.entity, (spellings.get(p.entity) ?? new Set()).add(p.spelling));
      }
      for (const [id, found] of spellings) {
        const mention = byEntity.get(id) ?? { id, ...this.entities.get(id)!, paragraphs: [] };
        byEntity.set(id, mention);
        mention.paragraphs.push({ paragraph, spellings: [...found].sort() });
      }
      const ids = [...spellings.keys()].sort();
      for (const [i, a] of ids.entries())
        for (const b of ids.slice(i + 1)) {
          const key = pairKey(a, b);
          if (this.related.has(key)) continue;
          const pair = pairs.get(key) ?? { a, b, paragraphs: [] };
          pairs.set(key, pair);
          pair.paragraphs.push(paragraph);
        }
    });
    // Paragraphs are visited in order, so each list of them is sorted already.
    const entities = [...byEntity.values()].sort(
      (x, y) => y.paragraphs.length - x.paragraphs.length || x.id.localeCompare(y.id),
    );
    const candidates = [...pairs.values()].sort(
      (x, y) => y.paragraphs.length - x.paragraphs.length || x.a.localeCompare(y.a) || x.b.localeCompare(y.b),
    );
    return { paragraphs: paragraphs.length, entities, candidates };
  }
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
