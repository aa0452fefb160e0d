import fc from 'fast-check';
import { openApiDocument } from '../api/openapi';

/**
 * Property-based requests to every endpoint the OpenAPI document lists (so a new endpoint is
 * fuzzed without anyone remembering to): each parameter gets values its schema allows mixed with
 * hostile ones, path ids get traversal and encoding tricks, bodies get any JSON and broken JSON,
 * and every path also gets methods it does not support. The property: no 5xx (apart from the
 * designed 503 NEO4J_REQUIRED of Cypher on the embedded store), no stack trace, and every error in
 * the `{ error: { code, message } }` shape.
 */

interface ParamSpec {
  name: string;
  in: 'query' | 'path';
  schema: Record<string, unknown>;
}

interface Operation {
  method: string;
  path: string;
  params: ParamSpec[];
  hasBody: boolean;
}

export interface FuzzResult {
  cases: number;
  byEndpoint: Record<string, number>;
  statuses: Record<string, number>;
  /** Responses that broke the property (first few per endpoint). */
  failures: string[];
  seed: number;
}

const STACK = /\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|\n\s+at /;

const HOSTILE: string[] = [
  '',
  ' ',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '3.5',
  '99999999999999999999',
  'true',
  'null',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  '%',
  '%00',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '\u202Ereversed',
  '\u0000',
  'x'.repeat(5000),
  'ttp,ttp,ttp',
  'allied-with,,,',
  '$where',
  '${7*7}',
  '{{7*7}}',
];

function operations(): Operation[] {
  const doc = openApiDocument() as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: { name: string; in: string; schema: Record<string, unknown> }[]; requestBody?: unknown }
      >
    >;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? [])
        .filter((p) => p.in === 'query' || p.in === 'path')
        .map((p) => ({ name: p.name, in: p.in as 'query' | 'path', schema: p.schema }));
      ops.push({ method: method.toUpperCase(), path, params, hasBody: op.requestBody !== undefined });
    }
  }
  return ops;
}

const ENTITY_IDS = ['ttp', 'bla', 'china', 'pakistan', 'afghan-taliban', 'cpec', 'nobody'];
const SOURCE_IDS = ['ali-2024', 'ct-report-2025', 'nope'];

/** Values the schema allows (roughly), so the fuzz reaches past validation into the stores. */
function validValues(p: ParamSpec): fc.Arbitrary<string> {
  const s = p.schema;
  const anyOf = (s.anyOf as Record<string, unknown>[] | undefined) ?? [];
  const arrayItems = anyOf.find((x) => x.type === 'array')?.items as { enum?: string[] } | undefined;
  if (arrayItems?.enum)
    return fc.array(fc.constantFrom(...arrayItems.enum), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(','));
  if (anyOf.some((x) => x.type === 'integer')) return fc.constantFrom('2020', '2024-06', '2024-02-29', '2023', '1990');
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as string[]));
  if (s.type === 'integer') {
    const min = typeof s.minimum === 'number' ? s.minimum : 0;
    const max = typeof s.maximum === 'number' ? s.maximum : 100;
    return fc.integer({ min: min - 2, max: max + 2 }).map(String);
  }
  if (p.name === 'id' || p.name === 'from' || p.name === 'to') return fc.constantFrom(...ENTITY_IDS, ...SOURCE_IDS);
  if (p.name === 'q') return fc.constantFrom('taliban', 'pak', 'tehreek', 'cpec', 'a', 'azm e istehkam');
  return fc.string({ maxLength: 20 });
}

function paramValue(p: ParamSpec): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: validValues(p) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  );
}

/** A query string: each parameter present or not, sometimes repeated or in qs bracket syntax. */
function queryString(params: ParamSpec[]): fc.Arbitrary<string> {
  const parts = params.map((p) =>
    fc.option(
      fc
        .tuple(paramValue(p), fc.constantFrom('plain', 'plain', 'plain', 'repeat', 'bracket', 'raw'))
        .map(([v, style]) => {
          const enc = encodeURIComponent(v);
          if (style === 'repeat') return `${p.name}=${enc}&${p.name}=${enc}`;
          if (style === 'bracket') return `${p.name}[a][b]=${enc}`;
          if (style === 'raw') return `${p.name}=${v.replace(/[&#\s]/g, '')}`;
          return `${p.name}=${enc}`;
        }),
      { freq: 2 },
    ),
  );
  return fc
    .tuple(...parts, fc.option(fc.constantFrom('unknown=1', '__proto__[x]=1', 'constructor[prototype][x]=1')))
    .map((xs) => xs.filter((x): x is string => x !== null).join('&'));
}

function pathValue(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ENTITY_IDS, ...SOURCE_IDS).map(encodeURIComponent) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '%E0%A4%A',
        '..',
        '%2e%2e',
        'hub%00',
        'x'.repeat(300),
        '%ZZ',
        '%2F',
        'a%2Fb',
        '~',
        '%20',
      ),
    },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent) },
  );
}

