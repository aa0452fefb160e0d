import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../src/model/questions';
import { loadQuestions, runQuestion } from '../../src/questions';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { MemoryStore } from '../../src/store/memory';
import { connectNeo4j, Neo4jStore } from '../../src/store/neo4j';
import { closeDriver } from '../../src/store/neo4j/driver';
import type { GraphStore } from '../../src/store/port';
import { NEO4J_SKIP, seedTestNeo4j, TEST_NEO4J } from '../support/neo4j';
import { SEED_DIR } from '../support/paths';

/**
 * Every shipped question, run through the port on both stores over the real seed, gets the same
 * answer element for element: the recipe uses only port operations, answered in the one order.
 */
describe.skipIf(NEO4J_SKIP !== false)('saved questions answer the same on the embedded store and Neo4j', () => {
  const questions = loadQuestions();
  let memory: GraphStore;
  let neo4j: GraphStore;
  beforeAll(async () => {
    const kb = loadKnowledgeBaseOrThrow(SEED_DIR).kb;
    memory = new MemoryStore(kb);
    await seedTestNeo4j(kb);
    neo4j = new Neo4jStore(await connectNeo4j(TEST_NEO4J!));
  });
  afterAll(async () => {
    await closeDriver();
  });

  /** Defaults, and for entity questions a second actor, so parameters are exercised on both. */
  const cases: [string, Question, Record<string, string>][] = questions.flatMap((q) => {
    const out: [string, Question, Record<string, string>][] = [[`${q.id} (defaults)`, q, {}]];
    const entity = q.parameters.find((p) => p.type === 'entity');
    if (entity && (!entity.kinds || entity.kinds.includes('MilitantGroup')))
      out.push([`${q.id} (another ${entity.name})`, q, { [entity.name]: entity.default === 'bla' ? 'ttp' : 'bla' }]);
    return out;
  });

  it.each(cases)('%s', { timeout: 60_000 }, async (_name, question, params) => {
    const a = await runQuestion(memory, question, params);
    const b = await runQuestion(neo4j, question, params);
    // With the defaults every question has an answer (another actor may have none: then both say so).
    if (Object.keys(params).length === 0) expect(a.claims.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});
