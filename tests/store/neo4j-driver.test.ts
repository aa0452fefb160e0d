import neo4j, { Neo4jError, Record as Neo4jRecord, ResultSummary, type ManagedTransaction } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ENTITY_KIND_IDS, RELATION_TYPE_IDS, searchKey } from '../../src/model';
import { openNeo4jStore, Neo4jStore, Sessions, syncKnowledgeBase } from '../../src/store/neo4j';
import {
  forKind,
  forRelationType,
  LOAD_NAMES,
  loadStatement,
  query,
  QUERY_NAMES,
  schemaStatements,
  templatePlaceholder,
} from '../../src/store/neo4j/cypher-files';
import { CypherQueryError, StoreUnauthorizedError, StoreUnavailableError } from '../../src/model/errors';
import { operatorMessage } from '../../src/store/operator-message';
import { toPlain } from '../../src/store/neo4j/values';
import { fixtureKnowledgeBase } from './fixture';

/**
 * What the Neo4j adapter sends and how it reads answers, with the real neo4j-driver value types
 * (Integer, Record, Node, Relationship, Date, Neo4jError) and no server: the seam is the session
 * factory, which records each statement and answers with real driver records.
 */

interface Sent {
  text: string;
  params: Record<string, unknown>;
}

type Answer = (text: string, params: Record<string, unknown>) => Neo4jRecord[];

function recording(answer: Answer = () => [], failWith?: Error) {
  const sent: Sent[] = [];
  const sessions: { config: Record<string, unknown>; txConfig?: unknown; closed: number }[] = [];
  const tx = {
    run(text: string, params: Record<string, unknown> = {}) {
      sent.push({ text, params });
      return Promise.resolve({ records: answer(text, params) });
    },
  } as unknown as ManagedTransaction;
  const factory = {
    session(config: Record<string, unknown>) {
      const entry = { config, closed: 0 } as (typeof sessions)[number];
      sessions.push(entry);
      const execute = async <T>(work: (t: ManagedTransaction) => Promise<T>, txConfig?: unknown) => {
        entry.txConfig = txConfig;
        if (failWith) throw failWith;
        return work(tx);
      };
      return { executeRead: execute, executeWrite: execute, close: async () => void entry.closed++ };
    },
  };
  const context = { uri: 'bolt://db.example:7687', user: 'neo4j', database: 'neo4j' };
  return {
    sent,
    sessions,
    store: new Neo4jStore(new Sessions(factory as never, context)),
    sessionsApi: new Sessions(factory as never, context),
  };
}

const record = (values: Record<string, unknown>) => new Neo4jRecord(Object.keys(values), Object.values(values));

/** Every statement text the program may send: named queries, schema, load templates per registry value. */
function knownTexts(): Set<string> {
  const texts = new Set<string>([...QUERY_NAMES.map((n) => query(n).text), ...schemaStatements()]);
  for (const name of LOAD_NAMES) {
    const s = loadStatement(name);
    const placeholder = templatePlaceholder(s);
    if (placeholder === null) texts.add(s.text);
    else if (placeholder === 'KIND_LABEL') ENTITY_KIND_IDS.forEach((k) => texts.add(forKind(s, k).text));
    else RELATION_TYPE_IDS.forEach((t) => texts.add(forRelationType(s, t).text));
  }
  return texts;
}

