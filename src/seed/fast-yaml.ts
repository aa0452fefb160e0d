/**
 * A fast reader for the plain shape seed files have: a top-level block list of block mappings
 * whose values are one-line scalars, one-line flow lists / mappings of scalars, or a nested block
 * list of such. The general YAML parser costs about a second per 10,000 relations; this costs a
 * few milliseconds, which is what makes a million relations load in seconds.
 *
 * It is an accelerator, not a second YAML dialect: anything outside that shape or that it is
 * not certain to read exactly as the `yaml` package would (block scalars, anchors, tags, escapes,
 * multi-line values, numbers in unusual notations, tabs, CR line ends ...) makes it return null,
 * and the caller reads the file with the general parser, which also produces every message.
 * A property test holds the two to the same values on everything this one accepts.
 */

export interface FastItem {
  value: Record<string, unknown>;
  /** 1-based line of the item's first key, as the general parser reports it. */
  line: number;
}

class NotInSubset extends Error {}
const bail = (): never => {
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

export function parseSeedListFast(text: string): FastItem[] | null {
  try {
    return new Reader(text).read();
  } catch (e) {
    if (e instanceof NotInSubset) return null;
    throw e;
  }
}

function resolvePlain(s: string): unknown {
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

function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  checkKey(key);
  // Values are never undefined, so this catches duplicates (and, conservatively, inherited names).
  if (map[key] !== undefined) bail();
  map[key] = value;
}

/** A value written on the same line as its key (or after a list dash). */
function inlineValue(raw: string): unknown {
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

class Reader {
  private readonly lines: string[];
  private i = 0;

  constructor(text: string) {
    if (text.includes('\r') || text.includes('\t') || text.charCodeAt(0) === 0xfeff) bail();
    this.lines = text.split('\n');
  }

  read(): FastItem[] {
    const items: FastItem[] = [];
    for (;;) {
      const line = this.nextContent();
      if (line === null) return items;
      if (!line.startsWith('- ') || line[2] === ' ') bail();
      const value: Record<string, unknown> = {};
      const lineNo = this.i + 1;
      this.i++;
      this.entry(value, line.slice(2), 2);
      // Further keys of this item sit at column 2.
      for (;;) {
        const next = this.nextContent();
        if (next === null || next.startsWith('- ')) break;
        if (!next.startsWith('  ') || next[2] === ' ') bail();
        this.i++;
        this.entry(value, next.slice(2), 2);
      }
      items.push({ value, line: lineNo });
    }
  }

  /** The next line that is neither blank nor a comment, without consuming it. */
  private nextContent(): string | null {
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      const c = line.charCodeAt(0);
      if (c === 32 || c === 35 || Number.isNaN(c)) {
        const indent = this.indentOf(line);
        if (indent === line.length || line.charCodeAt(indent) === 35) {
          this.i++;
          continue;
        }
      } else if ((c === 45 || c === 46 || c === 37) && /^(?:---|\.\.\.|%)/.test(line)) bail();
      return line;
    }
    return null;
  }

  private indentOf(line: string): number {
    let i = 0;
    while (line.charCodeAt(i) === 32) i++;
    return i;
  }

  /** `key: value` at column `column`; an empty value may open a nested block list. */
  private entry(map: Record<string, unknown>, content: string, column: number): void {
    const colon = content.indexOf(':');
    if (colon <= 0 || (colon + 1 < content.length && content.charCodeAt(colon + 1) !== 32)) bail();
    const key = content.slice(0, colon);
    const rest = content.slice(colon + 1);
    if (!isBlank(rest) && !/^ +#/.test(rest)) {
      setKey(map, key, inlineValue(rest));
      return;
    }
    const next = this.nextContent();
    const indent = next === null ? -1 : this.indentOf(next);
    if (next !== null && (indent > column || (indent === column && next.slice(indent).startsWith('- ')))) {
      if (!next.slice(indent).startsWith('- ')) bail();
      setKey(map, key, this.blockList(indent, column));
    } else {
      setKey(map, key, null);
    }
  }

  /** A block list whose dashes sit at column `dash` (inside a mapping at column `parent`). */
  private blockList(dash: number, parent: number): unknown[] {
    const list: unknown[] = [];
    for (;;) {
      const line = this.nextContent();
      if (line === null) return list;
      const indent = this.indentOf(line);
      if (indent !== dash || !line.slice(indent).startsWith('- ')) {
        if (indent <= parent) return list;
        bail();
      }
      if (line[dash + 2] === ' ') bail();
      this.i++;
      const content = line.slice(dash + 2);
      if (/^[^\s:'"#[{][^:]*?:(?: |$)/.test(content)) {
        // A block mapping in the list: its keys continue at column dash + 2, values inline only.
        const map: Record<string, unknown> = {};
        this.inlineEntry(map, content);
        for (;;) {
          const next = this.nextContent();
          if (next === null) break;
          const ind = this.indentOf(next);
          if (ind !== dash + 2) {
            if (ind > dash + 2) bail();
            break;
          }
          this.i++;
          this.inlineEntry(map, next.slice(ind));
        }
        list.push(map);
      } else {
        list.push(inlineValue(content));
      }
    }
  }

  private inlineEntry(map: Record<string, unknown>, content: string): void {
    const m = /^([^\s:'"#][^:]*?): (.*)$/.exec(content);
    if (!m || isBlank(m[2]!) || /^ *#/.test(m[2]!)) bail();
    setKey(map, m![1]!, inlineValue(m![2]!));
  }
}
