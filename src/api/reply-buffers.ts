/**
 * Buffers for serialised answers, reused from one response to the next. A neighbourhood answer
 * is often 100-200 kB; a fresh buffer per response is memory outside the JavaScript heap, and at
 * a thousand and more answers a second that allocation rate makes V8 run full garbage
 * collections of the whole heap (the store included) several times a second.
 *
 * A buffer is lent for one response and comes back when the response closes: by then Node has
 * handed every byte to the operating system (or dropped them with the connection), so nothing
 * reads it any more. Sizes go in powers of two; answers above the largest size, and buffers
 * beyond the bytes kept idle, are left to the garbage collector.
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
    const size = this.sizeFor(length);
    if (size === undefined) return { buffer: Buffer.allocUnsafe(length), giveBack: () => {} };
    let whole = this.free.get(size)?.pop();
    if (whole) this.idleBytes -= size;
    else whole = Buffer.allocUnsafeSlow(size);
    let returned = false;
    return {
      buffer: whole.subarray(0, length),
      giveBack: () => {
        if (returned || this.idleBytes + size > this.maxIdleBytes) return;
        returned = true;
        const list = this.free.get(size);
        if (list) list.push(whole);
        else this.free.set(size, [whole]);
        this.idleBytes += size;
      },
    };
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
    let count = 0;
    for (const list of this.free.values()) count += list.length;
    return count;
  }

  private sizeFor(length: number): number | undefined {
    if (length > this.largest) return undefined;
    let size = this.smallest;
    while (size < length) size *= 2;
    return size;
  }
}
