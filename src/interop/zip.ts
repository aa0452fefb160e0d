import { crc32 } from 'node:zlib';

/**
 * A minimal ZIP writer (STORE method, no compression) so the API can hand out a folder of CSV
 * files without a native dependency. Enough for unzip, Python's zipfile, Windows Explorer and
 * neo4j-admin users; CSV compresses well enough at the HTTP layer. The archive is produced piece
 * by piece over the files' own buffers (nothing is copied), since a large export's files run to
 * hundreds of megabytes. Each file's content must be complete before its entry: its header
 * carries its size and checksum.
 */

export interface ZipEntry {
  name: string;
  /** The file's bytes, as text, one buffer or the buffers it was written in. */
  content: string | Uint8Array | readonly Uint8Array[];
}

export class ZipTooLargeError extends Error {
  override readonly name = 'ZipTooLargeError';
}

const ZIP32_LIMIT = 0xffffffff;

/** DOS date/time fields; a fixed date keeps the archive byte-identical across exports. */
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;

/** The whole archive as one buffer (for small archives and tests). */
export function zipStore(files: readonly ZipEntry[]): Buffer {
  return Buffer.concat([...zipChunks(files)]);
}

/** The archive: for each file its local header, name and data, then the central directory. */
export function* zipChunks(files: readonly ZipEntry[]): Generator<Buffer, void, undefined> {
  // Sizes and checksums first, so an archive too large fails before its first byte is handed out.
  const entries = files.map((file) => {
    const parts =
      typeof file.content === 'string'
        ? [Buffer.from(file.content, 'utf8')]
        : file.content instanceof Uint8Array
          ? [file.content]
          : file.content;
    let crc = 0;
    let size = 0;
    for (const part of parts) {
      crc = crc32(part, crc);
      size += part.length;
    }
    return { name: Buffer.from(file.name, 'utf8'), parts, crc, size };
  });
  const total = entries.reduce((n, e) => n + 30 + 46 + 2 * e.name.length + e.size, 22);
  if (total > ZIP32_LIMIT)
    throw new ZipTooLargeError(
      `the archive would be ${Math.round(total / 1e6)} MB, past the 4 GB a ZIP without ZIP64 can hold; export to a folder instead`,
    );

  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, parts, crc, size } of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(0, 8); // method: store
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    yield local;
    yield name;
    for (const part of parts)
      yield Buffer.isBuffer(part) ? part : Buffer.from(part.buffer, part.byteOffset, part.byteLength);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(size, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk start, internal attributes: 0
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + size;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  yield* centrals;
  yield end;
}