describe('Neo4j adapter, driver level', () => {
  it('sends search as search.cypher with a full-text query of the folded text, ranks the candidates itself, in a READ session it closes', async () => {
    const { sent, sessions, store } = recording(() => [
      record({
        candidate: {
          id: 'ttp',
          name: 'Tehreek-e-Taliban Pakistan',
          kind: 'MilitantGroup',
          aliases: ['TTP'],
          demonyms: [],
          degree: neo4j.int(3),
        },
      }),
    ]);
    const hits = await store.search('  TTP! ', { limit: 7 });
    // An alias equal to the query: tier 100, alias weight 2, popularity log2(1 + 3) / 3.
    expect(hits).toEqual([
      { id: 'ttp', name: 'Tehreek-e-Taliban Pakistan', kind: 'MilitantGroup', matched: 'TTP', score: 102.67 },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe(query('search').text);
    expect(sent[0]!.params).toEqual({ lucene: `searchCompact:*${searchKey('TTP')}*`, kind: null }); // the same key the stored names use
    expect(sessions[0]).toMatchObject({
      config: { defaultAccessMode: neo4j.session.READ, database: 'neo4j' },
      closed: 1,
    });
  });

  it('never puts input into query text: a hostile name and query travel only as parameters', async () => {
    const hostile = "x'}) MATCH (n) DETACH DELETE n //";
    // An empty database: current-state.cypher answers no rows, like every other statement here.
    const { sent, store, sessionsApi } = recording(() => []);
    await store.search(hostile, { limit: 5 });
    await store.neighborhood('a', { depth: 2, limit: 10, asOf: '2024-06', types: ['targets'] });
    const kb = fixtureKnowledgeBase();
    kb.entities[0]!.name = hostile;
    const report = await syncKnowledgeBase(sessionsApi, kb);
    expect(report.entities).toEqual({ created: 6, updated: 0, removed: 0, unchanged: 0 });
    const known = knownTexts();
    for (const s of sent) {
      expect(known.has(s.text)).toBe(true);
      expect(s.text).not.toContain('DETACH DELETE n //');
    }
    expect(JSON.stringify(sent.map((s) => s.params))).toContain('DETACH DELETE n //');
  });

  it('loads relations with one statement per registry type, whole numbers as Integers, partial dates with their bounds', async () => {
    const { sent, sessionsApi } = recording(() => []);
    await syncKnowledgeBase(sessionsApi, fixtureKnowledgeBase());
    const targets = sent.find((s) => s.text === forRelationType(loadStatement('relations'), 'targets').text)!;
    expect(targets.text).toContain('[r:TARGETS {key: row.props.key}]');
    const rows = targets.params.rows as { from: string; props: Record<string, unknown> }[];
    const withCredibility = rows.find((r) => r.from === 'b')!;
    expect(neo4j.isInt(withCredibility.props.credibility)).toBe(true);
    const allied = sent.find((s) => s.text.includes('ALLIED_WITH'))!.params.rows as {
      props: Record<string, unknown>;
    }[];
    expect(allied[0]!.props).toMatchObject({
      since: '2020',
      sinceFirst: '2020-01-01',
      until: '2022-11',
      untilLast: '2022-11-30',
      evidencePublished: ['2024-12-31'],
    });
    const entities = sent
      .filter((s) => s.text.includes('SET n:MilitantGroup'))
      .flatMap((s) => s.params.rows as Record<string, unknown>[]);
    const a = entities.find((e) => e.id === 'a')!;
    expect(a).toMatchObject({ searchCompact: 'nodea af alphafronte' });
    // The schema runs first, each statement in its own transaction; then one write transaction.
    expect(sent.slice(0, schemaStatements().length).map((s) => s.text)).toEqual(schemaStatements());
  });

  it('reads Integers, JSON citations and relations back into the shapes the API serves', async () => {
    const sourceRecord = record({
      source: { id: 'src-a', title: 'Source A', authors: [], published: '2024-01', file: 'a.txt', order: neo4j.int(0) },
      citations: neo4j.int(3),
    });
    const { store } = recording((text) => {
      if (text === query('sources').text) return [sourceRecord];
      if (text === query('entity').text) {
        return [
          record({
            entity: {
              id: 'b',
              kind: 'MilitantGroup',
              name: 'Node B',
              aliases: [],
              demonyms: [],
              description: 'x',
              facts: '[]',
              mentions: '[]',
            },
            relations: [
              {
                relation: {
                  key: 'b--targets--c',
                  type: 'targets',
                  status: 'reported',
                  assertedBy: [],
                  credibility: neo4j.int(2),
                  evidence: '[{"source":"src-a","paragraph":2}]',
                },
                from: 'b',
                to: 'c',
                other: { id: 'c', name: 'Node C', kind: 'MilitantGroup' },
              },
            ],
            sources: [sourceRecord.get('source')],
          }),
        ];
      }
      return [];
    });
    const b = await store.getEntity('b');
    expect(b!.relations.targets![0]).toEqual({
      key: 'b--targets--c',
      type: 'targets',
      from: 'b',
      to: 'c',
      other: { id: 'c', name: 'Node C', kind: 'MilitantGroup' },
      direction: 'outgoing',
      status: 'reported',
      assertedBy: [],
      credibility: 2,
      evidence: [{ source: 'src-a', paragraph: 2, title: 'Source A', published: '2024-01' }],
    });
    expect(b!.degree).toBe(1);
    expect(await store.sources()).toEqual([
      { id: 'src-a', title: 'Source A', authors: [], published: '2024-01', file: 'a.txt', citations: 3 },
    ]);
  });

  it('streams user Cypher in a READ transaction with the timeout, stops at maxRows, converts values and collects the graph', async () => {
    const a = new neo4j.types.Node(
      neo4j.int(1),
      ['Entity', 'MilitantGroup'],
      {
        id: 'a',
        kind: 'MilitantGroup',
        name: 'Node A',
        aliases: [],
        demonyms: [],
        description: 'x',
        facts: '[]',
        mentions: '[]',
      },
      'e:1',
    );
    const b = new neo4j.types.Node(
      neo4j.int(2),
      ['Entity', 'MilitantGroup'],
      {
        id: 'b',
        kind: 'MilitantGroup',
        name: 'Node B',
        aliases: [],
        demonyms: [],
        description: 'x',
        facts: '[]',
        mentions: '[]',
      },
      'e:2',
    );
    const rel = new neo4j.types.Relationship(
      neo4j.int(9),
      neo4j.int(1),
      neo4j.int(2),
      'ALLIED_WITH',
      { key: 'a--allied-with--b', type: 'allied-with', status: 'reported', assertedBy: [], evidence: '[]' },
      'r:9',
      'e:1',
      'e:2',
    );
    let pulled = 0;
    let cancelled = false;
    const rows = [0, 1, 2, 3, 4].map((i) =>
      record({ n: a, r: rel, m: b, i: neo4j.int(i), day: new neo4j.types.Date(2024, 6, 1) }),
    );
    const sent: Sent[] = [];
    const factorySessions: Record<string, unknown>[] = [];
    let txConfig: unknown;
    const tx = {
      run(text: string, params: Record<string, unknown>) {
        sent.push({ text, params });
        // The planner's verdict, asked first (defence in depth behind the guard): a read.
        if (text.startsWith('EXPLAIN ')) return { summary: async () => new ResultSummary(text, params, { type: 'r' }) };
        if (text !== 'MATCH (n)-[r]->(m) RETURN n, r, m, $k AS i, date() AS day')
          return Promise.resolve({ records: [] });
        return {
          keys: async () => ['n', 'r', 'm', 'i', 'day'],
          [Symbol.asyncIterator]() {
            return {
              next: async () =>
                pulled < rows.length ? { done: false, value: rows[pulled++] } : { done: true, value: undefined },
              return: async () => {
                cancelled = true;
                return { done: true, value: undefined };
              },
            };
          },
        };
      },
    } as unknown as ManagedTransaction;
    const factory = {
      session(config: Record<string, unknown>) {
        factorySessions.push(config);
        return {
          executeRead: async <T>(work: (t: ManagedTransaction) => Promise<T>, c: unknown) => ((txConfig = c), work(tx)),
          executeWrite: async () => {
            throw new Error('no writes');
          },
          close: async () => {},
        };
      },
    };
    const store = new Neo4jStore(new Sessions(factory as never, { uri: 'bolt://x', user: 'neo4j' }));
    const result = await store.runCypher(
      'MATCH (n)-[r]->(m) RETURN n, r, m, $k AS i, date() AS day',
      { k: 3, ratio: 0.5 },
      { timeoutMs: 1500, maxRows: 2 },
    );
    expect(result.columns).toEqual(['n', 'r', 'm', 'i', 'day']);
    expect(result.rows).toHaveLength(2);
    expect(result.truncated).toBe(true);
    expect(pulled).toBe(3);
    expect(cancelled).toBe(true);
    expect(result.rows[1]![3]).toBe(1);
    expect(result.rows[0]![4]).toBe('2024-06-01');
    expect(result.rows[0]![0]).toMatchObject({
      elementId: 'e:1',
      labels: ['Entity', 'MilitantGroup'],
      properties: { id: 'a' },
    });
    expect(result.graph.nodes.map((n) => n.key).sort()).toEqual(['a', 'b']);
    expect(result.graph.edges).toEqual([
      expect.objectContaining({ key: 'a--allied-with--b', source: 'a', target: 'b' }),
    ]);
    expect(sent[0]!.text).toBe('EXPLAIN MATCH (n)-[r]->(m) RETURN n, r, m, $k AS i, date() AS day');
    expect(neo4j.isInt(sent[0]!.params.k)).toBe(true);
    expect(sent[0]!.params.ratio).toBe(0.5);
    expect(factorySessions[0]).toMatchObject({ defaultAccessMode: neo4j.session.READ, fetchSize: 3 });
    expect(txConfig).toEqual({ timeout: 1500 });
  });

  it('reads a byte-array property, which the driver gives as an Int8Array, as its bytes in base64', () => {
    const bytes = Int8Array.from([-1, 0, 65]);
    expect(toPlain({ payload: bytes, inList: [bytes.subarray(2)] })).toEqual({ payload: '/wBB', inList: ['QQ=='] });
  });

  it('closes the session and translates driver errors: unreachable, unauthorised, bad query; clients read no address, the operator does', async () => {
    const cases = [
      [
        new Neo4jError(
          'Failed to connect to server. Caused by: connect ECONNREFUSED 10.1.2.3:7687',
          'ServiceUnavailable',
          '',
          '',
        ),
        StoreUnavailableError,
        /^Neo4j is unreachable: the connection was refused\.$/,
        /bolt:\/\/db\.example:7687.*unreachable.*10\.1\.2\.3.*NEO4J_URI/,
      ],
      [
        new Neo4jError(
          'The client is unauthorized due to authentication failure.',
          'Neo.ClientError.Security.Unauthorized',
          '',
          '',
        ),
        StoreUnauthorizedError,
        /^Neo4j refused the credentials/,
        /refused the credentials of user "neo4j".*NEO4J_USER and NEO4J_PASSWORD/,
      ],
      [
        new Neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError', '', ''),
        CypherQueryError,
        /Invalid input/,
        /Invalid input/,
      ],
    ] as const;
    for (const [error, type, message, forOperator] of cases) {
      const { sessions, store } = recording(undefined, error);
      const failure = await store.stats().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(type);
      expect((failure as Error).message).toMatch(message);
      expect((failure as Error).message).not.toMatch(/db\.example|7687|10\.1\.2\.3|"neo4j"/);
      expect(operatorMessage(failure)).toMatch(forOperator);
      expect(sessions[0]!.closed).toBe(1);
    }
    const { store } = recording(undefined, cases[0][0]);
    expect(await store.health()).toMatchObject({
      ok: false,
      store: 'neo4j',
      message: 'Neo4j is unreachable: the connection was refused.',
    });
  });

  it('a real driver against a closed port fails at start-up with StoreUnavailableError', async () => {
    const started = Date.now();
    const failure = await openNeo4jStore({
      uri: 'bolt://127.0.0.1:1',
      user: 'neo4j',
      password: 'x',
      connectTimeoutMs: 2000,
    }).catch((e: unknown) => e);
    console.log(`closed port: verifyConnectivity failed after ${Date.now() - started} ms`);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(operatorMessage(failure)).toMatch(/bolt:\/\/127\.0\.0\.1:1 is unreachable.*ECONNREFUSED.*NEO4J_URI/s);
    expect((failure as Error).message).toBe('Neo4j is unreachable: the connection was refused.');
  });
});
