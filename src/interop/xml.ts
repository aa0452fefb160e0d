/** Characters XML 1.0 cannot carry at all: dropped, rather than writing a file no parser reads. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text XML can carry: the characters it cannot are dropped. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '');
}

/** Escapes text for XML element content and attribute values (the one escaper of the GraphML writers). */
export function xmlEscape(value: string): string {
  return xmlText(value).replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}
