import { ResultSummary } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { CYPHER_LIMITS } from '../../src/api/routes/cypher';
import { CypherQueryError } from '../../src/model/errors';
import { refuseUnlessReadOnly } from '../../src/store/neo4j/cypher-runner';

/**
 * What the real server cannot show. tests/neo4j/cypher-defences.test.ts proves each defence on
 * Neo4j itself: the EXPLAIN check refusing plans of type w, rw and s, a user's own PROFILE run
 * once, the READ transaction, the timeout and the row cap. Left here: an answer no Neo4j 5.26
 * gives (a plan summary naming no query type, as from an older or unusual server), and the
 * limits themselves.
 */
describe('EXPLAIN before running a user query', () => {
  it('refuses a query when the plan names no query type, rather than taking it for a read', async () => {
    const tx = {
      run: (text: string, params?: Record<string, unknown>) => ({
        summary: async () => new ResultSummary(text, params ?? {}, {}),
      }),
    };
    const err = await refuseUnlessReadOnly(
      tx as unknown as Parameters<typeof refuseUnlessReadOnly>[0],
      'MATCH (n) RETURN n',
      {},
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CypherQueryError);
    expect((err as CypherQueryError).reason).toBe('refused');
  });

  it('keeps the limits the issue sets: at most 5 s and 1,000 rows', () => {
    expect(CYPHER_LIMITS.timeoutMs).toBeLessThanOrEqual(5000);
    expect(CYPHER_LIMITS.maxRows).toBeLessThanOrEqual(1000);
  });
});
