/**
 * A small Cypher lexer for highlighting only (the server parses for real): keywords, functions,
 * strings, numbers, comments, parameters, labels and relationship types, variables, punctuation.
 * Every input character lands in exactly one token, so joining the tokens gives the query back.
 */
export type TokenKind =
  | 'keyword'
  | 'function'
  | 'string'
  | 'number'
  | 'comment'
  | 'param'
  | 'label'
  | 'identifier'
  | 'operator'
  | 'space'
  | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set(
  (
    'MATCH OPTIONAL WHERE RETURN WITH UNWIND AS ORDER BY SKIP LIMIT ASC ASCENDING DESC DESCENDING DISTINCT AND OR XOR NOT IN IS NULL TRUE FALSE ' +
    'CASE WHEN THEN ELSE END CREATE MERGE SET DELETE DETACH REMOVE CALL YIELD UNION ALL EXISTS COUNT CONTAINS STARTS ENDS LOAD CSV FROM FOREACH ON USE ' +
    'SHOW TERMINATE PROFILE EXPLAIN INDEX CONSTRAINT DROP SHORTESTPATH ALLSHORTESTPATHS'
  ).split(' '),
);

const RULES: [TokenKind, RegExp][] = [
  ['space', /^\s+/],
  ['comment', /^(\/\/[^\n]*|\/\*[\s\S]*?(\*\/|$))/],
  ['string', /^('([^'\\]|\\.)*('|$)|"([^"\\]|\\.)*("|$))/],
  ['identifier', /^`[^`]*(`|$)/],
  ['param', /^\$[A-Za-z_][A-Za-z0-9_]*/],
  ['label', /^:\s*[A-Za-z_][A-Za-z0-9_]*/],
  ['number', /^\d+(\.\d+)?([eE][+-]?\d+)?/],
  ['identifier', /^[A-Za-z_][A-Za-z0-9_.]*/],
  ['operator', /^(<>|<=|>=|=~|->|<-|\.\.|[=<>+\-*/%^|])/],
];

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let rest = query;
  while (rest.length > 0) {
    let matched = false;
    for (const [kind, re] of RULES) {
      const m = re.exec(rest);
      if (!m) continue;
      const text = m[0];
      tokens.push({ kind: kind === 'identifier' ? classifyWord(text, rest.slice(text.length)) : kind, text });
      rest = rest.slice(text.length);
      matched = true;
      break;
    }
    if (!matched) {
      tokens.push({ kind: 'other', text: rest[0]! });
      rest = rest.slice(1);
    }
  }
  return tokens;
}

/** Words that may touch a "(" and are still clauses or operators, not function calls. */
const CLAUSES = new Set('MATCH MERGE CREATE WHERE RETURN WITH UNWIND CALL IN AND OR XOR NOT'.split(' '));

function classifyWord(word: string, after: string): TokenKind {
  if (word.startsWith('`')) return 'identifier';
  const upper = word.toUpperCase();
  if (after.startsWith('(') && !CLAUSES.has(upper)) return 'function';
  if (KEYWORDS.has(upper)) return 'keyword';
  return 'identifier';
}
