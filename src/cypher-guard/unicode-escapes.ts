import { CypherRefusedError, type QueryPosition } from '../model/errors';

/**
 * Neo4j 5 reads `\uXXXX` escapes before it splits a query into tokens (as Java source is read):
 * `'x\u0027 ...'` ends the string at the escape, and `// ...\u000a...` ends the comment there,
 * while the guard's parser reads both as text. An escape that turns into a letter or a digit
 * cannot move a token boundary (outside strings, comments and quoted names a backslash is not
 * Cypher at all), so those are allowed; any other is refused, with a way to write it.
 *
 * As Neo4j reads them: a backslash begins an escape when an even number of backslashes (or none)
 * stands right before it, so `\\u0027` is a backslash and the text `u0027`; `\U0001F600` is not
 * read early. Several u (`\uu0041`) are checked too, though Neo4j refuses them.
 */
export function refuseUnsafeUnicodeEscapes(query: string): void {
  const escape = /\\+u+([0-9A-Fa-f]{4})/g;
  for (let m = escape.exec(query); m; m = escape.exec(query)) {
    const backslashes = /^\\+/.exec(m[0])![0].length;
    // The last backslash of the run starts the escape only if the ones before it pair up.
    if (backslashes % 2 === 0) continue;
    const char = String.fromCharCode(parseInt(m[1]!, 16));
    if (/^[\p{L}\p{N}]$/u.test(char)) continue;
    const at = m.index + backslashes - 1;
    const shown = m[0].slice(backslashes - 1);
    throw new CypherRefusedError(
      `the escape ${shown} (${describe(char)}) is refused: Neo4j reads \\u escapes before it reads strings and comments, so it could end one; write the character itself`,
      positionAt(query, at),
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
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}
