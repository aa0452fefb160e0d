import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { chunked, firstChunkMade, writeChunks, writeChunksToFile } from '../../src/interop/chunks';

const tmp = mkdtempSync(path.join(tmpdir(), 'kg-chunks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const pieces = (n: number) => Array.from({ length: n }, (_v, i) => `<e id="${i}" name="Kōhāt 🚩 تحریک"/>\n`);

/** A stream that takes a few bytes at a time, slowly, as a slow client's socket does. */
function slowSink(): { stream: Writable; received: Buffer[] } {
  const received: Buffer[] = [];
  const stream = new Writable({
    highWaterMark: 64,
    write(chunk: Buffer, _enc, done) {
      received.push(chunk);
      setImmediate(done);
    },
  });
  return { stream, received };
}

describe('export chunks', () => {
  it('cut text into buffers of about the size asked, whole pieces each, and lose nothing, whatever the characters', () => {
    const text = pieces(500);
    const chunks = [...chunked(text, 1000)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text.join(''));
    // Every chunk ends on a piece boundary, so none splits a character.
    for (const c of chunks) expect(c.toString('utf8').endsWith('\n')).toBe(true);
  });

  it('are written to a slow stream in order, waiting for it to drain', async () => {
    const { stream, received } = slowSink();
    let made = 0;
    const source = function* () {
      for (const c of chunked(pieces(300), 200)) {
        made++;
        yield c;
      }
    };
    expect(await writeChunks(source(), stream)).toBe(true);
    await new Promise((r) => stream.end(r));
    expect(Buffer.concat(received).toString('utf8')).toBe(pieces(300).join(''));
    expect(made).toBeGreaterThan(10);
  });

  it('stop being made when the stream closes early (a client that went away)', async () => {
    const { stream } = slowSink();
    let made = 0;
    const source = function* () {
      for (let i = 0; i < 1000; i++) {
        made++;
        if (i === 5) stream.destroy();
        yield Buffer.alloc(100, 'x');
      }
    };
    expect(await writeChunks(source(), stream)).toBe(false);
    expect(made).toBeLessThan(10);
  });

  it('can have their first one made before anything is sent, so a failure there is still reported cleanly', () => {
    const failsAt = (n: number) =>
      function* () {
        for (let i = 0; i < n; i++) yield Buffer.from(`chunk ${i}`);
        throw new Error(`failed after ${n}`);
      };
    expect(() => firstChunkMade(failsAt(0)())).toThrow('failed after 0');
    const later = firstChunkMade(failsAt(2)());
    const seen: string[] = [];
    expect(() => {
      for (const c of later) seen.push(c.toString());
    }).toThrow('failed after 2');
    expect(seen).toEqual(['chunk 0', 'chunk 1']);
    expect([...firstChunkMade([])]).toEqual([]);
  });

  it('close the exporter when the consumer stops early (a client gone), so its cleanup runs', async () => {
    const closed: string[] = [];
    const exporter = (name: string) =>
      function* () {
        try {
          for (let i = 0; i < 10; i++) yield Buffer.from(`${name} ${i}`);
        } finally {
          closed.push(name);
        }
      };
    for (const c of firstChunkMade(exporter('loop')())) if (c.toString() === 'loop 1') break;
    const { stream } = slowSink();
    stream.destroy();
    expect(await writeChunks(firstChunkMade(exporter('stream')()), stream)).toBe(false);
    expect(closed).toEqual(['loop', 'stream']);
  });

  it('go to a file under a temporary name: a failure halfway leaves the old file as it was and no leftovers', () => {
    const file = path.join(tmp, 'graph.gexf');
    writeFileSync(file, 'the previous export');
    const failing = function* () {
      yield Buffer.from('half of a ');
      throw new Error('the exporter failed');
    };
    expect(() => writeChunksToFile(file, failing())).toThrow('the exporter failed');
    expect(readFileSync(file, 'utf8')).toBe('the previous export');
    expect(readdirSync(tmp)).toEqual(['graph.gexf']);

    expect(writeChunksToFile(file, chunked(pieces(100), 300))).toBe(Buffer.byteLength(pieces(100).join('')));
    expect(readFileSync(file, 'utf8')).toBe(pieces(100).join(''));
    expect(existsSync(`${file}.${process.pid}.partial`)).toBe(false);
  });
});
