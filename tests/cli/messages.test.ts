import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';

/** Issue 16: messages that spoke of the wrong thing or repeated a system error raw. */
const tmp = mkdtempSync(path.join(tmpdir(), 'kg-messages-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function kg(env: Record<string, string>, ...argv: string[]) {
  for (const [k, v] of Object.entries({ NEO4J_URI: '', KG_DATA_DIR: path.join(tmp, 'no-data'), ...env }))
    vi.stubEnv(k, v);
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('kg messages (issue 16)', () => {
  it('names the environment variable a wrong serve setting came from, and the option when it came from one', async () => {
    expect(await kg({ PORT: '3000' }, 'serve', '--port', 'x')).toMatchObject({
      code: 2,
      stderr: 'kg serve: --port must be a number from 0 to 65535, not "x"',
    });
    expect(await kg({ PORT: 'http' }, 'serve')).toMatchObject({
      code: 2,
      stderr: 'kg serve: PORT must be a number from 0 to 65535, not "http"',
    });
  });

  it('export --out names what is wrong with the path instead of a raw EISDIR, and writes nothing', async () => {
    const folder = mkdtempSync(path.join(tmp, 'out-'));
    const r = await kg({}, 'export', '--format', 'gexf', '--out', folder);
    expect(r).toMatchObject({
      code: 2,
      stderr: `export: --out ${folder}: is a folder; give a file name, such as ${path.join(folder, 'graph.gexf')}`,
    });
    expect(readdirSync(tmp).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'x');
    expect(await kg({}, 'export', '--format', 'csv', '--out', file)).toMatchObject({
      code: 2,
      stderr: `export: --out ${file}: is a file; the csv format writes a folder of files: give a folder, or a name ending in .zip`,
    });
    const nowhere = path.join(tmp, 'missing', 'g.json');
    expect(await kg({}, 'export', '--out', nowhere)).toMatchObject({
      code: 2,
      stderr: `export: --out ${nowhere}: the folder ${path.dirname(nowhere)} does not exist`,
    });
    expect(existsSync(path.dirname(nowhere))).toBe(false);
  });
});

describe('kg mentions reads text documents only (issue 16)', () => {
  it('refuses a binary file and a Latin-1 file as kg import does, before reading the graph', async () => {
    const binary = path.join(tmp, 'binary.txt');
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.from('Balochistan Liberation Army\n\n'),
        Buffer.from([0, 1, 2, 0]),
        Buffer.from('\nmore\n'),
      ]),
    );
    expect(await kg({}, 'mentions', binary)).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `${binary}:3: file contains NUL bytes; is it a binary file?\nmentions: ${binary} is not a text document it can read; nothing listed`,
    });
    const latin1 = path.join(tmp, 'latin1.txt');
    writeFileSync(latin1, Buffer.from('The Balochistan Liberation Army in Qu\u00e9bec\n', 'latin1'));
    const r = await kg({}, 'mentions', latin1);
    expect(r.code).toBe(1);
    const at = 'The Balochistan Liberation Army in Qu'.length + 1;
    expect(r.stderr.split('\n')[0]).toBe(
      `${latin1}:1: file is not UTF-8 text (invalid byte 0xe9 at byte ${at}); save it as UTF-8`,
    );
  });
});
