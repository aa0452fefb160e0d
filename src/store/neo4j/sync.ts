import type { ManagedTransaction } from 'neo4j-driver';
import { ENTITY_KIND_IDS, RELATION_TYPE_IDS, type KnowledgeBase } from '../../model';
import { forKind, forRelationType, loadStatement, schemaStatements } from './cypher-files';
import { seedRows, type SeedRows } from '../../model/neo4j-rows';
import { runStatement, type Sessions } from './sessions';

/**
 * Seeding is a sync: after it, Neo4j holds exactly the knowledge base. Items are matched by id
 * (relations by key) and compared by content hash; what is new is created, what changed is
 * replaced, what the seed no longer has is deleted. The whole change is one write transaction, so
 * a failed run leaves the previous graph as it was.
 */

export interface ItemCounts {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
}

export interface SyncReport {
  sources: ItemCounts;
  entities: ItemCounts;
  relations: ItemCounts;
  dryRun: boolean;
}

export type ProgressListener = (phase: string, done: number, total: number) => void;

/** Rows per statement: large enough to be fast, small enough to show progress on big loads. */
export const BATCH_SIZE = 500;

/**
 * The sync's transaction timeout. The sync is one transaction on purpose (all or nothing), and at
 * a million relations it runs for minutes; the server's default (60 s in docker-compose.yml and
 * tools/neo4j-local) is a guard for queries, and would abort every large first sync. A timeout the
 * client sets overrides that default on Neo4j 5.3 and later.
 */
export const SYNC_TIMEOUT_MS = 60 * 60_000;

/** The largest batch accepted: one UNWIND list is held whole in the driver and the server. */
export const MAX_BATCH_SIZE = 100_000;

/** Checks a batch size given by a user; the message names the value and the accepted range. */
export function checkBatchSize(value: number, asGiven: string = String(value)): string | null {
  return Number.isInteger(value) && value >= 1 && value <= MAX_BATCH_SIZE
    ? null
    : `batch size must be a whole number from 1 to ${MAX_BATCH_SIZE}, not "${asGiven}"`;
}

/** An item as the database holds it: a relation's key as id, an entity's kind or a relation's type as kind. */
interface Held {
  id: string;
  hash: string;
  kind: string;
  from: string;
  to: string;
}

/** What to write (new or changed) and what to remove, by id; `same` tells an unchanged item. */
function diff<T>(wanted: T[], idOf: (row: T) => string, held: Map<string, Held>, same: (row: T, now: Held) => boolean) {
  const counts: ItemCounts = { created: 0, updated: 0, removed: 0, unchanged: 0 };
  const ids = new Set<string>();
  const write = wanted.filter((row) => {
    const now = held.get(idOf(row));
    ids.add(idOf(row));
    counts[now === undefined ? 'created' : same(row, now) ? 'unchanged' : 'updated']++;
    return now === undefined || !same(row, now);
  });
  const remove = [...held.keys()].filter((id) => !ids.has(id));
  counts.removed = remove.length;
  return { write, remove, counts };
}

function planSync(rows: SeedRows, held: Record<'source' | 'entity' | 'relation', Map<string, Held>>, dryRun: boolean) {
  const sameHash = (row: Record<string, unknown>, now: Held) => row.hash === now.hash;
  const sources = diff(rows.sources, (s) => String(s.id), held.source, sameHash);
  const entities = diff(rows.entities, (e) => String(e.id), held.entity, sameHash);
  // An entity whose kind changed loses its old kind label.
  const relabel = entities.write.flatMap((e) => {
    const old = held.entity.get(String(e.id))?.kind;
    return old !== undefined && old !== e.kind && (ENTITY_KIND_IDS as readonly string[]).includes(old)
      ? [{ id: String(e.id), oldKind: old }]
      : [];
  });
  // A relation is identified by its key; if its type or ends changed (an explicit id kept), the
  // old relationship is deleted and a new one created, since a relationship cannot change type.
  // Its ends are not among its properties, so they are compared besides the hash.
  type Row = SeedRows['relations'][number];
  const sameEnds = (r: Row, now: Held) => now.kind === r.props.type && now.from === r.from && now.to === r.to;
  const relations = diff(
    rows.relations,
    (r) => String(r.props.key),
    held.relation,
    (r, now) => r.props.hash === now.hash && sameEnds(r, now),
  );
  const moved = relations.write.filter((r) => {
    const now = held.relation.get(String(r.props.key));
    return now !== undefined && !sameEnds(r, now);
  });
  return {
    report: { sources: sources.counts, entities: entities.counts, relations: relations.counts, dryRun },
    sources,
    entities,
    relabel,
    relations,
    removeRelations: [...relations.remove, ...moved.map((r) => String(r.props.key))].map((key) => ({
      key,
      from: held.relation.get(key)!.from,
    })),
  };
}

