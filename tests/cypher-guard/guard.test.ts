import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CypherGuardThread, functionAllowed, guardCypher, procedureAllowed } from '../../src/cypher-guard';
import { CypherRefusedError, CypherSyntaxError, CypherTooComplexError } from '../../src/model/errors';
import { readCypherCorpus } from '../fixtures/cypher/corpus';

const attacks = readCypherCorpus('attacks');
const reads = readCypherCorpus('reads');
const malformed = readCypherCorpus('malformed');
const PARAMS = { id: 'ttp', kinds: ['MilitantGroup'], key: 'x', label: 'X' };

function outcome(
  query: string,
): { kind: 'allowed' } | { kind: 'refused' | 'syntax'; message: string; line: number; column: number } {
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
    expect(outcome('MATCH (n)\nWITH n\nDETACH DELETE n')).toEqual({
      kind: 'refused',
      message: expect.stringMatching(/^DETACH DELETE writes/),
      line: 3,
      column: 1,
    });
    expect(outcome('MATCH (n) RETURN n UNION MATCH (m) CREATE (x) RETURN m AS n')).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/^CREATE/),
    });
    expect(outcome('EXPLAIN MERGE (n)')).toMatchObject({ message: expect.stringContaining('even under EXPLAIN') });
    expect(outcome('CALL dbms.components()')).toMatchObject({
      message: expect.stringContaining('"dbms.components" is not on the allow-list'),
    });
    expect(outcome('RETURN 1; RETURN 2')).toMatchObject({
      message: expect.stringContaining('one statement'),
      line: 1,
      column: 11,
    });
    expect(outcome('SHOW USERS')).toMatchObject({
      message: expect.stringContaining('"SHOW USERS" is an administration command'),
    });
  });

  it('reports syntax errors with the parser message and a 1-based position', () => {
    expect(outcome('MATCH (n)\nRETRUN n')).toMatchObject({
      kind: 'syntax',
      message: expect.stringContaining("Invalid input 'RETRUN'"),
      line: 2,
      column: 1,
    });
    expect(outcome("RETURN 'unclosed")).toMatchObject({
      kind: 'syntax',
      message: expect.stringContaining('string literal'),
    });
    expect(outcome('   ')).toMatchObject({ kind: 'syntax', message: 'the query is empty' });
  });

  it('reports semantic errors (undefined variables, missing parameters) before anything runs', () => {
    expect(outcome('MATCH (n) RETURN m')).toMatchObject({
      kind: 'syntax',
      message: expect.stringContaining('Variable `m` not defined'),
      line: 1,
      column: 18,
    });
    expect(() => guardCypher('MATCH (n {id: $missing}) RETURN n', {})).toThrow(/Parameter \$missing is not defined/);
  });

  it('hands back the single statement without its trailing semicolon', () => {
    expect(guardCypher('MATCH (n) RETURN n;  ')).toEqual({ statement: 'MATCH (n) RETURN n' });
    expect(guardCypher('PROFILE MATCH (n) RETURN n')).toEqual({
      statement: 'PROFILE MATCH (n) RETURN n',
      mode: 'PROFILE',
    });
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

describe('the statement sent is the statement approved', () => {
  it('cuts the statement at the parser offsets counted as the parser counts them (code points)', () => {
    expect(guardCypher('// 🔎\nMATCH (n) RETURN n LIMIT 25').statement).toBe('MATCH (n) RETURN n LIMIT 25');
    expect(guardCypher('/* 🔎🔎🔎 CREATE (x:Pwned) */ RETURN 1 AS x').statement).toBe('RETURN 1 AS x');
    expect(guardCypher("RETURN '👩‍👩‍👧‍👦' AS a, 'é́́' AS b; // 𝔠𝔯𝔢𝔞𝔱𝔢").statement).toBe("RETURN '👩‍👩‍👧‍👦' AS a, 'é́́' AS b");
  });

  it('holds for any text around and inside the statement: emoji, surrogate pairs, combining marks, scripts', () => {
    const unicode = fc.string({
      unit: fc.oneof(
        fc.constantFrom('🔎', '👩‍👩‍👧‍👦', '🇵🇰', '𝔠', 'é', '́', 'ش', '中', 'a', ' ', '\u200d'),
        fc
          .integer({ min: 0x20, max: 0x2fff })
          .filter((c) => c < 0xd800)
          .map((c) => String.fromCodePoint(c)),
      ),
      maxLength: 20,
    });
    const safe = unicode.map((s) => s.replace(/['\\*/\n\r]/g, 'x'));
    const statements = fc.oneof(
      safe.map((s) => `RETURN '${s}' AS x`),
      fc.constant('MATCH (n:Entity) RETURN n.id AS id ORDER BY id LIMIT 25'),
      fc.constant('MATCH (a)-[r]->(b) RETURN type(r) AS t, count(*) AS c'),
    );
    fc.assert(
      fc.property(safe, statements, safe, fc.boolean(), (before, statement, after, semicolon) => {
        const query = `/* ${before} */ ${statement}${semicolon ? ';' : ''} // ${after}`;
        expect(guardCypher(query).statement).toBe(statement);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

describe('\\u escapes, read as Neo4j reads them (before strings and comments)', () => {
  it('refuses an escape that could end a string, a comment or a name, and says how to write it', () => {
    for (const query of [
      String.raw`RETURN 'x\u0027 AS a' AS b`,
      String.raw`RETURN 1 AS x // \u000a`,
      String.raw`RETURN "\u0022" AS q`,
      String.raw`RETURN '\u005C' AS b`,
      String.raw`RETURN 1 AS x /* \u002A/ */`,
      String.raw`MATCH (n:\u0060X\u0060) RETURN n`,
      String.raw`RETURN '\uD83D\uDD0E' AS s`,
      String.raw`RETURN 'x\\\u0027' AS s`,
    ]) {
      expect(outcome(query), query).toMatchObject({
        kind: 'refused',
        message: expect.stringContaining('write the character itself'),
      });
    }
    expect(outcome(String.raw`RETURN 'ab\u0027' AS x`)).toMatchObject({ line: 1, column: 11 });
  });

  it('allows escapes of letters and digits, an escaped backslash, and \\U (read later, inside the string)', () => {
    for (const query of [
      String.raw`RETURN 'a\u00e9b\u0041' AS x`,
      String.raw`RETURN 'a\\u0027b' AS x`,
      String.raw`RETURN 'a\U00000041' AS x`,
      String.raw`RETURN '\u0661' AS digit`,
    ]) {
      expect(outcome(query), query).toEqual({ kind: 'allowed' });
    }
  });
});

describe('queries too large or too deep to analyse', () => {
  const thread = new CypherGuardThread();
  afterAll(() => thread.close());

  it('answers 400 to every malformed query of the corpus, generated ones included, on the guard thread', async () => {
    const outcomes: string[] = [];
    for (const query of malformed) {
      const err = await thread.check(query, PARAMS).then(
        () => null,
        (e: unknown) => e,
      );
      if (!(err instanceof CypherSyntaxError || err instanceof CypherTooComplexError))
        outcomes.push(`${String(err)}: ${query.slice(0, 80)}`);
    }
    expect(outcomes).toEqual([]);
    expect(malformed.length).toBeGreaterThanOrEqual(18);
  }, 180_000);

  it('names the limit passed, before parsing', async () => {
    await expect(thread.check(`RETURN ${'('.repeat(100)}1${')'.repeat(100)} AS x`)).rejects.toThrow(
      /brackets nested 100 deep \(limit 30\)/,
    );
    let deep: unknown = 1;
    for (let i = 0; i < 30_000; i++) deep = [deep];
    await expect(thread.check('RETURN $p AS p', { p: deep })).rejects.toThrow(
      /parameters nested more than 1,000 levels deep/,
    );
    await expect(thread.check(`RETURN ${Array(3000).fill('1').join('+')} AS x`)).rejects.toThrow(
      /tokens \(limit 1,000\)/,
    );
  });

  it('stops an analysis past its deadline, and the next query is checked as usual', async () => {
    // A short deadline against a query under every size limit whose analysis takes seconds.
    const strict = new CypherGuardThread(1500);
    try {
      // The analysis runs on the guard's thread: this thread's timers keep firing meanwhile.
      let turns = 0;
      const ticking = setInterval(() => turns++, 10);
      await expect(strict.check(`RETURN ${Array(450).fill('1').join('+')} AS x`)).rejects.toThrow(
        /analysis took longer than 1.5 s/,
      );
      clearInterval(ticking);
      expect(turns).toBeGreaterThan(5);
      await expect(strict.check('MATCH (n) RETURN n LIMIT 1')).resolves.toEqual({
        statement: 'MATCH (n) RETURN n LIMIT 1',
      });
      await expect(strict.check('CREATE (n)')).rejects.toBeInstanceOf(CypherRefusedError);
    } finally {
      await strict.close();
    }
  }, 60_000);
});
