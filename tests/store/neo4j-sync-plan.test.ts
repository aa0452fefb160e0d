import { Record as Neo4jRecord, type ManagedTransaction } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/model';
import { Sessions, syncKnowledgeBase } from '../../src/store/neo4j';
import { loadStatement, schemaStatements } from '../../src/store/neo4j/cypher-files';
import { seedRows } from '../../src/model/neo4j-rows';
import { SYNC_TIMEOUT_MS } from '../../src/store/neo4j/sync';
import { FIXTURE_RELATIONS, fixtureKnowledgeBase } from './fixture';

/**
 * The sync's plan against a database that already holds a knowledge base, with no server: the
 * session factory answers current-state.cypher as the database would (one row per item) and
 * records every statement and the transaction's settings.
 */

/** What current-state.cypher answers for a database holding exactly `kb`: one row per item. */
function currentState(kb: KnowledgeBase): Neo4jRecord[] {
  const rows = seedRows(kb);
  const row = (
    item: string,
    id: unknown,
    hash: unknown,
    kind: unknown = null,
    fromId: unknown = null,
    toId: unknown = null,
  ) => new Neo4jRecord(['item', 'id', 'hash', 'kind', 'fromId', 'toId'], [item, id, hash, kind, fromId, toId]);
  return [
    ...rows.sources.map((s) => row('source', s.id, s.hash)),
    ...rows.entities.map((e) => row('entity', e.id, e.hash, e.kind)),
    ...rows.relations.map((r) => row('relation', r.props.key, r.props.hash, r.props.type, r.from, r.to)),
  ];
}

function database(holding: KnowledgeBase | null) {
  const sent: { text: string; params: Record<string, unknown> }[] = [];
  const txConfigs: unknown[] = [];
  const tx = {
    run(text: string, params: Record<string, unknown> = {}) {
      sent.push({ text, params });
      const records = text === loadStatement('current-state').text && holding ? currentState(holding) : [];
      return Promise.resolve({ records });
    },
  } as unknown as ManagedTransaction;
  const execute = async <T>(work: (t: ManagedTransaction) => Promise<T>, txConfig?: unknown) => {
    txConfigs.push(txConfig);
    return work(tx);
  };
  const factory = { session: () => ({ executeRead: execute, executeWrite: execute, close: async () => {} }) };
  const sessions = new Sessions(factory as never, { uri: 'bolt://db.example:7687', user: 'neo4j' });
  /** Statements other than the schema, the current state and the source links (re-sent on every sync). */
  const writes = () =>
    sent.filter(
      (s) =>
        !schemaStatements().includes(s.text) &&
        ![
          loadStatement('current-state').text,
          loadStatement('supports').text,
          loadStatement('prune-supports').text,
        ].includes(s.text),
    );
  return { sent, txConfigs, sessions, writes };
}

describe('Neo4j sync plan', () => {
  it("runs in one write transaction with a timeout of its own, since a large first sync outlasts the server's default", async () => {
    const db = database(null);
    await syncKnowledgeBase(db.sessions, fixtureKnowledgeBase());
    expect(db.txConfigs.at(-1)).toEqual({ timeout: SYNC_TIMEOUT_MS });
    expect(SYNC_TIMEOUT_MS).toBeGreaterThan(60_000);
  });

  it('changes nothing when the database already holds the knowledge base (current state read row by row)', async () => {
    const kb = fixtureKnowledgeBase();
    const db = database(kb);
    const report = await syncKnowledgeBase(db.sessions, kb);
    expect(report.relations).toEqual({ created: 0, updated: 0, removed: 0, unchanged: kb.relations.length });
    expect(report.entities).toEqual({ created: 0, updated: 0, removed: 0, unchanged: kb.entities.length });
    expect(db.writes()).toEqual([]);
  });

  it('replaces a relation with an explicit id whose end changed though its properties did not', async () => {
    const before = fixtureKnowledgeBase(
      `${FIXTURE_RELATIONS}- { id: pinned, type: targets, from: b, to: d, evidence: [{ source: src-a, paragraph: 2 }] }\n`,
    );
    const after = fixtureKnowledgeBase(
      `${FIXTURE_RELATIONS}- { id: pinned, type: targets, from: b, to: e, evidence: [{ source: src-a, paragraph: 2 }] }\n`,
    );
    const db = database(before);
    const report = await syncKnowledgeBase(db.sessions, after);
    expect(report.relations).toMatchObject({ created: 0, updated: 1, removed: 0 });
    const removed = db.sent.find((s) => s.text === loadStatement('remove-relations').text);
    expect(removed?.params.rows).toEqual([{ key: 'pinned', from: 'b' }]);
    const written = db
      .writes()
      .flatMap((s) => (s.text.includes('TARGETS') ? (s.params.rows as { to: string; props: { key: string } }[]) : []));
    expect(written.map((r) => [r.props.key, r.to])).toEqual([['pinned', 'e']]);
  });
});
