/**
 * Aho-Corasick over token sequences: every pattern (a list of tokens) is found in one pass over the text's
 * tokens, however many patterns there are. Tokens are whole words: no match inside a longer word.
 */
/** `out`: the patterns ending here, including those reached through failure links. */
type TrieNode = { next: Map<string, number>; fail: number; out: number[] };
const trieNode = (): TrieNode => ({ next: new Map(), fail: 0, out: [] });

/** A pattern found from token `start` to one past token `end`. */
export type TokenMatch = { pattern: number; start: number; end: number };

export class TokenMatcher {
  private readonly nodes: TrieNode[] = [trieNode()];
  private readonly lengths: number[] = [];

  constructor(patterns: readonly (readonly string[])[]) {
    patterns.forEach((tokens, id) => {
      this.lengths[id] = tokens.length;
      if (tokens.length === 0) return;
      let state = 0;
      for (const t of tokens) {
        const next = this.nodes[state]!.next.get(t) ?? this.nodes.push(trieNode()) - 1; // push gives the new length
        this.nodes[state]!.next.set(t, next);
        state = next;
      }
      this.nodes[state]!.out.push(id);
    });
    // Breadth-first failure links: the longest proper suffix that is also a trie path.
    const queue: number[] = [...this.nodes[0]!.next.values()];
    for (const s of queue) {
      for (const [t, child] of this.nodes[s]!.next) {
        let f = this.nodes[s]!.fail;
        while (f !== 0 && !this.nodes[f]!.next.has(t)) f = this.nodes[f]!.fail;
        const target = this.nodes[f]!.next.get(t);
        this.nodes[child]!.fail = target !== undefined && target !== child ? target : 0;
        this.nodes[child]!.out.push(...this.nodes[this.nodes[child]!.fail]!.out);
        queue.push(child);
      }
    }
  }

  /** Every occurrence of every pattern in `tokens`, overlapping ones included. */
  match(tokens: readonly string[]): TokenMatch[] {
    const found: TokenMatch[] = [];
    let state = 0;
    tokens.forEach((t, i) => {
      while (state !== 0 && !this.nodes[state]!.next.has(t)) state = this.nodes[state]!.fail;
      state = this.nodes[state]!.next.get(t) ?? 0;
      for (const p of this.nodes[state]!.out) found.push({ pattern: p, start: i + 1 - this.lengths[p]!, end: i + 1 });
    });
    return found;
  }
}
