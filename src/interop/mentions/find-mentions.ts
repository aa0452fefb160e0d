import { foldName, isCaseSensitiveAcronym, textNames, type EntityKind } from '../../model';
import type { GraphJson } from '../../model';
import { TokenMatcher } from './aho-corasick';

/** Every spelling that names an entity: name, aliases and demonyms (as citation checks count them). */
interface Pattern {
  entity: string;
  spelling: string;
  /** Short all-capital acronyms must match with their case ("US" is not "us"). */
  caseSensitive: boolean;
}

export interface EntityMention {
  id: string;
  name: string;
  kind: EntityKind;
  /** Paragraph numbers (N-th non-empty line, from 1) with the spellings found there. */
  paragraphs: { paragraph: number; spellings: string[] }[];
}

export interface CandidatePair {
  a: string;
  b: string;
  paragraphs: number[];
}

export interface MentionsResult {
  paragraphs: number;
  entities: EntityMention[];
  /** Pairs named in the same paragraph that the graph does not relate yet. */
  candidates: CandidatePair[];
}

/**
 * Finds known entities in a text with one multi-pattern pass per paragraph. Folding is the same
 * as search and citation checks (foldName), so what a citation check accepts, this finds.
 */
export class MentionFinder {
  private readonly patterns: Pattern[] = [];
  private readonly matcher: TokenMatcher;
  private readonly entities: Map<string, { name: string; kind: EntityKind }>;
  private readonly related = new Set<string>();

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
    for (const e of graph.edges) this.related.add(pairKey(e.source, e.target));
  }

  get patternCount(): number {
    return this.patterns.length;
  }

  find(paragraphs: readonly string[]): MentionsResult {
    const byEntity = new Map<string, Map<number, Set<string>>>();
    const pairs = new Map<string, Set<number>>();
    paragraphs.forEach((text, index) => {
      const paragraph = index + 1;
      // The whole paragraph is folded once, as citation checks fold it; an acronym that must
      // match with its case is then confirmed on the raw paragraph, as citation checks do.
      const folded = foldName(text);
      const acronymFound = new Map<string, boolean>();
      const matches = this.matcher.match(folded.split(' ')).filter((m) => {
        const p = this.patterns[m.pattern]!;
        if (!p.caseSensitive) return true;
        if (!acronymFound.has(p.spelling)) acronymFound.set(p.spelling, textNames(text, folded, p.spelling));
        return acronymFound.get(p.spelling)!;
      });
      // A name inside a longer name of another entity ("Army" in "Balochistan Liberation Army",
      // "Pakistani" in "Pakistani Taliban") is part of that name: not a mention of its own, and
      // so no reason to suggest a relation either.
      const standalone = new Set<string>();
      for (const m of matches) {
        const p = this.patterns[m.pattern]!;
        const inside = matches.some(
          (o) =>
            o !== m &&
            this.patterns[o.pattern]!.entity !== p.entity &&
            o.start <= m.start &&
            o.end >= m.end &&
            o.end - o.start > m.end - m.start,
        );
        if (inside) continue;
        standalone.add(p.entity);
        if (!byEntity.has(p.entity)) byEntity.set(p.entity, new Map());
        const spots = byEntity.get(p.entity)!;
        if (!spots.has(paragraph)) spots.set(paragraph, new Set());
        spots.get(paragraph)!.add(p.spelling);
      }
      const ids = [...standalone].sort();
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const key = pairKey(ids[i]!, ids[j]!);
          if (this.related.has(key)) continue;
          if (!pairs.has(key)) pairs.set(key, new Set());
          pairs.get(key)!.add(paragraph);
        }
      }
    });

    const entities: EntityMention[] = [...byEntity].map(([id, spots]) => ({
      id,
      ...this.entities.get(id)!,
      paragraphs: [...spots]
        .sort((x, y) => x[0] - y[0])
        .map(([paragraph, spellings]) => ({ paragraph, spellings: [...spellings].sort() })),
    }));
    entities.sort((x, y) => y.paragraphs.length - x.paragraphs.length || x.id.localeCompare(y.id));
    const candidates = [...pairs].map(([key, ps]) => {
      const [a, b] = key.split('\u0000') as [string, string];
      return { a, b, paragraphs: [...ps].sort((x, y) => x - y) };
    });
    candidates.sort(
      (x, y) => y.paragraphs.length - x.paragraphs.length || x.a.localeCompare(y.a) || x.b.localeCompare(y.b),
    );
    return { paragraphs: paragraphs.length, entities, candidates };
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
