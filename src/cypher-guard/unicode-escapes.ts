import { CypherRefusedError, type QueryPosition } from '../model/errors';

/**
 * Neo4j 5 reads `\uXXXX` escapes before it splits a query into tokens, so `'x\u0027 ...'` ends the
 * string there, while the guard's parser reads it as text. An escape to a letter or digit cannot
 * move a token boundary and is allowed; any other is refused. `\\u0027` is no escape; `\uu0041` is checked.
 * Neo4j does not read `\U0001F600` (capital U) early, so only `\u` is looked for.
 */
export function refuseUnsafeUnicodeEscapes(query: string): void {
  for (const m of query.matchAll(/(\\+)u+([0-9A-Fa-f]{4})/g)) {
    const backslashes = m[1]!.length;
    // The last backslash of the run starts the escape only if the ones before it pair up.
    if (backslashes % 2 === 0) continue;
    const char = String.fromCharCode(parseInt(m[2]!, 16));
    if (/^[\p{L}\p{N}]$/u.test(char)) continue;
    const shown = m[0].slice(backslashes - 1);
    throw new CypherRefusedError(
      `the escape ${shown} (${describe(char)}) is refused: Neo4j reads \\u escapes before it reads strings and comments, so it could end one; write the character itself`,
      positionAt(query, m.index + backslashes - 1),
    );
  }
}

function describe(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return 'half of a surrogate pair';
  return `"${char}"`;
}

function positionAt(text: string, index: number): QueryPosition {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}
