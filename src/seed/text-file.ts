import { readFileSync, statSync } from 'node:fs';
import type { Problem } from './problems';

/** Larger files are refused before they are read: a seed or claim file is hand-written, never this big. */
export const MAX_INPUT_FILE_BYTES = 5 * 1024 * 1024;

export type TextFileRead = { ok: true; text: string } | { ok: false; problem: Problem };

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a seed or claim file as UTF-8 text, refusing what no person wrote by hand: files over
 * MAX_INPUT_FILE_BYTES (checked before reading, so a huge file costs nothing), binary files (NUL
 * bytes) and bytes that are not UTF-8. Decoding leniently would turn such bytes into U+FFFD and
 * the YAML parser would then report a puzzling syntax error somewhere else. `maxBytes` raises the
 * limit for texts that are not hand-written (a document given to kg mentions).
 */
export function readTextFile(file: string, shownAs: string, maxBytes: number = MAX_INPUT_FILE_BYTES): TextFileRead {
  const fail = (line: number, message: string): TextFileRead => ({
    ok: false,
    problem: { severity: 'error', file: shownAs, line, message },
  });
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    // A device or FIFO reports no size and may never end (/dev/zero): only ordinary files are read.
    if (!stat.isFile())
      return fail(
        1,
        'not a regular file (a device, FIFO, socket or folder); seed and claim files must be ordinary files',
      );
    const size = stat.size;
    if (size > maxBytes) {
      return fail(
        1,
        `file is ${(size / 1024 / 1024).toFixed(1)} MB, larger than the ${maxBytes / 1024 / 1024} MB limit; split it into several files`,
      );
    }
    bytes = readFileSync(file);
  } catch (e) {
    return fail(1, `cannot read: ${(e as Error).message}`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return fail(lineOfByte(bytes, nul), 'file contains NUL bytes; is it a binary file?');
  try {
    return { ok: true, text: fatalUtf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return fail(
      lineOfByte(bytes, bad),
      `file is not UTF-8 text (invalid byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at byte ${bad + 1}); save it as UTF-8`,
    );
  }
}

function lineOfByte(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Offset of the first byte that breaks UTF-8: the byte that starts the broken sequence, which is
 * the byte a person must fix. (A decoder notices only at the byte after it: 0xE9, Latin-1 "é",
 * announces a three-byte sequence, and the quote that follows is what cannot continue it.) A
 * line feed never occurs inside a multi-byte sequence, so the broken line is found first, then
 * the byte, by streaming that line one byte at a time.
 */
function firstInvalidUtf8(bytes: Buffer): number {
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline + 1;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let sequenceStart = start;
    for (let i = start; i < end; i++) {
      try {
        // Output means every byte so far made characters: the next byte starts a new sequence.
        if (decoder.decode(bytes.subarray(i, i + 1), { stream: i + 1 < end }) !== '') sequenceStart = i + 1;
      } catch {
        return sequenceStart;
      }
    }
    start = end;
  }
  return 0;
}
