import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuestions } from '../../src/questions';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { MemoryStore } from '../../src/store/memory';
import { connectNeo4j, Neo4jStore } from '../../src/store/neo4j';
import { closeDriver } from '../../src/store/neo4j/driver';
import { NEO4J_SKIP, seedTestNeo4j, TEST_NEO4J } from '../support/neo4j';
import { HAVE_SOURCES, SEED_DIR } from '../support/paths';
import { startTestServer } from '../support/server';

/**
 * Cited briefings use only what the port returns, so a server on Neo4j writes the same Markdown,
 * byte for byte, as one on the embedded store over the real seed: every entity, some paths, every
 * saved question.
 */
describe.skipIf(NEO4J_SKIP !== false)('briefings are the same on the embedded store and Neo4j', () => {
  const kb = loadKnowledgeBaseOrThrow(SEED_DIR).kb;
  let memory: Awaited<ReturnType<typeof startTestServer>>;
  let neo4j: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    await seedTestNeo4j(kb);
    memory = await startTestServer(new MemoryStore(kb));
    neo4j = await startTestServer(new Neo4jStore(await connectNeo4j(TEST_NEO4J!)));
  });
  afterAll(async () => {
    for (const s of [memory, neo4j]) if (s) await new Promise<void>((resolve) => s.server.close(() => resolve()));
    await closeDriver();
  });

  async function both(path: string): Promise<[string, string]> {
    const answers = await Promise.all(
      [memory, neo4j].map(async (s) => {
        const res = await fetch(s.url + path);
        expect(res.status, `${s.store.kind} ${path}`).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
        return res.text();
      }),
    );
    return answers as [string, string];
  }

  it('every entity', { timeout: 120_000 }, async () => {
    expect(neo4j.store.kind).toBe('neo4j');
    for (const e of kb.entities) {
      const [a, b] = await both(`/api/entities/${e.id}?format=markdown`);
      expect(b, e.id).toBe(a);
    }
  });

  it('paths, plain and weighted', { timeout: 120_000 }, async () => {
    for (const q of [
      'from=afghanistan&to=ttp&maxHops=2&k=3',
      'from=bla&to=china&k=3&weighted=true',
      'from=ttp&to=pakistan-army&k=5',
      'from=afghanistan&to=ttp&types=funds',
    ]) {
      const [a, b] = await both(`/api/paths?${q}&format=markdown`);
      expect(b, q).toBe(a);
    }
  });

  it('every saved question, with its defaults', { timeout: 180_000 }, async () => {
    for (const q of loadQuestions()) {
      const [a, b] = await both(`/api/questions/${q.id}?format=markdown`);
      expect(a).toContain('[^1]');
      expect(b, q.id).toBe(a);
    }
  });

  it.skipIf(!HAVE_SOURCES)('with the cited passages', async () => {
    const [a, b] = await both('/api/questions/afghanistan-sheltering-ttp?format=markdown&passages=true');
    expect(a).toContain('## Cited passages');
    expect(b).toBe(a);
  });
});
