import type { EntityKind } from './entity-kinds';
import { searchKey } from './names';
import { byCodeUnits } from './order';
import type { EntityRef, SearchHit } from './views';

/**
 * What a name search answers, defined once for both stores: each only finds candidates and ranks them here (README
 * "Search"). A spelling's `searchKey` scores the best tier it reaches for the folded query, plus the spelling's weight
 * and the entity's popularity (by its number of relations); an entity scores its best spelling (the first on a tie).
 * Hits come by score rounded to two decimals, then name, then id.
 */
export const SEARCH_TIER = {
  exact: 100,
  prefix: 80,
  compact: 70,
  wordPrefix: 60,
  allWords: 50,
  fuzzy: 40,
  substring: 15,
} as const;
export const SPELLING_WEIGHT = { name: 3, alias: 2, demonym: 0 } as const;
const MAX_POPULARITY = 2;

/** `degree`: the relations the entity takes part in, either direction. */
export type SearchCandidate = EntityRef & { aliases: readonly string[]; demonyms: readonly string[]; degree: number };

export const popularity = (degree: number): number => Math.min(MAX_POPULARITY, Math.log2(1 + degree) / 3);

/** Rounded as hits show and are ranked by. */
export const shownScore = (score: number): number => Math.round(score * 100) / 100;

/** The tier of a spelling whose key starts with the query: exact, or prefix plus how much of it the query covers. */
export const prefixTier = (queryLength: number, keyLength: number): number =>
  queryLength === keyLength ? SEARCH_TIER.exact : SEARCH_TIER.prefix + (5 * queryLength) / keyLength;
const collator = new Intl.Collator();

/** Optimal string alignment distance from `q` to the closest prefix of `s`, or maxDistance + 1 when all are further. */
export function prefixEditDistance(q: string, s: string, maxDistance: number): number {
  const n = q.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, i) => i);
  let best = prev[n]!;
  for (let j = 1; j <= s.length; j++) {
    const cur = [j];
    for (let i = 1; i <= n; i++) {
      const cost = q[i - 1] === s[j - 1] ? 0 : 1;
      let d = Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + cost);
      if (i > 1 && j > 1 && q[i - 1] === s[j - 2] && q[i - 2] === s[j - 1]) d = Math.min(d, prev2[i - 2]! + 1);
      cur.push(d);
    }
    best = Math.min(best, cur[n]!);
    if (Math.min(...cur) > maxDistance) break;
    prev2 = prev;
    prev = cur;
  }
  return best <= maxDistance ? best : maxDistance + 1;
}

/**
 * The best tier one folded spelling reaches for the folded query, or undefined when none: the tests go from the highest
 * tier down. Fuzzy: a typo away from the start of a word, from 4 letters (2 edits from 8), less 10 per edit.
 */
function spellingTier(q: string, key: string): number | undefined {
  if (key.startsWith(q)) return prefixTier(q.length, key.length);
  const words = key.split(' ');
  // Spaces left out of both: exact only for a query written without them (then the key has spaces, so no prefix).
  const compactKey = key.replace(/ /g, '');
  if (words.length > 1 && compactKey.startsWith(q.replace(/ /g, '')))
    return compactKey === q ? SEARCH_TIER.exact : SEARCH_TIER.compact;
  const starts = words.map((_, i) => words.slice(0, i).join(' ').length + (i > 0 ? 1 : 0));
  if (starts.slice(1).some((s) => key.slice(s).startsWith(q))) return SEARCH_TIER.wordPrefix;
  const queryWords = q.split(' ').filter((w) => w.length >= 2);
  if (queryWords.length >= 2 && queryWords.every((w) => words.some((kw) => kw.startsWith(w))))
    return SEARCH_TIER.allWords;
  if (q.length >= 4) {
    const maxDistance = q.length >= 8 ? 2 : 1;
    const distance = Math.min(...starts.map((s) => prefixEditDistance(q, key.slice(s), maxDistance)));
    if (distance <= maxDistance) return SEARCH_TIER.fuzzy - 10 * distance;
  }
  return key.includes(q) ? SEARCH_TIER.substring : undefined;
}

/** The entity's best-scoring spelling for the folded query, or undefined when none matches. */
export function scoreEntity(q: string, e: SearchCandidate): { score: number; matched: string } | undefined {
  const spellings: [string, number][] = [
    [e.name, SPELLING_WEIGHT.name],
    ...e.aliases.map((a): [string, number] => [a, SPELLING_WEIGHT.alias]),
    ...e.demonyms.map((d): [string, number] => [d, SPELLING_WEIGHT.demonym]),
  ];
  let best: { score: number; matched: string } | undefined;
  for (const [label, weight] of spellings) {
    const tier = spellingTier(q, searchKey(label));
    if (tier === undefined) continue;
    const score = tier + weight + popularity(e.degree);
    // A later spelling must score strictly more to be the one shown.
    if (!best || score > best.score) best = { score, matched: label };
  }
  return best;
}

/** The `limit` best hits among the candidates for the query (not yet folded), in ranking order. */
export function rankCandidates(
  query: string,
  candidates: Iterable<SearchCandidate>,
  options: { limit: number; kind?: EntityKind | undefined },
): SearchHit[] {
  const q = searchKey(query);
  if (q.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const e of candidates) {
    if (options.kind && e.kind !== options.kind) continue;
    const best = scoreEntity(q, e);
    if (best) hits.push({ id: e.id, name: e.name, kind: e.kind, matched: best.matched, score: shownScore(best.score) });
  }
  hits.sort((x, y) => y.score - x.score || collator.compare(x.name, y.name) || byCodeUnits(x.id, y.id));
  return hits.slice(0, options.limit);
}
