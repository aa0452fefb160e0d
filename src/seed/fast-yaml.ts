/**
 * A fast reader for the plain shape seed files have: a top-level block list of block mappings
 * whose values are one-line scalars, one-line flow lists / mappings of scalars, or a nested block
 * list of such. The general YAML parser costs about a second per 10,000 relations; this reads
 * about 90 MB of seed YAML a second (2 cores), which is what makes a million relations load in seconds.
 *
 * It is an accelerator, not a second YAML dialect: anything outside that shape or that it is
 * not certain to read exactly as the `yaml` package would (block scalars, anchors, tags, escapes,
 * multi-line values, numbers in unusual notations, tabs, CR line ends ...) makes it return null,
 * and the caller reads the file with the general parser, which also produces every message.
 * A property test holds the two to the same values on everything this one accepts.
 *
 * It walks the text's code units with an index (no line strings) and slices only the strings it
 * returns. Values made of characters that cannot mean anything special (ASCII letters, digits,
 * spaces and harmless punctuation) are read on the spot; any other value is handed, as the text
 * of its line, to the careful string-based reader in fast-yaml-careful.ts, which decides it
 * exactly as before. Mappings are built by fast-yaml-shapes.ts. Strings returned are substrings
 * of the file's text (views into it when 13 characters or longer, as before): callers copy what
 * they keep (see fast-validate.ts and load.ts).
 */
import { bail, inlineValue, NotInSubset, resolvePlain } from './fast-yaml-careful';
import { MapBuilder } from './fast-yaml-shapes';

export interface FastItem {
  value: Record<string, unknown>;
  /** 1-based line of the item's first key, as the general parser reports it. */
  line: number;
}

export function parseSeedListFast(text: string): FastItem[] | null {
  if (text.includes('\r') || text.includes('\t') || text.charCodeAt(0) === 0xfeff) return null;
  try {
    return new Scanner(text).read();
  } catch (e) {
    if (e instanceof NotInSubset) return null;
    throw e;
  }
}

type CodeUnits = Uint8Array | Uint16Array;