const cypherish = fc.oneof(
  fc.string(),
  fc
    .array(
      fc.constantFrom(
        'MATCH',
        '(n)',
        'RETURN',
        'n',
        'CREATE',
        'DELETE',
        'CALL',
        '{',
        '}',
        ';',
        'UNION',
        'db.labels()',
        "'",
        '`',
        '$p',
        '//',
        '/*',
        'LOAD CSV',
        'WITH',
        ',',
        'apoc.load.json',
        'SHOW',
        'USE system',
      ),
      { maxLength: 12 },
    )
    .map((t) => t.join(' ')),
);
const bodyArb = fc.oneof(
  cypherish.map((query) => ({ type: 'application/json', body: JSON.stringify({ query }) })),
  fc
    .tuple(cypherish, fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }))
    .map(([query, params]) => ({ type: 'application/json', body: JSON.stringify({ query, params }) })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
  fc.string().map((s) => ({ type: 'application/json', body: s })),
  fc
    .constantFrom(
      '{"query": "RETURN 1"',
      '{"__proto__": {"x": 1}, "query": "RETURN 1"}',
      '{"query": ["RETURN 1"]}',
      'null',
      '[]',
    )
    .map((body) => ({ type: 'application/json', body })),
  fc.string().map((s) => ({
    type: fc.sample(
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/xml'),
      1,
    )[0]!,
    body: s,
  })),
);

interface Checked {
  ok: boolean;
  status: number;
  why?: string;
}

async function checkResponse(res: Response, allow503NeedsNeo4j: boolean): Promise<Checked> {
  const text = await res.text();
  const status = res.status;
  if (STACK.test(text)) return { ok: false, status, why: `stack trace in the body: ${text.slice(0, 200)}` };
  if (status >= 500) {
    if (!(allow503NeedsNeo4j && status === 503 && /"NEO4J_REQUIRED"/.test(text)))
      return { ok: false, status, why: `status ${status}: ${text.slice(0, 200)}` };
  }
  if (status >= 400) {
    let body: { error?: { code?: unknown; message?: unknown } };
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, status, why: `error ${status} is not JSON: ${text.slice(0, 120)}` };
    }
    if (typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string')
      return {
        ok: false,
        status,
        why: `error ${status} without the { error: { code, message } } shape: ${text.slice(0, 120)}`,
      };
  }
  return { ok: true, status };
}

export async function runFuzz(
  baseUrl: string,
  options: { runsPerEndpoint: number; seed?: number },
): Promise<FuzzResult> {
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const result: FuzzResult = { cases: 0, byEndpoint: {}, statuses: {}, failures: [], seed };
  const record = (endpoint: string, c: Checked) => {
    result.cases++;
    result.byEndpoint[endpoint] = (result.byEndpoint[endpoint] ?? 0) + 1;
    result.statuses[String(c.status)] = (result.statuses[String(c.status)] ?? 0) + 1;
    if (!c.ok) throw new Error(c.why);
  };
  const run = async <T extends unknown[]>(endpoint: string, property: fc.IAsyncProperty<T>) => {
    const out = await fc.check(property, { numRuns: options.runsPerEndpoint, seed, endOnFailure: true });
    if (out.failed)
      result.failures.push(
        `${endpoint}: ${out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance)} (counterexample ${JSON.stringify(out.counterexample)}, seed ${seed})`,
      );
  };

  for (const op of operations()) {
    const endpoint = `${op.method} /api${op.path}`;
    const pathParams = op.params.filter((p) => p.in === 'path');
    const queryParams = op.params.filter((p) => p.in === 'query');
    const url = fc
      .tuple(
        fc.array(pathValue(), { minLength: pathParams.length, maxLength: pathParams.length }),
        queryString(queryParams),
      )
      .map(([ids, qs]) => {
        let path = op.path;
        pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, ids[i]!)));
        return `${baseUrl}/api${path}${qs ? `?${qs}` : ''}`;
      });
    if (op.method === 'GET') {
      await run(
        endpoint,
        fc.asyncProperty(url, async (u) => record(endpoint, await checkResponse(await fetch(u), false))),
      );
    } else {
      await run(
        endpoint,
        fc.asyncProperty(url, bodyArb, async (u, b) =>
          record(
            endpoint,
            await checkResponse(
              await fetch(u, { method: op.method, headers: { 'content-type': b.type }, body: b.body }),
              true,
            ),
          ),
        ),
      );
    }
    // Methods the endpoint does not have: a JSON 404/405, never a 5xx.
    const other = `other methods on /api${op.path}`;
    await run(
      other,
      fc.asyncProperty(
        url,
        fc.constantFrom('PUT', 'DELETE', 'PATCH', op.method === 'GET' ? 'POST' : 'GET'),
        async (u, method) =>
          record(
            other,
            await checkResponse(
              await fetch(u, {
                method,
                ...(method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }),
              }),
              false,
            ),
          ),
      ),
    );
  }
  return result;
}
