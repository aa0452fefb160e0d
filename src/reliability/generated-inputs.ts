import { closeSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';

/**
 * Broken inputs made at run time instead of committed: too big to keep in git (50 MB), or bytes
 * no editor would show (binary, Latin-1). Each writes its file and says what the error must be.
 */
export interface GeneratedInput {
  name: string;
  description: string;
  /** The claim-file shapes only `kg import` reads (CSV) are not placed in a seed. */
  importOnly: boolean;
  expect: { line: number; field: string | null; text: string }[];
  write(file: string): void;
}

const FIFTY_MB = 50 * 1024 * 1024;

/** Writes `chunk` repeatedly after `head` until the file reaches `bytes`, without holding it in memory. */
function writeRepeated(file: string, head: string, chunk: string, bytes: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, head);
    const block = chunk.repeat(Math.max(1, Math.floor((1024 * 1024) / chunk.length)));
    for (let written = head.length; written < bytes; written += block.length) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
}

/** Deterministic noise (xorshift32), so a failure can be reproduced byte for byte. */
function noise(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** The first bytes of a PNG: a picture saved under a .yaml name. Its first NUL byte is on line 3. */
const PNG_HEAD = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);

export const GENERATED_INPUTS: GeneratedInput[] = [
  {
    name: 'entities-50mb.yaml',
    description: 'a 50 MB entity file (well-formed items repeated)',
    importOnly: false,
    expect: [{ line: 1, field: null, text: 'larger than the 5 MB limit' }],
    write: (file) =>
      writeRepeated(
        file,
        '# generated\n',
        '- { id: filler, kind: State, name: Filler, description: Repeated to make the file huge. }\n',
        FIFTY_MB,
      ),
  },
  {
    name: 'claims-50mb.csv',
    description: 'a 50 MB claim table',
    importOnly: true,
    expect: [{ line: 1, field: null, text: 'larger than the 5 MB limit' }],
    write: (file) => writeRepeated(file, 'from,type,to,source,paragraph\n', 'alpha,targets,beta,src-a,2\n', FIFTY_MB),
  },
  {
    name: 'entities-binary-garbage.yaml',
    description: 'a PNG header and 64 KB of noise under a .yaml name',
    importOnly: false,
    expect: [{ line: 3, field: null, text: 'NUL bytes' }],
    write: (file) => writeFileSync(file, Buffer.concat([PNG_HEAD, noise(64 * 1024)])),
  },
  {
    name: 'claims-binary-garbage.csv',
    description: 'a PNG header and 64 KB of noise under a .csv name',
    importOnly: true,
    expect: [{ line: 3, field: null, text: 'NUL bytes' }],
    write: (file) => writeFileSync(file, Buffer.concat([PNG_HEAD, noise(64 * 1024, 12345)])),
  },
  {
    name: 'entities-not-utf8.yaml',
    description: 'a well-formed file saved as Latin-1 (é as the single byte 0xE9 on line 4)',
    importOnly: false,
    expect: [{ line: 4, field: null, text: 'not UTF-8 text' }],
    write: (file) =>
      writeFileSync(
        file,
        Buffer.from(
          '- id: gamma\n  kind: State\n  description: A made-up state.\n  name: Gamma R\u00e9publique\n',
          'latin1',
        ),
      ),
  },
  {
    name: 'entities-device.yaml',
    description: 'a seed file that is a link to /dev/zero (endless, and with no size to check)',
    importOnly: false,
    expect: [{ line: 1, field: null, text: 'not a regular file' }],
    write: (file) => symlinkSync('/dev/zero', file),
  },
  {
    name: 'entities-deep-nesting.yaml',
    description: 'a list nested 20,000 levels deep (exhausts a recursive parser)',
    importOnly: false,
    expect: [{ line: 1, field: null, text: 'nested too deeply' }],
    write: (file) => writeFileSync(file, `- ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`),
  },
];
