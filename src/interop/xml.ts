/**
 * The one XML escaper (GraphML, GEXF, the viewer's GraphML), for element text and attribute values
 * alike. Characters XML 1.0 cannot carry are dropped rather than writing a file no parser reads;
 * tabs and line breaks become references, since a parser turns them into spaces in attribute values
 * (and \r\n into \n anywhere). Most text has nothing to escape and is returned as it is.
 */
const SPECIAL = /[\u0000-\u001F\uFFFE\uFFFF&<>"]/;
const SPECIALS = /[\u0000-\u001F\uFFFE\uFFFF&<>"]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

export function xmlEscape(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c] ?? '') : value;
}
