import { searchKey } from '../../model';
import { sortedOrder } from './sorted-order';
import { buildTrigrams, type TrigramData } from './trigram-index';

/**
 * The search index's contents, as typed arrays only: built from the spellings alone (no graph),
 * so a large graph's index can be built on a worker thread while the main thread loads the
 * relations, and handed over without copying (see search-build.ts). SearchIndex answers queries
 * from it.
 *
 * A spelling (label) is an entity's name, alias or demonym; a name (in the index's sense) is a
 * label whose search key is not empty. Index entries are every word-start suffix of every key,
 * plus the key without spaces for keys of several words, sorted by UTF-16 code units.
 */
export interface SearchData {
  /** Name i is label nameLabel[i] (labels with an empty key have no name). */
  nameLabel: Int32Array;
  /** The entry holding name i's whole key. */
  nameKeyEntry: Int32Array;
  /** Entry i's text is textCodes[textStart[i] .. textStart[i + 1]). */
  textCodes: Uint16Array;
  textStart: Int32Array;
  entryName: Int32Array;
  /** 0 = whole key, 1 = word start inside the key, 2 = compact key (spaces removed). */
  entryKind: Uint8Array;
  /**
   * The trie's top: for every prefix shared by more than BIG_NODE entries, where its children
   * start (see trieChildren). Node `keys[k]` (first entry * MAX_CACHED_DEPTH + depth) has the
   * bounds bounds[start[k] .. start[k + 1]).
   */
  bigNodes: { keys: Float64Array; start: Int32Array; bounds: Int32Array };
  trigrams: TrigramData;
}

/** The spellings of every entity, in entity order: name, then aliases, then demonyms. */
export interface Spellings {
  labels: string[];
  labelEntity: Int32Array;
  /** Names rank above aliases, aliases above demonyms. */
  labelWeight: Uint8Array;
}

export const NAME_WEIGHT = 3;
export const ALIAS_WEIGHT = 2;
export const DEMONYM_WEIGHT = 0;

export function spellingsOf(
  entities: readonly { name: string; aliases: readonly string[]; demonyms: readonly string[] }[],
): Spellings {
  let count = 0;
  for (const e of entities) count += 1 + e.aliases.length + e.demonyms.length;
  const labels = new Array<string>(count);
  const labelEntity = new Int32Array(count);
  const labelWeight = new Uint8Array(count);
  let at = 0;
  const add = (entity: number, label: string, weight: number) => {
    labels[at] = label;
    labelEntity[at] = entity;
    labelWeight[at++] = weight;
  };
  for (let entity = 0; entity < entities.length; entity++) {
    const e = entities[entity]!;
    add(entity, e.name, NAME_WEIGHT);
    for (const alias of e.aliases) add(entity, alias, ALIAS_WEIGHT);
    for (const d of e.demonyms) add(entity, d, DEMONYM_WEIGHT);
  }
  return { labels, labelEntity, labelWeight };
}

export const ENTRY_KEY = 0;
export const ENTRY_WORD = 1;
export const ENTRY_COMPACT = 2;

/** Trie nodes above this many entries have their children listed at build time. */
export const BIG_NODE = 256;
export const MAX_CACHED_DEPTH = 64;

export function buildSearchData(labels: readonly string[]): SearchData {
  const keys: string[] = [];
  const nameLabel: number[] = [];
  for (let label = 0; label < labels.length; label++) {
    const key = searchKey(labels[label]!);
    if (key.length === 0) continue;
    keys.push(key);
    nameLabel.push(label);
  }

  const texts: string[] = [];
  const textName: number[] = [];
  const textKind: number[] = [];
  for (let name = 0; name < keys.length; name++) {
    const key = keys[name]!;
    texts.push(key);
    textName.push(name);
    textKind.push(ENTRY_KEY);
    let words = 1;
    for (let i = 1; i < key.length; i++) {
      if (key.charCodeAt(i - 1) !== 32) continue;
      texts.push(key.slice(i));
      textName.push(name);
      textKind.push(ENTRY_WORD);
      words++;
    }
    if (words > 1) {
      texts.push(key.replace(/ /g, ''));
      textName.push(name);
      textKind.push(ENTRY_COMPACT);
    }
  }

  const sorted = sortedOrder(texts);
  const count = sorted.length;
  const entryName = new Int32Array(count);
  const entryKind = new Uint8Array(count);
  const textStart = new Int32Array(count + 1);
  const nameKeyEntry = new Int32Array(keys.length);
  for (let i = 0; i < count; i++) {
    const t = sorted[i]!;
    entryName[i] = textName[t]!;
    entryKind[i] = textKind[t]!;
    if (entryKind[i] === ENTRY_KEY) nameKeyEntry[entryName[i]!] = i;
    textStart[i + 1] = textStart[i]! + texts[t]!.length;
  }
  const textCodes = new Uint16Array(textStart[count]!);
  for (let i = 0; i < count; i++) {
    const text = texts[sorted[i]!]!;
    for (let k = 0, at = textStart[i]!; k < text.length; k++) textCodes[at + k] = text.charCodeAt(k);
  }
  return {
    nameLabel: Int32Array.from(nameLabel),
    nameKeyEntry,
    textCodes,
    textStart,
    entryName,
    entryKind,
    bigNodes: listBigNodes(textCodes, textStart),
    trigrams: buildTrigrams(keys),
  };
}

/** The buffers of every array in `data`: they move to another thread instead of being copied. */
export function searchDataBuffers(data: SearchData): ArrayBuffer[] {
  const arrays = [
    data.nameLabel,
    data.nameKeyEntry,
    data.textCodes,
    data.textStart,
    data.entryName,
    data.entryKind,
    data.bigNodes.keys,
    data.bigNodes.start,
    data.bigNodes.bounds,
    data.trigrams.codes,
    data.trigrams.start,
    data.trigrams.holders,
  ];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/**
 * The children of the trie node of entries [lo, hi), which share their first j code units: the
 * entries ending at j come first, then one run per next code unit. Returns the run bounds:
 * [first run's start, its end = second's start, ..., hi].
 */
export function trieChildren(
  textCodes: Uint16Array,
  textStart: Int32Array,
  lo: number,
  hi: number,
  j: number,
): Int32Array {
  const bounds: number[] = [];
  let i = lo;
  while (i < hi && textStart[i + 1]! - textStart[i]! === j) i++;
  bounds.push(i);
  while (i < hi) {
    const c = textCodes[textStart[i]! + j]!;
    let end = i + 1;
    let top = hi;
    while (end < top) {
      const mid = (end + top) >>> 1;
      if (textCodes[textStart[mid]! + j]! <= c) end = mid + 1;
      else top = mid;
    }
    bounds.push(end);
    i = end;
  }
  return Int32Array.from(bounds);
}

function listBigNodes(textCodes: Uint16Array, textStart: Int32Array): SearchData['bigNodes'] {
  const keys: number[] = [];
  const start: number[] = [0];
  const bounds: number[] = [];
  const visit = (lo: number, hi: number, j: number): void => {
    if (hi - lo <= BIG_NODE || j >= MAX_CACHED_DEPTH) return;
    const kids = trieChildren(textCodes, textStart, lo, hi, j);
    keys.push(lo * MAX_CACHED_DEPTH + j);
    for (const b of kids) bounds.push(b);
    start.push(bounds.length);
    for (let k = 1; k < kids.length; k++) visit(kids[k - 1]!, kids[k]!, j + 1);
  };
  visit(0, textStart.length - 1, 0);
  return { keys: Float64Array.from(keys), start: Int32Array.from(start), bounds: Int32Array.from(bounds) };
}
