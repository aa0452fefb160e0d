import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../config';

/**
 * The hostile-Cypher corpora (tests/fixtures/cypher) sent to a running API: every attack must be
 * refused before it reaches the database (403 CYPHER_REFUSED, or 400 CYPHER_SYNTAX when Neo4j's
 * parser rejects it), every read let through (200 on Neo4j; 503 NEO4J_REQUIRED on the embedded
 * store, which means the guard allowed it and the store was asked).
 */
export function readCorpus(name: 'attacks' | 'reads' | 'malformed'): string[] {
  const text = readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'cypher', `${name}.txt`), 'utf8');
  const entries = text
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .join('\n')
        .trim(),
    )
    .filter((q) => q.length > 0);
  return name === 'malformed' ? [...entries, ...generatedMalformed()] : entries;
}

/**
 * Queries too big to keep in a file, each of a shape that once held the server (issue 15): long
 * chains the analyser takes quadratic time or more over, and nesting that overflows recursion.
 */
export function generatedMalformed(): string[] {
  const repeat = (s: string, n: number) => Array(n).fill(s).join('');
  return [
    `RETURN ${Array(700).fill('1').join('+')} AS x`,
    `RETURN ${Array(1000).fill('1').join('+')} AS x`,
    `RETURN ${Array(5000).fill('1').join('+')} AS x`,
    `RETURN NOT ${repeat('NOT ', 1200)}true AS x`,
    `RETURN NOT ${repeat('NOT ', 4000)}true AS x`,
    `RETURN ${repeat('(', 500)}1${repeat(')', 500)} AS x`,
    `RETURN ${repeat('[', 2000)}1${repeat(']', 2000)} AS x`,
    `RETURN ${repeat('CASE WHEN true THEN ', 300)}1${repeat(' END', 300)} AS x`,
    `MATCH (n) WHERE ${Array(600).fill('n.id = "x"').join(' OR ')} RETURN n`,
    `RETURN '${'x'.repeat(30_000)}' AS long`,
  ];
}

/** Parameters the corpora refer to ($id, $kinds, ...). */
export const CORPUS_PARAMS = { id: 'ttp', kinds: ['MilitantGroup'], key: 'x', label: 'X' };

export interface CorpusOutcome {
  attacks: { total: number; refused: number; leaked: string[]; statuses: Record<string, number> };
  /** Answered 400 (syntax, too complex) without reaching the store. */
  malformed: {
    total: number;
    refused: number;
    leaked: string[];
    statuses: Record<string, number>;
    slowestRefusalMs: number;
    worstHealthMs: number;
  };
  reads: { total: number; allowed: number; blocked: string[]; statuses: Record<string, number> };
}

async function post(url: string, query: string): Promise<{ status: number; code?: string }> {
  const res = await fetch(`${url}/api/cypher`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, params: CORPUS_PARAMS }),
  });
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: res.status, ...(body.error?.code ? { code: body.error.code } : {}) };
}

const count = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

/** `store`: which answer means "let through" for reads. */
export async function runCypherCorpus(url: string, store: 'memory' | 'neo4j'): Promise<CorpusOutcome> {
  const out: CorpusOutcome = {
    attacks: { total: 0, refused: 0, leaked: [], statuses: {} },
    malformed: { total: 0, refused: 0, leaked: [], statuses: {}, slowestRefusalMs: 0, worstHealthMs: 0 },
    reads: { total: 0, allowed: 0, blocked: [], statuses: {} },
  };
  for (const query of readCorpus('attacks')) {
    const r = await post(url, query);
    out.attacks.total++;
    count(out.attacks.statuses, `${r.status} ${r.code ?? ''}`.trim());
    if ((r.status === 403 && r.code === 'CYPHER_REFUSED') || (r.status === 400 && r.code === 'CYPHER_SYNTAX'))
      out.attacks.refused++;
    else out.attacks.leaked.push(`${r.status} ${r.code ?? ''}: ${query}`);
  }
  for (const query of readCorpus('malformed')) {
    // While each is checked, /api/health is asked again and again: the server must keep answering.
    const started = performance.now();
    let pending = true;
    const answer = post(url, query).finally(() => (pending = false));
    while (pending) {
      const asked = performance.now();
      await fetch(`${url}/api/health`);
      out.malformed.worstHealthMs = Math.max(out.malformed.worstHealthMs, performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const r = await answer;
    out.malformed.slowestRefusalMs = Math.max(out.malformed.slowestRefusalMs, performance.now() - started);
    out.malformed.total++;
    count(out.malformed.statuses, `${r.status} ${r.code ?? ''}`.trim());
    if (r.status === 400 && (r.code === 'CYPHER_SYNTAX' || r.code === 'CYPHER_TOO_COMPLEX' || r.code === 'BAD_REQUEST'))
      out.malformed.refused++;
    else out.malformed.leaked.push(`${r.status} ${r.code ?? ''}: ${query.slice(0, 120)}`);
  }
  for (const query of readCorpus('reads')) {
    const r = await post(url, query);
    out.reads.total++;
    count(out.reads.statuses, `${r.status} ${r.code ?? ''}`.trim());
    const allowed = store === 'neo4j' ? r.status === 200 : r.status === 503 && r.code === 'NEO4J_REQUIRED';
    if (allowed) out.reads.allowed++;
    else out.reads.blocked.push(`${r.status} ${r.code ?? ''}: ${query}`);
  }
  return out;
}
