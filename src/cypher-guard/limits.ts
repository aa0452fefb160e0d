import { CypherTooComplexError } from '../model/errors';

/**
 * What a query may be before the parser sees it. The parser and the semantic analyser take time
 * that grows faster than the query (a 2 KB sum of a thousand terms took 28 s, one of 450 terms 4 to 7 s), and nesting
 * overflows their recursion, so both are bounded here, by a linear scan, before any parsing; the
 * analysis itself then runs off the request thread under a deadline (off-thread.ts).
 */
export const QUERY_LIMITS = {
  /** Characters of query text. */
  maxChars: 10_000,
  /** Tokens: words, numbers, operators; a string literal or a comment counts as one. */
  maxTokens: 1_000,
  /** Open brackets of any kind, ( [ {, inside one another. */
  maxNesting: 30,
  /** Levels of lists and maps inside the parameters. */
  maxParamDepth: 20,
  /**
   * How long the parser and analyser may take for one query: an ordinary query takes milliseconds;
   * the margin is for a machine busy with other work, where a thread gets a share of a core.
   */
  analysisMs: 5_000,
} as const;

const tooComplex = (what: string) => new CypherTooComplexError(`query too complex: ${what}`);

/** Throws CypherTooComplexError when the query or its parameters pass a limit. */
export function checkQueryLimits(query: string, params: Record<string, unknown>): void {
  if (query.length > QUERY_LIMITS.maxChars)
    throw tooComplex(
      `${query.length.toLocaleString('en')} characters (limit ${QUERY_LIMITS.maxChars.toLocaleString('en')})`,
    );
  const { tokens, nesting } = scan(query);
  if (tokens > QUERY_LIMITS.maxTokens)
    throw tooComplex(
      `more than ${QUERY_LIMITS.maxTokens.toLocaleString('en')} tokens (limit ${QUERY_LIMITS.maxTokens.toLocaleString('en')})`,
    );
  if (nesting > QUERY_LIMITS.maxNesting)
    throw tooComplex(`brackets nested ${nesting} deep (limit ${QUERY_LIMITS.maxNesting})`);
  const depth = paramDepth(params);
  if (depth > QUERY_LIMITS.maxParamDepth)
    throw tooComplex(
      `parameters nested ${depth > 1000 ? 'more than 1,000' : depth} levels deep (limit ${QUERY_LIMITS.maxParamDepth})`,
    );
}

/** Token count and deepest bracket nesting, in one pass that skips strings, names and comments. */
function scan(query: string): { tokens: number; nesting: number } {
  let tokens = 0;
  let depth = 0;
  let nesting = 0;
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    tokens++;
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < n && query[i] !== c) i += query[i] === '\\' && c !== '`' ? 2 : 1;
      i++;
    } else if (c === '/' && query[i + 1] === '/') {
      while (i < n && query[i] !== '\n') i++;
    } else if (c === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (/[\p{L}\p{N}_$]/u.test(c)) {
      while (i < n && /[\p{L}\p{N}_$.]/u.test(query[i]!)) i++;
    } else {
      if (c === '(' || c === '[' || c === '{') nesting = Math.max(nesting, ++depth);
      else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
      i++;
    }
  }
  return { tokens, nesting };
}

/** How deep lists and maps go inside the parameters, without recursion (a parameter may be nested 30,000 deep). */
function paramDepth(params: Record<string, unknown>): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[params, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > 1000) return deepest;
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}
