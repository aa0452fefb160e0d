import { appendFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';

/**
 * How the exporters write documents too large to hold as one string: text is gathered into
 * pieces of about a megabyte and handed on as UTF-8 buffers, so nothing ever holds the whole
 * document unless the caller collects it. (At 100k entities a GEXF document is over 400 MB; built
 * as one string with its copies it took about 5 GB.)
 */

/** About a megabyte: few enough chunks to write quickly, small enough to hold a handful at once. */
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
 * Makes the first chunk now and hands back all of them: an exporter's first pass (declaring types,
 * checking values) runs before anything is sent, where a failure can still be answered cleanly.
 */
export function firstChunkMade(chunks: Iterable<Buffer>): Iterable<Buffer> {
  const it = chunks[Symbol.iterator]();
  const first = it.next();
  return (function* () {
    if (!first.done) yield first.value;
    yield* { [Symbol.iterator]: () => it };
  })();
}

/**
 * Writes the chunks to a stream as it accepts them (waiting for 'drain'), so memory stays flat.
 * False when the stream closed first (a client that went away): the rest is not made.
 */
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

/**
 * Writes the chunks to a file as they are made, under a temporary name renamed into place at the
 * end: a failure halfway leaves the file as it was (or absent), never a truncated export.
 */
export function writeChunksToFile(file: string, chunks: Iterable<Buffer>): number {
  const partial = `${file}.${process.pid}.partial`;
  let bytes = 0;
  try {
    writeFileSync(partial, '');
    for (const chunk of chunks) {
      appendFileSync(partial, chunk);
      bytes += chunk.length;
    }
    renameSync(partial, file);
    return bytes;
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}
