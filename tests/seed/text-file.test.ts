import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextFile } from '../../src/seed/text-file';

const tmp = mkdtempSync(path.join(tmpdir(), 'kg-text-file-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function read(bytes: Buffer) {
  const file = path.join(tmp, 'f.yaml');
  writeFileSync(file, bytes);
  const r = readTextFile(file, 'f.yaml');
  return r.ok ? r.text : `${r.problem.line}: ${r.problem.message}`;
}

describe('readTextFile: text that is not UTF-8', () => {
  it('names the byte that starts the broken sequence, not the one after it (issue 16)', () => {
    // "é" saved as Latin-1: the single byte 0xE9, followed by a quote.
    const head = Buffer.from('- id: gamma\n  kind: State\n  name: "Gamma R');
    const bytes = Buffer.concat([head, Buffer.from([0xe9]), Buffer.from('publique"\n')]);
    const position = head.length + 1; // counted from 1, as the message counts
    expect(bytes[position - 1]).toBe(0xe9);
    expect(read(bytes)).toBe(`3: file is not UTF-8 text (invalid byte 0xe9 at byte ${position}); save it as UTF-8`);
    const quoted = Buffer.concat([Buffer.from('- id: x\n  name: R'), Buffer.from([0xe9]), Buffer.from('"\n')]);
    expect(read(quoted)).toMatch(/invalid byte 0xe9 at byte 18\)/);
  });

  it('names a stray continuation byte, a sequence cut short and a sequence cut by the end of the file', () => {
    expect(read(Buffer.concat([Buffer.from('ab'), Buffer.from([0x80]), Buffer.from('c\n')]))).toMatch(
      /invalid byte 0x80 at byte 3\)/,
    );
    // A three-byte sequence (0xE2 0x82 0xAC is "€") whose third byte is missing.
    expect(read(Buffer.concat([Buffer.from('€ x\n'), Buffer.from([0xe2, 0x82]), Buffer.from('y\n')]))).toMatch(
      /^2: .*invalid byte 0xe2 at byte 7\)/,
    );
    expect(read(Buffer.concat([Buffer.from('ok\n'), Buffer.from([0xf0, 0x9f])]))).toMatch(
      /^2: .*invalid byte 0xf0 at byte 4\)/,
    );
  });

  it('counts the bytes of a leading byte order mark (EF BB BF) in the offset', () => {
    const bytes = Buffer.concat([Buffer.from('\ufeffabc\n'), Buffer.from([0xe9]), Buffer.from('x\n')]);
    expect(read(bytes)).toBe('2: file is not UTF-8 text (invalid byte 0xe9 at byte 8); save it as UTF-8');
  });

  it('reads UTF-8 with multi-byte characters as it is', () => {
    expect(read(Buffer.from('- name: Azm-i-Istehkām — ✓ 😀\n'))).toBe('- name: Azm-i-Istehkām — ✓ 😀\n');
  });
});
