import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodyOf, EXPORT_FORMAT_IDS, EXPORT_FORMATS } from '../../src/interop/export';
import { exportGexfChunks } from '../../src/interop/export/gexf';
import { exportGraphmlChunks } from '../../src/interop/export/graphml';
import { exportNeo4jCsv } from '../../src/interop/export/neo4j-csv';
import { exportStixChunks } from '../../src/interop/export/stix';
import type { GraphJson } from '../../src/model';
import { awkwardGraph, emptyGraph, listSafeGraph, nodesOnlyGraph, trickyGraph } from './graphs';

/**
 * Every export format pinned byte for byte on small graphs chosen to break writers (XML's special
 * characters, tabs and line breaks, text outside ASCII and the BMP, empty lists, missing optional
 * fields, numbers of every type): tests/interop/golden/<graph>/<file>. After a deliberate change
 * of a format, regenerate with `UPDATE_GOLDEN=1 npx vitest run --project main tests/interop/golden.test.ts`
 * and read the diff before committing it.
 */

const GOLDEN = path.join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const graphs: [string, () => Promise<GraphJson>][] = [
  ['tricky', trickyGraph],
  ['awkward', awkwardGraph],
  ['list-safe', listSafeGraph],
  ['nodes-only', nodesOnlyGraph],
  ['empty', emptyGraph],
];

/** Each format's files: one document, or for csv the folder's files and the zip served over HTTP. */
function exportFiles(json: GraphJson): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const id of EXPORT_FORMAT_IDS) {
    const format = EXPORT_FORMATS[id];
    const out = format.render(json);
    if (out.kind === 'files') for (const f of out.files) files.set(`${id}/${f.name}`, Buffer.concat(f.chunks));
    files.set(format.fileName, Buffer.concat([...bodyOf(format.render(json))]));
  }
  return files;
}

describe.each(graphs)('the exports of the %s graph', (name, load) => {
  it('are the golden files, byte for byte', async () => {
    const dir = path.join(GOLDEN, name);
    const files = exportFiles(await load());
    if (UPDATE) {
      for (const [file, bytes] of files) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), bytes);
      }
    }
    expect(existsSync(dir), `no golden files for ${name}: run with UPDATE_GOLDEN=1`).toBe(true);
    const onDisk = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
      .sort();
    expect(onDisk).toEqual([...files.keys()].sort());
    for (const [file, bytes] of files) {
      const golden = readFileSync(path.join(dir, file));
      if (!golden.equals(bytes)) expect(bytes.toString('utf8'), file).toBe(golden.toString('utf8'));
      expect(golden.equals(bytes), file).toBe(true);
    }
  });
});

describe('the streamed exports', () => {
  it('are the same bytes however small their chunks', async () => {
    const json = await awkwardGraph();
    const whole = (chunks: Iterable<Buffer>) => Buffer.concat([...chunks]);
    const small = [...exportGexfChunks(json, 256)];
    expect(small.length).toBeGreaterThan(1);
    expect(whole(small).equals(whole(exportGexfChunks(json)))).toBe(true);
    expect(whole(exportGraphmlChunks(json, 256)).equals(whole(exportGraphmlChunks(json)))).toBe(true);
    expect(whole(exportStixChunks(json, 256)).equals(whole(exportStixChunks(json)))).toBe(true);
    const csv = (size?: number) => exportNeo4jCsv(json, size).map((f) => whole(f.chunks).toString('utf8'));
    expect(csv(256)).toEqual(csv());
  });
});
