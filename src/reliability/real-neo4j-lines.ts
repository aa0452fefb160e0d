import type { RealNeo4jChecks } from './real-neo4j-checks';
import { connectionDetails, hasStackTrace, OUTAGE_PATHS, phases, type Answer, type OutageRun } from './real-outage';

/** RELIABILITY.md's lines for the checks on a real Neo4j, and whether they met their targets. */

const fence = (s: string) => `\`${s}\``;
const ms = (n: number) => (Number.isNaN(n) ? 'n/a' : `${n} ms`);

/** What the answers given while Neo4j was stopped show. */
function judgeDown(run: OutageRun, uri: string) {
  const down: Answer[] = [...run.goingDown.filter((a) => a.status === 503), ...run.down];
  const leaks = new Set(down.flatMap((a) => connectionDetails(a.text, uri)));
  return {
    total: down.length,
    unavailable: down.filter((a) => a.status === 503).length,
    retryAfter: down.filter((a) => Number(a.retryAfter) > 0).length,
    coded: down.filter((a) => a.code === 'STORE_UNAVAILABLE').length,
    stacks: down.filter((a) => hasStackTrace(a.text)).length,
    leaking: down.filter((a) => connectionDetails(a.text, uri).length > 0).length,
    leaks: [...leaks],
    /** Answers neither 200 nor 503 while Neo4j stopped or started. */
    odd: [...run.goingDown, ...run.comingBack].filter((a) => a.status !== 200 && a.status !== 503),
    before200: run.before.filter((a) => a.status === 200).length,
    after200: run.after.filter((a) => a.status === 200).length,
  };
}

export function cypherOnNeo4jLines(real: RealNeo4jChecks): string[] {
  if (!real.cypher) return [`- the corpora against a real Neo4j: **not run** (${real.skipped ?? 'no Neo4j'})`];
  const { outcome, before, after, bypassStatus, cartesian } = real.cypher;
  const a = outcome.attacks;
  const r = outcome.reads;
  const same = before.nodes === after.nodes && before.relationships === after.relationships;
  return [
    `- the same corpora through the API over ${real.target}: attacks refused **${a.refused} of ${a.total}**, reads answered 200 **${r.allowed} of ${r.total}**; nodes and relationships ${before.nodes} / ${before.relationships} before, ${after.nodes} / ${after.relationships} after: **${same ? 'unchanged' : 'CHANGED'}**`,
    ...a.leaked.map((q) => `  - NOT refused: ${fence(q.replace(/`/g, "'"))}`),
    ...r.blocked.map((q) => `  - not answered: ${fence(q.replace(/`/g, "'"))}`),
    `- a ${fence('CREATE')} handed to the Neo4j store directly, past the guard: **${bypassStatus ?? 'not refused'}** (EXPLAIN planned a write, so it never ran)`,
    `- a cartesian product of five node sets: **${cartesian.status}${cartesian.code ? ` ${cartesian.code}` : ''}** after ${cartesian.ms} ms (the limit is 5 s); meanwhile ${cartesian.healthAnswers} health requests, worst ${cartesian.healthWorstMs} ms, not 200: **${cartesian.healthNot200}**`,
  ];
}

export function realOutageLines(real: RealNeo4jChecks): string[] {
  const run = real.outage;
  if (!run)
    return [
      `A real Neo4j stopped under the API: **not measured** (${real.outageSkipped ?? real.skipped ?? 'no Neo4j'}).`,
    ];
  const f = run.figures;
  const j = judgeDown(run, run.uri);
  const health = run.down.find((x) => x.path === '/api/health');
  let healthMessage: string;
  try {
    healthMessage = (JSON.parse(health?.text ?? '{}') as { message?: string }).message ?? '';
  } catch {
    healthMessage = '';
  }
  return [
    `Against ${real.target}: the API in this process as ${fence('kg serve')} runs it (a Neo4j that is down is tolerated); Neo4j stopped with SIGTERM while requests kept coming, then started again on the same data and port. Neither the API nor its store was restarted. Every wait is for an answer, the next request going out when the last was answered.`,
    '',
    `- before the stop: **${j.before200} of ${OUTAGE_PATHS.length}** endpoints answered 200 (${OUTAGE_PATHS.map(fence).join(', ')})`,
    `- SIGTERM to the first 503: **${ms(f.stopToFirst503Ms)}**; health meanwhile: ${phases(run.goingDown).join('; ')}. Neo4j took ${ms(f.stopMs)} to stop and free its port.`,
    `- with Neo4j stopped, ${j.total} answers over the ${OUTAGE_PATHS.length} endpoints: 503 **${j.unavailable} of ${j.total}**, with Retry-After ${j.retryAfter}, with code STORE_UNAVAILABLE ${j.coded}; stack traces **${j.stacks}**; bodies naming the URI, host or port **${j.leaking}**${j.leaks.length ? ` (${j.leaks.map(fence).join(', ')})` : ''}. Health said: "${healthMessage}"`,
    `- 503 answer time: median ${ms(f.unavailableMs.median)}, p95 **${ms(f.unavailableMs.p95)}**, max ${ms(f.unavailableMs.max)} over ${f.unavailableMs.count} answers (the slowest is the request in flight while Neo4j shut down; once it is down, requests fail fast, with one probe a second)`,
    `- started again: Bolt accepted a login ${ms(f.startMs)} after the launch, and Neo4j's own first query (${fence('RETURN 1')} on a new driver) then took ${ms(f.firstQueryMs)}. The API's first 200 came **${ms(f.launchToFirst200Ms)} after the launch**, ${ms(f.readyToFirst200Ms)} after Bolt accepted a login. Health meanwhile: ${phases(run.comingBack).join('; ')}`,
    `- after: **${j.after200} of ${OUTAGE_PATHS.length}** endpoints answered 200, ${run.changedAfter.length === 0 ? '**every body the same as before the stop**' : `**different bodies**: ${run.changedAfter.map(fence).join(', ')}`}; answers other than 200 and 503 while Neo4j stopped or started: **${j.odd.length}**${j.odd.length ? ` (${j.odd.map((o) => `${o.status} ${o.text.slice(0, 80)}`).join('; ')})` : ''}`,
  ];
}

/** Whether every check that ran met its target (a check that could not run is reported, not failed). */
export function realNeo4jOk(real: RealNeo4jChecks): boolean {
  const c = real.cypher;
  const cypherOk =
    !c ||
    (c.outcome.attacks.leaked.length === 0 &&
      c.outcome.reads.blocked.length === 0 &&
      c.before.nodes === c.after.nodes &&
      c.before.relationships === c.after.relationships &&
      c.bypassStatus === 403 &&
      c.cartesian.healthNot200 === 0);
  const run = real.outage;
  if (!run) return cypherOk;
  const j = judgeDown(run, run.uri);
  const downOk =
    j.total > 0 &&
    j.unavailable === j.total &&
    j.retryAfter === j.total &&
    j.coded === j.total &&
    j.stacks === 0 &&
    j.leaking === 0;
  return (
    cypherOk &&
    downOk &&
    j.odd.length === 0 &&
    j.before200 === OUTAGE_PATHS.length &&
    j.after200 === OUTAGE_PATHS.length &&
    run.changedAfter.length === 0
  );
}
