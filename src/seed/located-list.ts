import type { LocatedItem } from './yaml-file';

/**
 * The items read from many files, as one list of values, each locatable (file, line, lines of
 * its fields) on demand. A loaded million relations need their values only; a LocatedItem object
 * per item, kept until the checks end, was a million objects for the garbage collector to copy
 * and mark, for the few items a message is ever about.
 */
export class LocatedList<T> {
  readonly values: T[] = [];
  /** Index of the first item of each file's segment, ascending, and how to locate its items. */
  private readonly segmentStart: number[] = [];
  private readonly segmentLocate: ((offset: number) => LocatedItem<T>)[] = [];

  get length(): number {
    return this.values.length;
  }

  /** Items already located (read by the general parser). */
  addLocated(items: readonly LocatedItem<T>[]): void {
    if (items.length === 0) return;
    this.segment((offset) => items[offset]!);
    for (const item of items) this.values.push(item.value);
  }

  /** Values read from one file, with the item lines and how to locate their fields when asked. */
  addValues(values: readonly T[], locate: (offset: number, value: T) => LocatedItem<T>): void {
    if (values.length === 0) return;
    this.segment((offset) => locate(offset, values[offset]!));
    // A loop, not push(...spread): a file of 100,000 items would overflow the call stack.
    for (const value of values) this.values.push(value);
  }

  /** Item i with its place in the files. */
  at(i: number): LocatedItem<T> {
    let lo = 0;
    let hi = this.segmentStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.segmentStart[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.segmentLocate[lo]!(i - this.segmentStart[lo]!);
  }

  private segment(locate: (offset: number) => LocatedItem<T>): void {
    this.segmentStart.push(this.values.length);
    this.segmentLocate.push(locate);
  }
}
