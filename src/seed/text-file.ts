import { readFileSync, statSync } from 'node:fs';
import type { Problem } from './problems';

const MB = 1024 * 1024;
/** Larger files are refused before they are read: a seed or claim file is hand-written, never this big. */
const MAX_INPUT_FILE_BYTES = 5 * MB;
const NOT_A_FILE = 'not a regular file (a device, FIFO, socket or folder); seed and claim files must be ordinary files';
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
type TextFileRead = { ok: true; text: string } | { ok: false; problem: Problem };

/**
 * Reads a seed or claim file as UTF-8 text, refusing what no person wrote by hand: files over `maxBytes` (before
 * reading), binary files (NUL bytes) and bytes that are not UTF-8, which a lenient decoder would turn into U+FFFD for
 * the YAML parser to report puzzlingly elsewhere.
 */
export function readTextFile(file: string, shownAs: string, maxBytes = MAX_INPUT_FILE_BYTES): TextFileRead {
  const fail = (line: number, message: string): TextFileRead => ({
    ok: false,
    problem: { severity: 'error', file: shownAs, line, message },
  });
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    // A device or FIFO reports no size and may never end (/dev/zero): only ordinary files are read.
    if (!stat.isFile()) return fail(1, NOT_A_FILE);
    const size = `${(stat.size / MB).toFixed(1)} MB, larger than the ${maxBytes / MB} MB limit`;
    if (stat.size > maxBytes) return fail(1, `file is ${size}; split it into several files`);
    bytes = readFileSync(file);
  } catch (e) {
    return fail(1, `cannot read: ${(e as Error).message}`);
  }
  const lineOfByte = (offset: number) => bytes.subarray(0, offset).toString('latin1').split('\n').length;
  const nul = bytes.indexOf(0);
  if (nul >= 0) return fail(lineOfByte(nul), 'file contains NUL bytes; is it a binary file?');
  try {
    return { ok: true, text: fatalUtf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const byte = `0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')}`;
    return fail(lineOfByte(bad), `file is not UTF-8 text (invalid byte ${byte} at byte ${bad + 1}); save it as UTF-8`);
  }
}

/**
 * Offset of the byte that starts the first broken sequence, the byte to fix (0xE9, Latin-1 "é", not the quote after
 * it): the UTF-8 length of the text before the lenient decoder's first U+FFFD that the file did not hold (EF BF BD).
 */
function firstInvalidUtf8(bytes: Buffer): number {
  // A leading BOM kept as U+FEFF (3 bytes, like the file's), so the offsets stay the file's.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) {
    const offset = Buffer.byteLength(text.slice(0, i));
    if (bytes[offset] !== 0xef || bytes[offset + 1] !== 0xbf || bytes[offset + 2] !== 0xbd) return offset;
  }
  return 0;
}
