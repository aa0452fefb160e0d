/**
 * Buffers for serialised answers, lent for one response and back when it closes (Node has handed
 * every byte on by then). A fresh off-heap buffer per answer, at a thousand a second, made V8 run
 * full collections of the whole heap several times a second. Sizes go in powers of two.
 */
export class ReplyBuffers {
  private readonly free = new Map<number, Buffer[]>();
  private idleBytes = 0;

  constructor(
    private readonly smallest = 64 * 1024,
    private readonly largest = 16 * 1024 * 1024,
    /** At most this many bytes wait to be lent again; more are left to the garbage collector. */
    private readonly maxIdleBytes = 64 * 1024 * 1024,
  ) {}

  /** A buffer of exactly `length` bytes (a view into a pooled one when the size is pooled), and how to give it back. */
  lend(length: number): { buffer: Buffer; giveBack: () => void } {
    if (length > this.largest) return { buffer: Buffer.allocUnsafe(length), giveBack: () => {} };
    const size = Math.max(this.smallest, 2 ** Math.ceil(Math.log2(length)));
    const list = this.free.get(size) ?? this.free.set(size, []).get(size)!;
    const pooled = list.pop();
    if (pooled) this.idleBytes -= size;
    const whole = pooled ?? Buffer.allocUnsafeSlow(size);
    let returned = false;
    const giveBack = () => {
      // A second return is ignored: the buffer would be lent twice at once.
      if (returned || this.idleBytes + size > this.maxIdleBytes) return;
      returned = true;
      list.push(whole);
      this.idleBytes += size;
    };
    return { buffer: whole.subarray(0, length), giveBack };
  }

  /** Allocates for one response: each buffer it lends comes back when `response` closes. */
  lenderFor(response: { once(event: 'close', listener: () => void): unknown }): (length: number) => Buffer {
    return (length) => {
      const lent = this.lend(length);
      response.once('close', lent.giveBack);
      return lent.buffer;
    };
  }

  /** Buffers waiting to be lent, for tests. */
  get idle(): number {
    return [...this.free.values()].reduce((count, list) => count + list.length, 0);
  }
}
