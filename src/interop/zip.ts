import { Zip, ZipPassThrough } from 'fflate';

export class ZipTooLargeError extends Error {
  override readonly name = 'ZipTooLargeError';
}

/** fflate writes no ZIP64: an archive stops at 4 GB. */
const ZIP32_LIMIT = 0xffffffff;
/** A fixed date (local time, as ZIP stores it) keeps the archive byte-identical across exports. */
const MTIME = new Date(2024, 0, 1);

/**
 * A zip (fflate, stored: quick, and the files keep their bytes) handed out piece by piece over the
 * files' own buffers, which at 100k run to hundreds of megabytes: each file as added, then the directory.
 */
export function* zipChunks(files: readonly { name: string; chunks: readonly Uint8Array[] }[]): Generator<Buffer> {
  // Checked before the first byte is handed out: headers, data descriptors and the directory per file.
  const total = files.reduce((n, f) => n + 120 + 2 * f.name.length + f.chunks.reduce((s, p) => s + p.length, 0), 22);
  if (total > ZIP32_LIMIT)
    throw new ZipTooLargeError(
      `the archive would be ${Math.round(total / 1e6)} MB, past the 4 GB a ZIP without ZIP64 can hold; export to a folder instead`,
    );
  const out: Buffer[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  for (const { name, chunks } of files) {
    const file = new ZipPassThrough(name);
    file.mtime = MTIME;
    zip.add(file);
    if (chunks.length === 0) file.push(new Uint8Array(0), true);
    chunks.forEach((part, i) => file.push(part, i === chunks.length - 1));
    yield* out.splice(0);
  }
  zip.end();
  yield* out;
}
