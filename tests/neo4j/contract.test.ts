import { afterAll, describe, expect, it } from 'vitest';
import { connectNeo4j, Neo4jStore, syncKnowledgeBase } from '../../src/store/neo4j';
import { closeDriver } from '../../src/store/neo4j/driver';
import { describeStoreContract } from '../store/contract';
import { fixtureKnowledgeBase, FIXTURE_RELATIONS } from '../store/fixture';
import { NEO4J_SKIP as SKIP, TEST_NEO4J as config } from '../support/neo4j';

/**
 * The same contract on the test run's Neo4j (see tests/support/global-setup.ts). It replaces the
 * graph in that database with the test fixture.
 */

async function seededStore(kb = fixtureKnowledgeBase()) {
  const sessions = await connectNeo4j(config!);
  const report = await syncKnowledgeBase(sessions, kb);
  return { store: new Neo4jStore(sessions), report };
}

describeStoreContract('Neo4j', async (kb) => (await seededStore(kb)).store, SKIP);

describe.skipIf(SKIP !== false)('kg seed sync on Neo4j', () => {
  afterAll(closeDriver);

  it('reports created, updated, removed and unchanged items, and a second run changes nothing', async () => {
    await seededStore();
    const again = await seededStore();
    expect(again.report.relations).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 7 });
    expect(again.report.entities).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 6 });
    const changed = FIXTURE_RELATIONS.replace('credibility: 2', 'credibility: 3')
      .split('\n')
      .filter((l) => !l.includes('status: denied'))
      .join('\n');
    const third = await seededStore(fixtureKnowledgeBase(changed));
    expect(third.report.relations).toEqual({ created: 0, updated: 1, removed: 1, unchanged: 5 });
    const dry = await syncKnowledgeBase(await connectNeo4j(config!), fixtureKnowledgeBase(), { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, relations: { created: 1, updated: 1, removed: 0 } });
    expect((await third.store.stats()).relations).toBe(6);
    await seededStore();
  });

  it('writes the same graph whatever the batch size, and refuses a batch size out of range before writing', async () => {
    const sessions = await connectNeo4j(config!);
    await syncKnowledgeBase(sessions, fixtureKnowledgeBase(''), { batchSize: 1 });
    const oneByOne = await syncKnowledgeBase(sessions, fixtureKnowledgeBase(), { batchSize: 2 });
    expect(oneByOne.relations.created).toBe(7);
    const store = new Neo4jStore(sessions);
    const small = await store.graph();
    await syncKnowledgeBase(sessions, fixtureKnowledgeBase(''));
    await syncKnowledgeBase(sessions, fixtureKnowledgeBase(), { batchSize: 10_000 });
    expect(await store.graph()).toEqual(small);
    await expect(syncKnowledgeBase(sessions, fixtureKnowledgeBase(''), { batchSize: 0 })).rejects.toThrow(
      /batch size must be a whole number/,
    );
    expect((await store.stats()).relations).toBe(7);
  });
});
