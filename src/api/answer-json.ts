import type { GraphJson, NeighborhoodResult } from '../model';

/**
 * The UTF-8 JSON of each element the store shares frozen, written once into large off-heap chunks:
 * a neighbourhood's body is then memory copies, not a JSON text built per request (README, Design
 * notes). A Map, not a WeakMap of per-element Buffers: at 100k entities that let p99 pass 400 ms as
 * the collector worked through it. Unfrozen objects (Neo4j's, new per answer) are never kept.
 */
export class ElementBytes {
  private readonly slotOf = new Map<object, number>();
  private readonly chunks: Buffer[] = [];
  /** Element slot s is chunks[chunkOf[s]][start[s] .. end[s]). */
  private readonly chunkOf: number[] = [];
  private readonly start: number[] = [];
  private readonly end: number[] = [];
  private used = 0;

  private primed: Promise<void> | undefined;

  /**
   * `everything` (the store's whole graph) lets the first answer write every element in one pass:
   * filled one by one, a server at 100k entities ran at half speed for minutes while chunks grew.
   */
  constructor(
    private readonly everything?: () => Promise<Pick<GraphJson, 'nodes' | 'edges'>>,
    private readonly chunkBytes = 4 * 1024 * 1024,
  ) {}

  /** neighborhoodJson, after writing every element of the store once when the answer shares them. */
  async answerJson(answer: NeighborhoodResult, allocate?: (length: number) => Buffer): Promise<Buffer> {
    if (this.everything && Object.isFrozen(answer.graph.nodes[0]))
      await (this.primed ??= this.everything().then(({ nodes, edges }) => {
        for (const element of [...nodes, ...edges]) this.partOf(element);
      }));
    return this.neighborhoodJson(answer, allocate);
  }

  /** Exactly `JSON.stringify(answer)` as UTF-8, in one buffer from `allocate` (the API lends pooled ones). */
  neighborhoodJson(answer: NeighborhoodResult, allocate: (length: number) => Buffer = Buffer.allocUnsafe): Buffer {
    const { graph, truncated, counts } = answer;
    // A part is a slot number (copied from its chunk) or bytes of its own: no view object per element.
    const parts: (number | Buffer)[] = [
      Buffer.from(`{"graph":{"options":${JSON.stringify(graph.options)},"attributes":`),
    ];
    parts.push(this.partOf(graph.attributes), Buffer.from(',"nodes":['));
    // Each element is followed by a comma; the last one's comes off again.
    for (const node of graph.nodes) parts.push(this.partOf(node), COMMA);
    if (graph.nodes.length > 0) parts.pop();
    parts.push(Buffer.from('],"edges":['));
    for (const edge of graph.edges) parts.push(this.partOf(edge), COMMA);
    if (graph.edges.length > 0) parts.pop();
    parts.push(Buffer.from(`]},"truncated":${truncated},"counts":${JSON.stringify(counts)}}`));
    let length = 0;
    for (const part of parts) length += typeof part === 'number' ? this.end[part]! - this.start[part]! : part.length;
    const out = allocate(length);
    let at = 0;
    for (const part of parts) {
      if (typeof part === 'number')
        at += this.chunks[this.chunkOf[part]!]!.copy(out, at, this.start[part], this.end[part]);
      else at += part.copy(out, at);
    }
    return out;
  }

  private partOf(element: object): number | Buffer {
    if (!Object.isFrozen(element)) return Buffer.from(JSON.stringify(element));
    let s = this.slotOf.get(element);
    if (s === undefined) this.slotOf.set(element, (s = this.write(JSON.stringify(element))));
    return s;
  }

  /** Appends `text` to the last chunk (a new one when it does not fit) and returns its slot. */
  private write(text: string): number {
    const length = Buffer.byteLength(text);
    let chunk = this.chunks.at(-1);
    if (!chunk || this.used + length > chunk.length) {
      this.chunks.push((chunk = Buffer.allocUnsafeSlow(Math.max(this.chunkBytes, length))));
      this.used = 0;
    }
    this.chunkOf.push(this.chunks.length - 1);
    this.start.push(this.used);
    this.used += chunk.write(text, this.used);
    return this.end.push(this.used) - 1;
  }
}

const COMMA = Buffer.from(',');