/** The code units of `text`: its bytes when it is all ASCII (one cheap native copy), else a UTF-16 copy. */
function codeUnits(text: string): CodeUnits {
  if (Buffer.byteLength(text, 'utf8') === text.length) return Buffer.from(text, 'latin1');
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

// Character classes, by code unit (everything outside printable ASCII is in none).
const ALNUM = 1; // may start a value read on the spot
const IN_BLOCK_PLAIN = 2; // harmless inside a block plain scalar: not ':' (': ' ends a key) nor '#' (' #' starts a comment)
const IN_FLOW_PLAIN = 4; // harmless inside a flow plain scalar: also not , [ ] { } nor a quote
const KEY_START = 8;
const IN_KEY = 16;
const CLASS = new Uint8Array(65536);
for (let c = 0x20; c < 0x7f; c++) {
  const ch = String.fromCharCode(c);
  let k = 0;
  if (/[A-Za-z0-9]/.test(ch)) k |= ALNUM;
  if (ch !== ':' && ch !== '#') k |= IN_BLOCK_PLAIN;
  if (ch !== ':' && ch !== '#' && !/[,[\]{}'"]/.test(ch)) k |= IN_FLOW_PLAIN;
  if (/[A-Za-z_]/.test(ch)) k |= KEY_START;
  if (/[A-Za-z0-9_-]/.test(ch)) k |= IN_KEY;
  CLASS[c] = k;
}
const classOf = (c: number): number => CLASS[c]!;

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const OPEN_SQUARE = 91;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const CLOSE_CURLY = 125;

/** What the careful reader's block-mapping test in a list accepts (see `Scanner.blockList`). */
const LIST_MAPPING = /^[^\s:'"#[{][^:]*?:(?: |$)/;

/**
 * Keys repeat on every item: one shared copy of each (bounded, in case of a flood of names),
 * found from the text without slicing, in buckets by first character and length. Copies, so a
 * cached key never keeps a file's text alive.
 */
const keyBuckets: (string[] | undefined)[] = new Array<string[] | undefined>(128 * 32);
let keysCached = 0;

/** The key in [a, b), which `keyEnd` has checked (so its first character is ASCII). */
function sharedKey(text: string, codes: CodeUnits, a: number, b: number): string {
  const length = b - a;
  const slot = (codes[a]! << 5) | (length & 31);
  const bucket = keyBuckets[slot];
  if (bucket !== undefined) {
    next: for (let i = 0; i < bucket.length; i++) {
      const k = bucket[i]!;
      if (k.length !== length) continue;
      for (let j = 1; j < length; j++) if (k.charCodeAt(j) !== codes[a + j]) continue next;
      return k;
    }
  }
  const s = text.slice(a, b);
  if (s === '__proto__') bail();
  const key = s.length < 13 ? s : [s.slice(0, 1), s.slice(1)].join('');
  if (keysCached < 1000) {
    keysCached++;
    if (bucket === undefined) keyBuckets[slot] = [key];
    else bucket.push(key);
  }
  return key;
}

/**
 * Short values repeat (types, statuses, dates, source ids): one copy of each recent one, from a
 * small direct-mapped cache, instead of a new string per occurrence. Only strings shorter than
 * V8's sliced-string threshold are cached, which are copies, never views into a file's text.
 */
const SHORT = 13;
const SHORT_SLOTS = 4096;
const shortStrings: string[] = new Array<string>(SHORT_SLOTS).fill('');

function shortString(text: string, codes: CodeUnits, a: number, b: number): string {
  let h = 0;
  for (let j = a; j < b; j++) h = (h * 31 + codes[j]!) | 0;
  const slot = (h ^ (h >>> 12)) & (SHORT_SLOTS - 1);
  const cached = shortStrings[slot]!;
  if (cached.length === b - a) {
    let j = 0;
    while (j < cached.length && cached.charCodeAt(j) === codes[a + j]) j++;
    if (j === cached.length) return cached;
  }
  const s = text.slice(a, b);
  shortStrings[slot] = s;
  return s;
}

/**
 * The first n elements of a scratch list as a new array of exactly that size (an array grown by
 * push keeps room for 17 elements; a million such lists cost GC time and memory). Short lists are
 * array literals, which the engine allocates inline.
 */
function exactList(list: unknown[], n: number): unknown[] {
  switch (n) {
    case 0:
      return [];
    case 1:
      return [list[0]];
    case 2:
      return [list[0], list[1]];
    case 3:
      return [list[0], list[1], list[2]];
    case 4:
      return [list[0], list[1], list[2], list[3]];
    default:
      return list.slice(0, n);
  }
}

/** Returned when a fast path meets something it does not read; the careful reader takes the value. */
const CAREFUL = Symbol('read carefully');

class Scanner {
  private readonly length: number;
  /** Start of the current line, its end ('\n' or the text's end), its 0-based index and indent. */
  private pos = 0;
  private end = -1;
  private line = 0;
  private indent = 0;
  /** The key `readKey` read: the index of an expected one, or -1 and the key. */
  private knownKey = -1;
  private newKey = '';
  /**
   * Scratch space per nesting depth (0: an item; 1: its values; 2: their elements; 3: values of
   * mappings in lists): the mapping being read, and the elements of the list being read, which
   * is then copied to an array of its exact size (see `exactList`).
   */
  private readonly maps: MapBuilder[] = [];
  private readonly lists: unknown[][] = [];

  /** The text's UTF-16 code units, scanned instead of the string: an element load is cheaper than charCodeAt. */
  private readonly codes: CodeUnits;

  constructor(private readonly text: string) {
    this.length = text.length;
    this.codes = codeUnits(text);
  }

  private mapAt(depth: number): MapBuilder {
    return (this.maps[depth] ??= new MapBuilder());
  }

  private listAt(depth: number): unknown[] {
    return (this.lists[depth] ??= []);
  }

  read(): FastItem[] {
    const u = this.codes;
    const items: FastItem[] = [];
    while (this.nextContent()) {
      const p = this.pos;
      if (u[p]! !== DASH || u[p + 1]! !== SPACE || u[p + 2]! === SPACE) bail();
      const value = this.mapAt(0);
      value.start();
      const lineNo = this.line + 1;
      const e = this.end;
      this.consume();
      this.entry(value, p + 2, e, 2);
      // Further keys of this item sit at column 2.
      while (this.nextContent()) {
        const q = this.pos;
        const c = u[q]!;
        if (c === DASH && u[q + 1]! === SPACE) break;
        if (c !== SPACE || u[q + 1]! !== SPACE || u[q + 2]! === SPACE) bail();
        const e2 = this.end;
        this.consume();
        this.entry(value, q + 2, e2, 2);
      }
      items.push({ value: value.finish(), line: lineNo });
    }
    return items;
  }

  private consume(): void {
    this.pos = this.end + 1;
    this.line++;
  }

  /** Moves to the next line that is neither blank nor a comment, without consuming it; false at the end. */
  private nextContent(): boolean {
    const u = this.codes;
    while (this.pos <= this.length) {
      const p = this.pos;
      if (this.end < p) {
        const n = u.indexOf(10, p);
        this.end = n < 0 ? this.length : n;
      }
      const e = this.end;
      const c = u[p]!;
      if (c === SPACE || c === HASH || p === e) {
        let i = p;
        while (i < e && u[i]! === SPACE) i++;
        if (i === e || u[i]! === HASH) {
          this.consume();
          continue;
        }
        this.indent = i - p;
        return true;
      }
      if (((c === DASH || c === 46) && u[p + 1] === c && u[p + 2] === c) || c === 37) bail(); // document markers (--- ...), directives
      this.indent = 0;
      return true;
    }
    return false;
  }

  /**
   * End (the ':') of the key of `map` starting at `a` and followed by ':' then a space or the
   * line's end, or -1 when there is no valid key there. Tries first the keys that have followed
   * the keys so far before (a relation's `from` after `type`), then reads it character by
   * character. Leaves the key in `knownKey` (an index among those) or `newKey`.
   */
  private readKey(map: MapBuilder, a: number, e: number): number {
    const u = this.codes;
    const expected = map.expected();
    next: for (let i = 0; i < expected.length; i++) {
      const k = expected[i]!;
      const q = a + k.length;
      if (q >= e || u[q]! !== COLON || (q + 1 < e && u[q + 1]! !== SPACE)) continue;
      for (let j = 0; j < k.length; j++) if (k.charCodeAt(j) !== u[a + j]!) continue next;
      this.knownKey = i;
      return q;
    }
    const q = this.keyEnd(a, e);
    this.knownKey = -1;
    if (q >= 0) this.newKey = sharedKey(this.text, u, a, q);
    return q;
  }

  /** End of a valid key starting at `a` and followed by ':' then a space or the line's end, or -1. */
  private keyEnd(a: number, e: number): number {
    const u = this.codes;
    if (a >= e || (classOf(u[a]!) & KEY_START) === 0) return -1;
    let q = a + 1;
    while (q < e && (classOf(u[q]!) & IN_KEY) !== 0) q++;
    if (q === e || u[q]! !== COLON || (q + 1 < e && u[q + 1]! !== SPACE)) return -1;
    return q;
  }

  /** `key: value` in [a, e) at column `column`; an empty value may open a nested block list. */
  private entry(map: MapBuilder, a: number, e: number, column: number): void {
    const u = this.codes;
    const q = this.readKey(map, a, e);
    if (q < 0) bail();
    const known = this.knownKey;
    const key = this.newKey;
    let v = q + 1;
    while (v < e && u[v]! === SPACE) v++;
    if (v < e && u[v]! !== HASH) {
      map.add(known, key, this.value(v, e, false, 1));
      return;
    }
    const found = this.nextContent();
    const indent = found ? this.indent : -1;
    const dash = found && u[this.pos + indent]! === DASH && u[this.pos + indent + 1]! === SPACE;
    if (found && (indent > column || (indent === column && dash))) {
      if (!dash) bail();
      map.add(known, key, this.blockList(indent, column));
    } else {
      map.add(known, key, null);
    }
  }

  /** A block list whose dashes sit at column `dash` (inside a mapping at column `parent`). */
  private blockList(dash: number, parent: number): unknown[] {
    const t = this.text;
    const u = this.codes;
    const list = this.listAt(1);
    let n = 0;
    while (this.nextContent()) {
      const p = this.pos;
      const indent = this.indent;
      if (indent !== dash || u[p + indent]! !== DASH || u[p + indent + 1]! !== SPACE) {
        if (indent <= parent) break;
        bail();
      }
      const a = p + dash + 2;
      const first = u[a]!;
      if (first === SPACE) bail();
      const e = this.end;
      this.consume();
      const map = this.mapAt(2);
      map.start();
      const q = this.readKey(map, a, e);
      if (q >= 0) {
        // A block mapping in the list: its keys continue at column dash + 2, values inline only.
        this.listMappingEntry(map, q, e);
        while (this.nextContent()) {
          const ind = this.indent;
          if (ind !== dash + 2) {
            if (ind > dash + 2) bail();
            break;
          }
          const b = this.pos + ind;
          const e2 = this.end;
          this.consume();
          const q2 = this.readKey(map, b, e2);
          if (q2 < 0) bail(); // what the careful reader would take for a key here never is a valid one
          this.listMappingEntry(map, q2, e2);
        }
        list[n++] = map.finish();
      } else {
        // Only a line whose key is not a valid one looks like a mapping to the careful reader, which refuses it.
        if (first !== OPEN_CURLY && first !== OPEN_SQUARE && LIST_MAPPING.test(t.slice(a, e))) bail();
        list[n++] = this.value(a, e, false, 2);
      }
    }
    return exactList(list, n);
  }

  /** `key: value` of a block mapping inside a list: the value must be on the key's line. */
  private listMappingEntry(map: MapBuilder, q: number, e: number): void {
    const u = this.codes;
    const known = this.knownKey;
    const key = this.newKey;
    if (q + 1 >= e) bail();
    let v = q + 2;
    while (v < e && u[v]! === SPACE) v++;
    if (v === e || u[v]! === HASH) bail();
    map.add(known, key, this.value(v, e, true, 3));
  }

  /**
   * The value in [v, e) (v is its first character). `wholeLine`: the careful reader took the
   * value with a regular expression whose '.' stops at U+2028 / U+2029, so those refuse it.
   */
  private value(v: number, e: number, wholeLine: boolean, depth: number): unknown {
    const t = this.text;
    const u = this.codes;
    if (v < e) {
      const c = u[v]!;
      if ((classOf(c) & ALNUM) !== 0) {
        let j = v + 1;
        while (j < e && (classOf(u[j]!) & IN_BLOCK_PLAIN) !== 0) j++;
        if (j === e) {
          while (u[j - 1]! === SPACE) j--;
          return this.plain(v, j);
        }
      } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
        const flow = this.flow(v, e, depth);
        if (flow !== CAREFUL) return flow;
      }
    }
    const raw = t.slice(v, e);
    if (wholeLine && /[\u2028\u2029]/.test(raw)) bail();
    return inlineValue(raw);
  }

  /** A one-line flow list or mapping of plain scalars filling [v, e), or CAREFUL. */
  private flow(v: number, e: number, depth: number): unknown {
    const u = this.codes;
    const isMap = u[v]! === OPEN_CURLY;
    const close = isMap ? CLOSE_CURLY : CLOSE_SQUARE;
    const map = this.mapAt(depth);
    const list = this.listAt(depth);
    let n = 0;
    map.start();
    let j = v + 1;
    while (j < e && u[j]! === SPACE) j++;
    if (j < e && u[j]! === close) j++;
    else {
      for (;;) {
        if (isMap) {
          j = this.readKey(map, j, e);
          if (j < 0 || j + 1 >= e) return CAREFUL;
          j += 2;
          while (j < e && u[j]! === SPACE) j++;
        }
        const s = j;
        if (j >= e || (classOf(u[j]!) & ALNUM) === 0) return CAREFUL;
        j++;
        while (j < e && (classOf(u[j]!) & IN_FLOW_PLAIN) !== 0) j++;
        if (j === e) return CAREFUL;
        const stop = u[j]!;
        if (stop !== COMMA && stop !== close) return CAREFUL;
        let b = j;
        while (u[b - 1]! === SPACE) b--;
        const value = this.plain(s, b);
        if (isMap) map.add(this.knownKey, this.newKey, value);
        else list[n++] = value;
        j++;
        if (stop === close) break;
        while (j < e && u[j]! === SPACE) j++;
      }
    }
    // Only spaces may follow (a comment, or anything else, is the careful reader's).
    while (j < e && u[j]! === SPACE) j++;
    if (j !== e) return CAREFUL;
    return isMap ? map.finish() : exactList(list, n);
  }

  /**
   * The core-schema value of the plain scalar [a, b): it starts with an ASCII letter or digit and
   * holds only harmless characters, so it is a string, a null, a boolean or a number.
   */
  private plain(a: number, b: number): unknown {
    const t = this.text;
    const u = this.codes;
    const c = u[a]!;
    if (c <= 57) {
      // Digits only: a simple integer, or a number in another notation (007, 16+ digits), which is refused.
      let n = c - 48;
      let j = a + 1;
      for (; j < b; j++) {
        const d = u[j]! - 48;
        if (d < 0 || d > 9) break;
        n = n * 10 + d;
      }
      if (j === b) return (c !== 48 || b - a === 1) && b - a <= 15 ? n : bail();
      return resolvePlain(t.slice(a, b));
    }
    const lower = c | 32;
    const len = b - a;
    // Only null / true (4 letters) and false (5) among words starting so mean something else.
    if ((len === 4 || len === 5) && (lower === 110 || lower === 116 || lower === 102)) return resolvePlain(t.slice(a, b));
    return len < SHORT ? shortString(t, u, a, b) : t.slice(a, b);
  }
}
