import { ResultSummary } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { CYPHER_LIMITS } from '../../src/api/routes/cypher';
import { CypherQueryError } from '../../src/store/port';
import { refuseUnlessReadOnly } from '../../src/store/neo4j/cypher-runner';

/**
 * The second line of defence behind the guard: what Neo4j's planner says the query is. A real
 * server answers EXPLAIN with a summary whose `type` is r, rw, w or s; here the driver's own
 * ResultSummary carries each answer (no Neo4j runs in this environment; with NEO4J_URI set,
 * tests/reliability/neo4j-hostile.test.ts runs the corpus against a real one).
 */
function txPlanning(type: string) {
  const sent: string[] = [];
  const tx = {
    run: (text: string, params?: Record<string, unknown>) => {
      sent.push(text);
      return { summary: async () => new ResultSummary(text, params ?? {}, { type }) };
    },
  };
  return { tx: tx as unknown as Parameters<typeof refuseUnlessReadOnly>[0], sent };
}

describe('EXPLAIN before running a user query', () => {
  it('runs a query Neo4j plans as a read', async () => {
    const { tx, sent } = txPlanning('r');
    await expect(refuseUnlessReadOnly(tx, 'MATCH (n) RETURN n', {})).resolves.toBeUndefined();
    expect(sent).toEqual(['EXPLAIN MATCH (n) RETURN n']);
  });

  it.each(['rw', 'w', 's'])('refuses a query Neo4j plans as type %s, with 403', async (type) => {
    const { tx } = txPlanning(type);
    const err = await refuseUnlessReadOnly(tx, 'MATCH (n) RETURN n', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CypherQueryError);
    expect((err as CypherQueryError).status).toBe(403);
    expect((err as Error).message).toContain(`"${type}"`);
  });

  it('does not double a user-written EXPLAIN or PROFILE', async () => {
    const { tx, sent } = txPlanning('r');
    await refuseUnlessReadOnly(tx, 'PROFILE MATCH (n) RETURN n', {});
    await refuseUnlessReadOnly(tx, '  explain MATCH (n) RETURN n', {});
    expect(sent).toEqual(['EXPLAIN MATCH (n) RETURN n', 'EXPLAIN MATCH (n) RETURN n']);
  });

  it('keeps the limits the issue sets: at most 5 s and 1,000 rows', () => {
    expect(CYPHER_LIMITS.timeoutMs).toBeLessThanOrEqual(5000);
    expect(CYPHER_LIMITS.maxRows).toBeLessThanOrEqual(1000);
  });
});
