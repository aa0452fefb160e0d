import { CypherTooComplexError } from '../model/errors';

/**
 * Checked by a linear scan before any parsing: the parser's and analyser's time grows faster than the query (a 2 KB
 * sum of a thousand terms took 28 s), and nesting overflows their recursion.
 */
export const QUERY_LIMITS = {
  maxChars: 10_000, // characters of query text
  maxTokens: 1_000, // words, numbers, operators; a string literal or a comment counts as one
  maxNesting: 30, // open brackets of any kind, ( [ {, inside one another
  maxParamDepth: 20, // levels of lists and maps inside the parameters
  /** For the parser and analyser (off-thread.ts): an ordinary query takes milliseconds; the margin is for a busy machine. */
  analysisMs: 5_000,
} as const;

const en = (n: number) => n.toLocaleString('en');

/** Throws CypherTooComplexError when the query or its parameters pass a limit. */
export function checkQueryLimits(query: string, params: Record<string, unknown>): void {
  const { maxChars, maxTokens, maxNesting, maxParamDepth } = QUERY_LIMITS;
  const refuse = (what: string) => {
    throw new CypherTooComplexError(`query too complex: ${what}`);
  };
  if (query.length > maxChars) refuse(`${en(query.length)} characters (limit ${en(maxChars)})`);
  const { tokens, nesting } = scan(query);
  if (tokens > maxTokens) refuse(`more than ${en(maxTokens)} tokens (limit ${en(maxTokens)})`);
  if (nesting > maxNesting) refuse(`brackets nested ${nesting} deep (limit ${maxNesting})`);
  const depth = paramDepth(params);
  if (depth > maxParamDepth)
    refuse(`parameters nested ${depth > 1000 ? 'more than 1,000' : depth} levels deep (limit ${maxParamDepth})`);
}

/** One token each: a string or quoted name (escapes kept inside), a comment, a name or number, any other character. */
const TOKEN =
  /\s+|(['"])(?:\\[^]?|(?!\1)[^\\])*\1?|`[^`]*`?|\/\/[^\n]*|\/\*[^]*?(?:\*\/|$)|[\p{L}\p{N}_$][\p{L}\p{N}_$.]*|[^]/gu;

/** Token count and deepest bracket nesting, in one linear pass. */
function scan(query: string): { tokens: number; nesting: number } {
  let tokens = 0;
  let depth = 0;
  let nesting = 0;
  for (const [token] of query.matchAll(TOKEN)) {
    if (/^\s/.test(token)) continue;
    tokens++;
    if (token === '(' || token === '[' || token === '{') nesting = Math.max(nesting, ++depth);
    else if (token === ')' || token === ']' || token === '}') depth = Math.max(0, depth - 1);
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
