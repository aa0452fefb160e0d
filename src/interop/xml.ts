/** Characters XML 1.0 cannot carry at all (dropped rather than producing a file no parser reads), and the four escaped. */
const SPECIAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>"]/;
const SPECIALS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>"]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for XML element content and attribute values; most text has nothing to escape and is returned as it is. */
export function xmlEscape(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c] ?? '') : value;
}
