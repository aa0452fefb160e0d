/**
 * Builds the mappings the fast seed reader returns. Items of a seed file share a few key
 * sequences (a relation: type, from, to, since, status, evidence), so each sequence becomes a
 * node of a shared trie, checked once for duplicate and inherited keys (what the `yaml` package
 * refuses or the reader will not guess about), and, once seen a few times, a compiled object
 * literal that creates the whole mapping in one allocation with its final layout, instead of
 * growing an empty object key by key through the engine's generic keyed stores.
 *
 * The objects are the same as `{}` with the keys assigned in order: same keys, order, values and
 * prototype.
 */
import { bail, putKey } from './fast-yaml-careful';

type Make = (values: unknown[]) => Record<string, unknown>;

/** Limits, so that files with endless distinct keys cost memory and compile time only up to a point. */
const MAX_SHAPES = 5000;
const MAX_COMPILED = 500;
const USES_BEFORE_COMPILING = 4;
let shapes = 0;
let compiled = 0;

class Shape {
  /** The keys that have followed this sequence, and the sequences they made. */
  readonly childKeys: string[] = [];
  readonly children: Shape[] = [];
  private uses = 0;
  private make: Make | undefined;

  constructor(private readonly keys: readonly string[]) {}

  /** The sequence with `key` added; refuses a duplicate key or one the object would inherit. */
  next(key: string): Shape {
    const keys = this.childKeys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return this.children[i]!;
    if (this.keys.includes(key) || ({} as Record<string, unknown>)[key] !== undefined) bail();
    if (shapes >= MAX_SHAPES) return UNSHARED;
    shapes++;
    const child = new Shape([...this.keys, key]);
    keys.push(key);
    this.children.push(child);
    return child;
  }

  build(values: unknown[]): Record<string, unknown> {
    if (this.make !== undefined) return this.make(values);
    if (++this.uses >= USES_BEFORE_COMPILING && compiled < MAX_COMPILED) {
      compiled++;
      this.make = compile(this.keys);
      return this.make(values);
    }
    const map: Record<string, unknown> = {};
    for (let i = 0; i < this.keys.length; i++) map[this.keys[i]!] = values[i];
    return map;
  }
}

/** Keys are names the reader has checked (letters, digits, '_' and '-'; never `__proto__`), so quoting them is enough. */
function compile(keys: readonly string[]): Make {
  return new Function('v', `return { ${keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ')} };`) as Make;
}

/** Past MAX_SHAPES: a mapping built key by key, with the checks made on each key. */
class Unshared extends Shape {
  override next(): Shape {
    return this;
  }
}
const UNSHARED = new Unshared([]);
const ROOT = new Shape([]);

/** One mapping being read; the scanner keeps one per nesting depth and reuses it. */
export class MapBuilder {
  private shape: Shape = ROOT;
  private n = 0;
  private readonly keys: string[] = [];
  private readonly values: unknown[] = [];

  start(): void {
    this.shape = ROOT;
    this.n = 0;
  }

  /** The keys that have followed the keys so far before, in an order that stays fixed. */
  expected(): readonly string[] {
    return this.shape.childKeys;
  }

  /** Adds the key `expected()[known]`, or `key` when `known` is -1. */
  add(known: number, key: string, value: unknown): void {
    if (known >= 0) {
      key = this.shape.childKeys[known]!;
      this.shape = this.shape.children[known]!;
    } else {
      this.shape = this.shape.next(key);
    }
    this.keys[this.n] = key;
    this.values[this.n++] = value;
  }

  finish(): Record<string, unknown> {
    const n = this.n;
    if (this.shape !== UNSHARED) return this.shape.build(this.values);
    const map: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) putKey(map, this.keys[i]!, this.values[i]);
    return map;
  }
}
