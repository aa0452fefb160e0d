import { searchKey } from '../../model';

/** Lucene's query syntax characters, escaped so a query's text is only ever text. */
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;
const escapeLucene = (text: string) => text.replace(LUCENE_SPECIAL, (c) => `\\${c}`);

/**
 * The full-text query that finds every entity the shared ranking (src/model/search-ranking.ts)
 * could score for `query`, or null when the query folds to nothing. Each clause asks for a
 * spelling (folded, spaces removed: `searchCompact`) containing a piece of the folded query:
 * - the whole query without spaces: every exact, prefix, word-prefix, compact and substring match
 *   contains it;
 * - its first word: every all-words match begins a word with it;
 * - for typo matches (an edit distance d of at most 2 from a prefix of a spelling), the query cut
 *   into 2d + 1 pieces: d edits, a transposition touching two neighbouring pieces, leave at least
 *   one piece whole, and that piece stands in the spelling.
 * Extra candidates cost only ranking time; a missing one would be a wrong answer.
 */
export function searchCandidatesQuery(query: string): string | null {
  const q = searchKey(query);
  if (q.length === 0) return null;
  const compact = q.replace(/ /g, '');
  const pieces = new Set<string>([compact]);
  const firstWord = q.split(' ').find((w) => w.length >= 2);
  if (firstWord) pieces.add(firstWord);
  if (q.length >= 4) {
    const distance = q.length >= 8 ? 2 : 1;
    const count = 2 * distance + 1;
    for (let i = 0; i < count; i++) {
      const piece = compact.slice(
        Math.floor((i * compact.length) / count),
        Math.floor(((i + 1) * compact.length) / count),
      );
      if (piece) pieces.add(piece);
    }
  }
  return [...pieces].map((p) => `searchCompact:*${escapeLucene(p)}*`).join(' OR ');
}
