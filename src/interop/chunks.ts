import { appendFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';

/** A 100k-entity GEXF is over 400 MB (about 5 GB to build as one string): documents go as UTF-8 buffers of ~1 MB. */
export const CHUNK_SIZE = 1 << 20;

/** Text pieces as buffers of about `size` bytes (counted in UTF-16 units, close enough), each of whole pieces. */
export function* chunked(pieces: Iterable<string>, size = CHUNK_SIZE): Generator<Buffer, void, undefined> {
  let pending = '';
  for (const piece of pieces) {
    pending += piece;
    if (pending.length >= size) {
      yield Buffer.from(pending, 'utf8');
      pending = '';
    }
  }
  if (pending.length > 0) yield Buffer.from(pending, 'utf8');
}

/**
 * Makes the first chunk now: an exporter's first pass fails before any byte is sent, where it can be answered
 * cleanly. A consumer that stops early (a client gone) closes the exporter too, so its cleanup runs.
 */
export function firstChunkMade(chunks: Iterable<Buffer>): Iterable<Buffer> {
  const it = chunks[Symbol.iterator]();
  const first = it.next();
  return (function* () {
    try {
      for (let next = first; !next.done; next = it.next()) yield next.value;
    } finally {
      it.return?.();
    }
  })();
}

/** Writes the chunks as the stream accepts them; false when it closed first (a client gone): the rest is not made. */
export async function writeChunks(chunks: Iterable<Buffer>, out: Writable): Promise<boolean> {
  for (const chunk of chunks) {
    if (out.destroyed) return false;
    if (!out.write(chunk))
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done).off('close', done);
          resolve();
        };
        out.on('drain', done).on('close', done);
      });
  }
  return !out.destroyed;
}

/** Writes the chunks to a temporary file renamed into place at the end: a failure never leaves a truncated export. */
export function writeChunksToFile(file: string, chunks: Iterable<Buffer>): number {
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, '');
    for (const chunk of chunks) appendFileSync(partial, chunk);
    renameSync(partial, file);
    return statSync(file).size;
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}
