import { describe, expect, it } from 'vitest';
import { CypherRefusedError, CypherSyntaxError, functionAllowed, guardCypher, procedureAllowed } from '../../src/cypher-guard';
import { readCypherCorpus } from '../fixtures/cypher/corpus';

const attacks = readCypherCorpus('attacks');
const reads = readCypherCorpus('reads');
const PARAMS = { id: 'ttp', kinds: ['MilitantGroup'], key: 'x', label: 'X' };

function outcome(query: string): { kind: 'allowed' } | { kind: 'refused' | 'syntax'; message: string; line: number; column: number } {
  try {
    guardCypher(query, PARAMS);
    return { kind: 'allowed' };
  } catch (err) {
    if (err instanceof CypherRefusedError) return { kind: 'refused', message: err.message, ...err.position };
    if (err instanceof CypherSyntaxError) return { kind: 'syntax', message: err.message, ...err.position };
    throw err;
  }
}

describe('the read-only Cypher guard', () => {
  it('has corpora big enough to mean something', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(60);
    expect(reads.length).toBeGreaterThanOrEqual(40);
  });

  it.each(attacks)('refuses %s', (query) => {
    const result = outcome(query);
    expect(result).toMatchObject({ kind: 'refused' });
  });

  it.each(reads)('allows %s', (query) => {
    expect(outcome(query)).toEqual({ kind: 'allowed' });
  });

  it('says why, and where', () => {
    expect(outcome('MATCH (n)\nWITH n\nDETACH DELETE n')).toEqual({ kind: 'refused', message: expect.stringMatching(/^DETACH DELETE writes/), line: 3, column: 1 });
    expect(outcome('MATCH (n) RETURN n UNION MATCH (m) CREATE (x) RETURN m AS n')).toMatchObject({ kind: 'refused', message: expect.stringMatching(/^CREATE/) });
    expect(outcome('EXPLAIN MERGE (n)')).toMatchObject({ message: expect.stringContaining('even under EXPLAIN') });
    expect(outcome('CALL dbms.components()')).toMatchObject({ message: expect.stringContaining('"dbms.components" is not on the allow-list') });
    expect(outcome('RETURN 1; RETURN 2')).toMatchObject({ message: expect.stringContaining('one statement'), line: 1, column: 11 });
    expect(outcome('SHOW USERS')).toMatchObject({ message: expect.stringContaining('"SHOW USERS" is an administration command') });
  });

  it('reports syntax errors with the parser message and a 1-based position', () => {
    expect(outcome('MATCH (n)\nRETRUN n')).toMatchObject({ kind: 'syntax', message: expect.stringContaining("Invalid input 'RETRUN'"), line: 2, column: 1 });
    expect(outcome("RETURN 'unclosed")).toMatchObject({ kind: 'syntax', message: expect.stringContaining('string literal') });
    expect(outcome('   ')).toMatchObject({ kind: 'syntax', message: 'the query is empty' });
  });

  it('reports semantic errors (undefined variables, missing parameters) before anything runs', () => {
    expect(outcome('MATCH (n) RETURN m')).toMatchObject({ kind: 'syntax', message: expect.stringContaining('Variable `m` not defined'), line: 1, column: 18 });
    expect(() => guardCypher('MATCH (n {id: $missing}) RETURN n', {})).toThrow(/Parameter \$missing is not defined/);
  });

  it('hands back the single statement without its trailing semicolon', () => {
    expect(guardCypher('MATCH (n) RETURN n;  ')).toEqual({ statement: 'MATCH (n) RETURN n' });
    expect(guardCypher('PROFILE MATCH (n) RETURN n')).toEqual({ statement: 'PROFILE MATCH (n) RETURN n', mode: 'PROFILE' });
  });

  it('checks names against the allow-lists case-insensitively and by whole name', () => {
    expect(procedureAllowed('DB.LABELS')).toBe(true);
    expect(procedureAllowed('db.labelsAndDrop')).toBe(false);
    expect(functionAllowed('toLower')).toBe(true);
    expect(functionAllowed('apoc.coll.sum')).toBe(true);
    expect(functionAllowed('apoc.cypher.runFirstColumn')).toBe(false);
    expect(functionAllowed('myplugin.anything')).toBe(false);
  });
});
