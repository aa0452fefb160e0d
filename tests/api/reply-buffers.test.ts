import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplyBuffers } from '../../src/api/reply-buffers';
import type { Entity, KnowledgeBase, LoadedRelation, Source } from '../../src/model';
import { relationKey } from '../../src/model';
import { MemoryStore } from '../../src/store/memory';
import { FILTER_SETS, useGeneratedStore } from '../store/generated-store';
import { startTestServer } from '../support/server';

describe('reply buffers', () => {
  it('lends exactly the length asked, and lends a returned buffer again instead of a new one', () => {
    const pool = new ReplyBuffers(1024, 8192, 8192);
    const a = pool.lend(1500);
    expect(a.buffer.length).toBe(1500);
    a.buffer.fill(7);
    const b = pool.lend(1500);
    // Both out at once: never the same memory.
    expect(b.buffer.buffer === a.buffer.buffer && b.buffer.byteOffset === a.buffer.byteOffset).toBe(false);
    a.giveBack();
    a.giveBack(); // a second return is ignored, or the buffer would be lent twice at once
    expect(pool.idle).toBe(1);
    const c = pool.lend(1800);
    expect(c.buffer[0]).toBe(7); // the same memory, reused
    expect(pool.idle).toBe(0);
    const d = pool.lend(1700);
    expect(d.buffer.buffer === c.buffer.buffer && d.buffer.byteOffset === c.buffer.byteOffset).toBe(false);
  });

  it('keeps at most the given bytes idle, and never pools answers above the largest size', () => {
    const pool = new ReplyBuffers(1024, 8192, 2048);
    const leases = [pool.lend(100), pool.lend(100), pool.lend(100)];
    leases.forEach((l) => l.giveBack());
    expect(pool.idle).toBe(2);
    const huge = pool.lend(10_000);
    expect(huge.buffer.length).toBe(10_000);
    huge.giveBack();
    expect(pool.idle).toBe(2);
  });
});

describe('neighbourhood answers written into reused buffers', () => {
  const store = useGeneratedStore(17);
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer(store());
  });
  afterAll(async () => {
    await server?.close();
  });

  it('every answer of many at once is exactly the store answer, also after clients hang up mid-answer', async () => {
    const s = store() as MemoryStore;
    const ids = s.entities().ids;
    const queries = Array.from({ length: 120 }, (_, i) => ({
      id: ids[(i * 37) % ids.length]!,
      depth: 1 + (i % 3),
      filters: FILTER_SETS[i % 4]!,
    }));
    const url = (q: (typeof queries)[number]) => {
      const params = new URLSearchParams({ depth: String(q.depth), limit: '5000' });
      for (const [k, v] of Object.entries(q.filters)) params.set(k, Array.isArray(v) ? v.join(',') : String(v));
      return `${server.url}/api/entities/${q.id}/neighborhood?${params}`;
    };
    // Some clients hang up as soon as the first bytes arrive: their buffers come back early.
    const hangUps = queries.slice(0, 20).map(
      (q) =>
        new Promise<void>((resolve) => {
          const req = request(url(q), (res) => {
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          });
          req.on('error', () => resolve());
          req.end();
        }),
    );
    const bodies = await Promise.all(queries.map(async (q) => (await fetch(url(q))).text()));
    await Promise.all(hangUps);
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i]!;
      expect(bodies[i], JSON.stringify(q)).toBe(
        JSON.stringify(await s.neighborhood(q.id, { depth: q.depth, limit: 5000, ...q.filters })),
      );
    }
    // And once more, now that buffers have been lent and returned many times.
    const again = await Promise.all(queries.slice(40, 80).map(async (q) => (await fetch(url(q))).text()));
    expect(again).toEqual(bodies.slice(40, 80));
  });
});

/**
 * A hub tied to a thousand entities by three relations each, every element padded with long
 * text: its neighbourhood is about 12 MB, more than loopback sockets buffer for a client that
 * does not read, so the server's write of it stays pending.
 */
function fatKnowledgeBase(): KnowledgeBase {
  const sources = [
    { id: 'src', title: 'Source', authors: [], published: '2020', file: 'src.txt' },
  ] as unknown as Source[];
  const entity = (id: string) =>
    ({
      id,
      kind: 'MilitantGroup',
      name: `Group ${id}`,
      aliases: [],
      demonyms: [],
      description: `${id} `.repeat(400).slice(0, 1900),
      facts: [],
      mentions: [],
    }) as unknown as Entity;
  const entities = [entity('hub'), ...Array.from({ length: 1000 }, (_, i) => entity(`spoke-${i}`))];
  const relations: LoadedRelation[] = [];
  for (let i = 0; i < 1000; i++) {
    for (const type of ['supports', 'funds', 'targets']) {
      const note = `${type} ${i} `.repeat(120).slice(0, 1000);
      const r = {
        type,
        from: 'hub',
        to: `spoke-${i}`,
        status: 'reported',
        assertedBy: [],
        evidence: [1, 2, 3].map((paragraph) => ({ source: 'src', paragraph, note })),
      } as unknown as LoadedRelation;
      r.key = relationKey(r);
      relations.push(r);
    }
  }
  return { sources, entities, relations };
}

/** Sends a GET on a raw socket and reads nothing until `resume` is called; then the whole body. */
function stalledGet(base: string, path: string): { started: Promise<void>; resume: () => Promise<string> } {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  // The client stops reading once the answer has begun: the server is then writing from its buffer.
  const started = new Promise<void>((resolve) =>
    socket.once('data', () => {
      socket.pause();
      resolve();
    }),
  );
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
  const ended = new Promise<string>((resolve) =>
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))),
  );
  return {
    started,
    resume: () => {
      socket.resume();
      return ended.then((raw) => raw.slice(raw.indexOf('\r\n\r\n') + 4));
    },
  };
}

describe('a buffer lent to an answer a client is slow to read', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let store: MemoryStore;
  beforeAll(async () => {
    store = new MemoryStore(fatKnowledgeBase());
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is not lent to another answer until the slow client has it all', async () => {
    const whole = '/api/entities/hub/neighborhood?limit=5000';
    const fewer = '/api/entities/hub/neighborhood?limit=5000&excludeTypes=targets';
    const slow = stalledGet(server.url, whole);
    await slow.started;
    // Meanwhile other answers of the same size class come and go.
    const others = await Promise.all(
      [fetch(server.url + fewer), fetch(server.url + fewer)].map(async (r) => (await r).text()),
    );
    const expectedFewer = JSON.stringify(
      await store.neighborhood('hub', { depth: 1, limit: 5000, excludeTypes: ['targets'] }),
    );
    expect(others).toEqual([expectedFewer, expectedFewer]);
    const expected = JSON.stringify(await store.neighborhood('hub', { depth: 1, limit: 5000 }));
    expect(expected.length).toBeGreaterThan(8 * 1024 * 1024); // large enough to stall, in the same 16 MB size class as the others
    expect(Buffer.byteLength(expectedFewer)).toBeGreaterThan(8 * 1024 * 1024);
    const body = await slow.resume();
    expect(body.length).toBe(expected.length);
    expect(body === expected).toBe(true);
  });
});
