import { parse } from 'yaml';

/**
 * A reader for the plainest shape of seed file, kept for the build target at the scale line (114 MB of YAML in < 15 s
 * and < 1.5 GB): there the library's parseDocument + toJS + zod took 64 s and 1.6 GB; this reader + zod builds in about
 * 7 s (BENCHMARKS.md).
 *
 * The shape: a list of mappings with word keys, each value on its key's line (a plain scalar, or a one-line flow list
 * or mapping of them) or a list of them on the next lines at four spaces. A plain scalar starts with an ASCII letter or
 * digit and holds only letters, digits, spaces and `.,;()'/_+-`, so it cannot end early, start a comment or hold a
 * quote. What it means (string, number, null, boolean) is the library's decision, asked once per spelling. Anything
 * else returns null and the library reads the file (and words every message); a test holds the two to the same values.
 */
export function readPlainSeedList(text: string): { value: Record<string, unknown>; line: number }[] | null {
  if (/[\t\r\ufeff]/.test(text)) return null;
  const items: { value: Record<string, unknown>; line: number }[] = [];
  let list: unknown[] | null = null; // the last key's list while its `    - ` lines continue (empty: not begun)
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (BLANK_OR_COMMENT.test(line)) continue;
    const element = LIST_ELEMENT.exec(line);
    if (element) {
      if (!list) return null;
      const value = inlineValue(element[1]!.trimEnd());
      if (value === UNREAD) return null;
      list.push(value);
      continue;
    }
    const entry = ENTRY.exec(line);
    if (!entry || list?.length === 0) return null;
    list = null;
    if (entry[1] === '- ') items.push({ value: {}, line: i + 1 });
    const map = items[items.length - 1]?.value;
    const key = entry[2]!;
    if (!map || key in map || !isPlainWord(key)) return null;
    const value = entry[3] === undefined ? (list = []) : inlineValue(entry[3].trimEnd());
    if (value === UNREAD) return null;
    map[key] = value;
  }
  return list?.length === 0 ? null : items;
}

const BLANK_OR_COMMENT = /^ *(?:#.*)?$/;
/** `- key: value` (an item's first key) or `  key: value`; no value: a list follows. */
const ENTRY = /^(- | {2})([A-Za-z]+):(?: +(\S.*))?$/;
const LIST_ELEMENT = /^ {4}- (\S.*)$/;
const PLAIN = /^[A-Za-z0-9][A-Za-z0-9 .,;()'/_+-]*$/;
const FLOW_PLAIN = /^[A-Za-z0-9][A-Za-z0-9 .;()'/_+-]*$/;
/** `key: value` then `,` or the closing `}`, inside a flow mapping. */
const FLOW_PAIR = / *([A-Za-z]+): +([A-Za-z0-9](?:[A-Za-z0-9 .;()'/_+-]*[A-Za-z0-9.;()'/_+-])?) *([,}])/y;
const UNREAD = Symbol('not in the plain shape');

function inlineValue(raw: string): unknown {
  if (raw.startsWith('[') && raw.endsWith(']')) {
    const inner = raw.slice(1, -1).trim();
    const parts = inner === '' ? [] : inner.split(',').map((p) => p.trim());
    return parts.every((p) => FLOW_PLAIN.test(p)) ? parts.map(scalar) : UNREAD;
  }
  if (raw.startsWith('{')) {
    const map: Record<string, unknown> = {};
    FLOW_PAIR.lastIndex = 1;
    for (let pair; (pair = FLOW_PAIR.exec(raw));) {
      if (pair[1]! in map || !isPlainWord(pair[1]!)) return UNREAD;
      map[pair[1]!] = scalar(pair[2]!);
      if (pair[3] === '}') return FLOW_PAIR.lastIndex === raw.length ? map : UNREAD;
    }
    return raw === '{}' ? map : UNREAD;
  }
  return PLAIN.test(raw) ? scalar(raw) : UNREAD;
}

/** Words that are not strings in YAML's core schema; every other word is its own spelling. */
const isPlainWord = (s: string) => !/^(?:null|true|false)$/i.test(s);

const meanings = new Map<string, unknown>();

/** The value of a plain scalar: a word as it is; anything else (a number, a date) as the library reads it. */
function scalar(s: string): unknown {
  if (/^[A-Za-z]/.test(s) && isPlainWord(s)) return s;
  if (meanings.has(s)) return meanings.get(s);
  if (meanings.size >= 100_000) meanings.clear();
  const value: unknown = parse(s);
  meanings.set(s, value);
  return value;
}
