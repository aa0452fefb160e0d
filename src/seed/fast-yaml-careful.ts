/**
 * The careful half of the fast seed reader (src/seed/fast-yaml.ts): reads one value given as the
 * text of its line, refusing (`bail`) whatever YAML might read otherwise. The scanner takes the
 * common shapes straight from the file's text and hands every other value here, so this code
 * decides every case the scanner's fast paths do not cover.
 */

export class NotInSubset extends Error {}
export const bail = (): never => {
  throw new NotInSubset();
};

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL_TRUE = /^(?:[Tt]rue|TRUE)$/;
const BOOL_FALSE = /^(?:[Ff]alse|FALSE)$/;
const SIMPLE_INT = /^(?:0|-?[1-9][0-9]{0,14})$/;
/** Everything the YAML 1.2 core schema could read as a number other than a simple integer. */
const OTHER_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** The core-schema value of a plain scalar (null, boolean, simple integer or string); refuses other numbers. */
export function resolvePlain(s: string): unknown {
  // Dispatch on the first character: only these can begin a null, a boolean or a number.
  const c = s.charCodeAt(0);
  if (c === 110 || c === 78 || c === 126) return NULL.test(s) ? null : s; // n N ~
  if (c === 116 || c === 84) return BOOL_TRUE.test(s) ? true : s; // t T
  if (c === 102 || c === 70) return BOOL_FALSE.test(s) ? false : s; // f F
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    if (SIMPLE_INT.test(s)) return Number(s);
    if (OTHER_NUMBER.test(s)) bail();
  }
  return s;
}

/** YAML separates with spaces (tabs are refused up front); JavaScript's trim would also eat no-break spaces. */
function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === 32) a++;
  while (b > a && s.charCodeAt(b - 1) === 32) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== 32) return false;
  return true;
}

const knownKeys = new Set<string>();
function checkKey(key: string): void {
  if (knownKeys.has(key)) return;
  if (!KEY.test(key) || key === '__proto__') bail();
  if (knownKeys.size < 1000) knownKeys.add(key);
}

/** A plain scalar in block context: up to a ` #` comment; refuses what YAML would read otherwise. */
function blockPlain(raw: string): unknown {
  const hash = raw.indexOf(' #');
  const s = trimSpaces(hash >= 0 ? raw.slice(0, hash) : raw);
  if (s.length === 0) bail();
  if (INDICATOR_START.test(s) && !/^-[0-9A-Za-z]/.test(s)) bail();
  if (s.includes(': ') || s.endsWith(':')) bail();
  return resolvePlain(s);
}

/** A plain scalar inside a flow collection (already split on commas and brackets). */
function flowPlain(raw: string): unknown {
  const s = trimSpaces(raw);
  if (s.length === 0) bail();
  if (INDICATOR_START.test(s) || s.includes(':') || s.includes('#') || /[[\]{}]/.test(s)) bail();
  return resolvePlain(s);
}

/** A quoted scalar that fills `s` from its first character; returns the value and what follows. */
function quoted(s: string): { value: string; rest: string } {
  const q = s[0];
  if (q === "'") {
    let out = '';
    let i = 1;
    for (;;) {
      const j = s.indexOf("'", i);
      if (j < 0) bail();
      out += s.slice(i, j);
      if (s[j + 1] === "'") {
        out += "'";
        i = j + 2;
      } else return { value: out, rest: s.slice(j + 1) };
    }
  }
  const j = s.indexOf('"', 1);
  if (j < 0) bail();
  const value = s.slice(1, j);
  if (value.includes('\\')) bail();
  return { value, rest: s.slice(j + 1) };
}

/** Only whitespace, or whitespace then a comment, may follow a value on its line. */
function endOfValue(rest: string): void {
  if (!/^(?: *| +#.*)$/.test(rest)) bail();
}

/** Splits the inside of a one-line flow collection on top-level commas (quotes respected). */
function splitFlow(inner: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < inner.length) {
    const c = inner[i];
    // A quote opens a quoted scalar only at the start of an entry or of a mapping value.
    if ((c === "'" || c === '"') && /(?:^|,|: ) *$/.test(inner.slice(start, i))) {
      const { rest } = quoted(inner.slice(i));
      i = inner.length - rest.length;
      continue;
    }
    if (c === '[' || c === ']' || c === '{' || c === '}') bail();
    if (c === ',') {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  parts.push(inner.slice(start));
  return parts;
}

function flowScalar(raw: string): unknown {
  const s = trimSpaces(raw);
  if (s[0] === "'" || s[0] === '"') {
    const { value, rest } = quoted(s);
    if (!isBlank(rest)) bail();
    return value;
  }
  return flowPlain(s);
}

/** Sets a key read by the scanner (already a valid, shared key string); refuses duplicates. */
export function putKey(map: Record<string, unknown>, key: string, value: unknown): void {
  // Values are never undefined, so this catches duplicates (and, conservatively, inherited names).
  if (map[key] !== undefined) bail();
  map[key] = value;
}

function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  checkKey(key);
  putKey(map, key, value);
}

/** A value written on the same line as its key (or after a list dash), as the text after the key's colon. */
export function inlineValue(raw: string): unknown {
  const s = trimSpaces(raw);
  if (s[0] === '[' || s[0] === '{') {
    const close = s[0] === '[' ? ']' : '}';
    const end = s.lastIndexOf(close);
    if (end < 0) bail();
    endOfValue(s.slice(end + 1));
    const inner = s.slice(1, end);
    if (isBlank(inner)) return close === ']' ? [] : {};
    const parts = splitFlow(inner);
    if (close === ']') return parts.map(flowScalar);
    const map: Record<string, unknown> = {};
    for (const part of parts) {
      const colon = part.indexOf(': ');
      if (colon < 0) bail();
      setKey(map, trimSpaces(part.slice(0, colon)), flowScalar(part.slice(colon + 2)));
    }
    return map;
  }
  if (s[0] === "'" || s[0] === '"') {
    const { value, rest } = quoted(s);
    endOfValue(rest);
    return value;
  }
  return blockPlain(s);
}