async function readHeld(tx: ManagedTransaction) {
  const held = { source: new Map<string, Held>(), entity: new Map<string, Held>(), relation: new Map<string, Held>() };
  // A hash may be null for an item written by other means, which then counts as changed.
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  for (const r of await runStatement(tx, loadStatement('current-state'))) {
    const [item, id, hash, kind, from, to] = ['item', 'id', 'hash', 'kind', 'fromId', 'toId'].map((k) =>
      text(r.get(k)),
    );
    held[item as keyof typeof held].set(id!, { id: id!, hash: hash!, kind: kind!, from: from!, to: to! });
  }
  return held;
}

async function applyPlan(
  tx: ManagedTransaction,
  plan: ReturnType<typeof planSync>,
  rows: SeedRows,
  options: SyncOptions,
) {
  const size = options.batchSize ?? BATCH_SIZE;
  const inBatches = async <T>(list: T[], phase: string, write: (batch: T[]) => Promise<unknown>) => {
    for (let i = 0; i < list.length; i += size) {
      await write(list.slice(i, i + size));
      options.onProgress?.(phase, Math.min(i + size, list.length), list.length);
    }
  };
  const run = (statement: ReturnType<typeof loadStatement>, params: Record<string, unknown>) =>
    runStatement(tx, statement, params);
  // Deletions first, so a relation whose type changed is gone before its successor is merged.
  await inBatches(plan.removeRelations, 'removing relations', (batch) =>
    run(loadStatement('remove-relations'), { rows: batch }),
  );
  if (plan.entities.remove.length > 0) await run(loadStatement('remove-entities'), { ids: plan.entities.remove });
  if (plan.sources.remove.length > 0) await run(loadStatement('remove-sources'), { ids: plan.sources.remove });
  await inBatches(plan.sources.write, 'sources', (batch) => run(loadStatement('sources'), { rows: batch }));
  for (const kind of ENTITY_KIND_IDS) {
    const relabelled = plan.relabel.filter((r) => r.oldKind === kind).map((r) => r.id);
    if (relabelled.length > 0) await run(forKind(loadStatement('remove-kind-label'), kind), { ids: relabelled });
  }
  for (const kind of ENTITY_KIND_IDS) {
    const ofKind = plan.entities.write.filter((e) => e.kind === kind);
    await inBatches(ofKind, `entities (${kind})`, (batch) =>
      run(forKind(loadStatement('entities'), kind), { rows: batch }),
    );
  }
  await inBatches(rows.supports, 'source links', (batch) => run(loadStatement('supports'), { rows: batch }));
  await run(loadStatement('prune-supports'), { pairs: rows.supports.map((s) => `${s.source} ${s.entity}`) });
  for (const type of RELATION_TYPE_IDS) {
    const ofType = plan.relations.write.filter((r) => r.props.type === type);
    await inBatches(ofType, `relations (${type})`, (batch) =>
      run(forRelationType(loadStatement('relations'), type), { rows: batch }),
    );
  }
}

export interface SyncOptions {
  dryRun?: boolean;
  onProgress?: ProgressListener;
  /** Rows per UNWIND statement (default BATCH_SIZE); see checkBatchSize. */
  batchSize?: number;
  /** Limit for the whole sync (default SYNC_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** Makes the database hold exactly `kb`. With dryRun, only reads and reports what it would do. */
export async function syncKnowledgeBase(
  sessions: Sessions,
  kb: KnowledgeBase,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const wrongSize = checkBatchSize(options.batchSize ?? BATCH_SIZE);
  if (wrongSize) throw new RangeError(wrongSize);
  const rows = seedRows(kb);
  if (options.dryRun) return sessions.read(async (tx) => planSync(rows, await readHeld(tx), true).report);
  // The constraints and indexes (idempotent), each schema statement in its own transaction.
  for (const statement of schemaStatements()) await sessions.write((tx) => tx.run(statement));
  return sessions.write(
    async (tx) => {
      const plan = planSync(rows, await readHeld(tx), false);
      await applyPlan(tx, plan, rows, options);
      return plan.report;
    },
    { timeoutMs: options.timeoutMs ?? SYNC_TIMEOUT_MS },
  );
}
