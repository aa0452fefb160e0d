import type { Adjacency } from './adjacency';

/**
 * Every entity and relation of the (immutable) store serialised once, as graphology's export
 * writes them (`{"key","attributes"}` and `{"key","source","target","attributes"}`), packed into
 * one off-heap buffer. An HTTP answer made of hundreds of entities and relations is then a series
 * of memory copies instead of building objects, stringifying them and encoding the text on every
 * request. This is not a cache of answers: it holds each element once, whatever is asked.
 *
 * Only valid where the answer shows the stored attributes unchanged (not under `knownBy`, which
 * trims each relation's evidence).
 */
export class ElementJson {
  private readonly chunks: Uint8Array[] = [];
  /** Element i (entities first, then relations) is chunks[chunkOf[i]][start[i] .. end[i]). */
  private readonly chunkOf: Uint32Array;
  private readonly start: Uint32Array;
  private readonly end: Uint32Array;
  private readonly entityCount: number;
  private bytesUsed = 0;

  /** Elements are packed into chunks of `chunkBytes` (one element never spans two chunks). */
  constructor(adj: Adjacency, chunkBytes = 4 * 1024 * 1024) {
    const n = adj.order;
    const m = adj.edgeKeys.length;
    this.entityCount = n;
    this.chunkOf = new Uint32Array(n + m);
    this.start = new Uint32Array(n + m);
    this.end = new Uint32Array(n + m);
    let chunk = Buffer.alloc(0);
    let used = 0;
    const append = (i: number, text: string) => {
      const length = Buffer.byteLength(text);
      if (used + length > chunk.length) {
        chunk = Buffer.allocUnsafe(Math.max(chunkBytes, length));
        used = 0;
        this.chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      }
      this.chunkOf[i] = this.chunks.length - 1;
      this.start[i] = used;
      used += chunk.write(text, used);
      this.end[i] = used;
      this.bytesUsed += length;
    };
    for (let i = 0; i < n; i++) append(i, JSON.stringify({ key: adj.ids[i]!, attributes: adj.nodeAttrs[i]! }));
    for (let e = 0; e < m; e++) {
      append(
        n + e,
        JSON.stringify({
          key: adj.edgeKeys[e]!,
          source: adj.ids[adj.edgeSource[e]!]!,
          target: adj.ids[adj.edgeTarget[e]!]!,
          attributes: adj.edgeAttrs[e]!,
        }),
      );
    }
    // The last chunk is trimmed to what it holds.
    if (this.chunks.length > 0) this.chunks[this.chunks.length - 1] = new Uint8Array(chunk.subarray(0, used));
  }

  /** Bytes the serialised elements take. */
  get size(): number {
    return this.bytesUsed;
  }

  /**
   * `head` + the entities' JSON, comma-separated + `middle` + the relations' JSON + `tail`, as
   * one buffer (of exactly that length, from `allocate`): e.g. `{"nodes":[` ... `],"edges":[` ... `]}`.
   */
  join(
    head: string | Uint8Array,
    entities: ArrayLike<number>,
    middle: string,
    relations: ArrayLike<number>,
    tail: string,
    allocate: (length: number) => Buffer = Buffer.allocUnsafe,
  ): Buffer {
    const n = this.entityCount;
    // A head of several kilobytes that does not change (the sources list) can come encoded.
    const headBytes = typeof head === 'string' ? Buffer.byteLength(head) : head.length;
    let length = headBytes + Buffer.byteLength(middle) + Buffer.byteLength(tail);
    length += Math.max(0, entities.length - 1) + Math.max(0, relations.length - 1);
    for (let i = 0; i < entities.length; i++) length += this.length(entities[i]!);
    for (let i = 0; i < relations.length; i++) length += this.length(n + relations[i]!);
    const out = allocate(length);
    let at = typeof head === 'string' ? out.write(head, 0) : (out.set(head, 0), headBytes);
    at = this.copyAll(out, at, entities, 0);
    at += out.write(middle, at);
    at = this.copyAll(out, at, relations, n);
    out.write(tail, at);
    return out;
  }

  private length(element: number): number {
    return this.end[element]! - this.start[element]!;
  }

  private copyAll(out: Buffer, at: number, elements: ArrayLike<number>, base: number): number {
    const COMMA = 0x2c;
    for (let i = 0; i < elements.length; i++) {
      if (i > 0) out[at++] = COMMA;
      const element = base + elements[i]!;
      // A plain Uint8Array view and set() cost less per call than Buffer.copy (which checks its
      // arguments and makes a Buffer view): answers are hundreds of small copies.
      const start = this.start[element]!;
      const end = this.end[element]!;
      out.set(this.chunks[this.chunkOf[element]!]!.subarray(start, end), at);
      at += end - start;
    }
    return at;
  }
}
