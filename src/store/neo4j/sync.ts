import type { ManagedTransaction } from 'neo4j-driver';
import {
  ENTITY_KIND_IDS,
  RELATION_TYPE_IDS,
  type EntityKind,
  type KnowledgeBase,
  type RelationType,
} from '../../model';
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

interface CurrentState {
  sources: { id: string; hash: string }[];
  entities: { id: string; hash: string; kind: string }[];
  relations: { key: string; hash: string; type: string; from: string; to: string }[];
}

interface Plan {
  report: SyncReport;
  removeSources: string[];
  removeEntities: string[];
  removeRelations: { key: string; from: string }[];
  writeSources: SeedRows['sources'];
  writeEntities: SeedRows['entities'];
  /** Old kind label to remove, per entity id whose kind changed. */
  relabel: { id: string; oldKind: EntityKind }[];
  writeRelations: SeedRows['relations'];
}

/** What to write (new or changed) and what to remove, by id; `same` tells an unchanged item. */
function diff<T, C>(wanted: Map<string, T>, current: Map<string, C>, same: (row: T, now: C) => boolean) {
  const write: T[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const [id, row] of wanted) {
    const now = current.get(id);
    if (now === undefined) {
      created++;
      write.push(row);
    } else if (!same(row, now)) {
      updated++;
      write.push(row);
    } else unchanged++;
  }
  const remove: string[] = [];
  for (const id of current.keys()) if (!wanted.has(id)) remove.push(id);
  return { write, remove, counts: { created, updated, removed: remove.length, unchanged } };
}

function planSync(rows: SeedRows, current: CurrentState, dryRun: boolean): Plan {
  const byId = <T>(items: T[], id: (t: T) => string) => new Map(items.map((t) => [id(t), t]));
  const sameHash = (row: Record<string, unknown>, now: { hash: string }) => row.hash === now.hash;

  const sources = diff(
    byId(rows.sources, (s) => String(s.id)),
    byId(current.sources, (s) => s.id),
    sameHash,
  );
  const entities = diff(
    byId(rows.entities, (e) => String(e.id)),
    byId(current.entities, (e) => e.id),
    sameHash,
  );
  const currentKind = new Map(current.entities.map((e) => [e.id, e.kind]));
  const relabel = entities.write.flatMap((e) => {
    const old = currentKind.get(String(e.id));
    return old !== undefined && old !== e.kind && (ENTITY_KIND_IDS as readonly string[]).includes(old)
      ? [{ id: String(e.id), oldKind: old as EntityKind }]
      : [];
  });

  // A relation is identified by its key; if its type or ends changed (an explicit id kept), the
  // old relationship is deleted and a new one created, since a relationship cannot change type.
  // Its ends are not among its properties, so they are compared besides the hash: a relation
  // whose ends alone changed is not unchanged. Fields are compared one by one: a million joined
  // strings would cost more than the rest of the plan.
  const currentRelations = byId(current.relations, (r) => r.key);
  const sameEnds = (r: SeedRows['relations'][number], now: CurrentState['relations'][number]) =>
    now.type === r.props.type && now.from === r.from && now.to === r.to;
  const relations = diff(
    byId(rows.relations, (r) => String(r.props.key)),
    currentRelations,
    (r, now) => r.props.hash === now.hash && sameEnds(r, now),
  );
  const moved = relations.write.filter((r) => {
    const now = currentRelations.get(String(r.props.key));
    return now !== undefined && !sameEnds(r, now);
  });
  const removeRelations = [
    ...relations.remove.map((key) => ({ key, from: currentRelations.get(key)!.from })),
    ...moved.map((r) => ({ key: String(r.props.key), from: currentRelations.get(String(r.props.key))!.from })),
  ];

  return {
    report: { sources: sources.counts, entities: entities.counts, relations: relations.counts, dryRun },
    removeSources: sources.remove,
    removeEntities: entities.remove,
    removeRelations,
    writeSources: sources.write,
    writeEntities: entities.write,
    relabel,
    writeRelations: relations.write,
  };
}

async function readCurrentState(tx: ManagedTransaction): Promise<CurrentState> {
  const state: CurrentState = { sources: [], entities: [], relations: [] };
  // A hash may be null for an item written by other means, which then counts as changed.
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  for (const record of await runStatement(tx, loadStatement('current-state'))) {
    const id = text(record.get('id'));
    const hash = text(record.get('hash'));
    const kind = text(record.get('kind'));
    const item = record.get('item') as string;
    if (item === 'relation')
      state.relations.push({
        key: id,
        hash,
        type: kind,
        from: text(record.get('fromId')),
        to: text(record.get('toId')),
      });
    else if (item === 'entity') state.entities.push({ id, hash, kind });
    else state.sources.push({ id, hash });
  }
  return state;
}

type Batcher = <T>(rows: T[], phase: string, write: (batch: T[]) => Promise<unknown>) => Promise<void>;

function batcher(size: number, onProgress: ProgressListener): Batcher {
  return async (rows, phase, write) => {
    for (let i = 0; i < rows.length; i += size) {
      await write(rows.slice(i, i + size));
      onProgress(phase, Math.min(i + size, rows.length), rows.length);
    }
  };
}

async function applyPlan(tx: ManagedTransaction, plan: Plan, rows: SeedRows, inBatches: Batcher): Promise<void> {
  // Deletions first, so a relation whose type changed is gone before its successor is merged.
  await inBatches(plan.removeRelations, 'removing relations', (batch) =>
    runStatement(tx, loadStatement('remove-relations'), { rows: batch }),
  );
  if (plan.removeEntities.length > 0)
    await runStatement(tx, loadStatement('remove-entities'), { ids: plan.removeEntities });
  if (plan.removeSources.length > 0)
    await runStatement(tx, loadStatement('remove-sources'), { ids: plan.removeSources });

  await inBatches(plan.writeSources, 'sources', (batch) => runStatement(tx, loadStatement('sources'), { rows: batch }));

  for (const kind of ENTITY_KIND_IDS) {
    const relabelled = plan.relabel.filter((r) => r.oldKind === kind).map((r) => r.id);
    if (relabelled.length > 0)
      await runStatement(tx, forKind(loadStatement('remove-kind-label'), kind), { ids: relabelled });
  }
  for (const kind of ENTITY_KIND_IDS) {
    const ofKind = plan.writeEntities.filter((e) => e.kind === kind);
    await inBatches(ofKind, `entities (${kind})`, (batch) =>
      runStatement(tx, forKind(loadStatement('entities'), kind), { rows: batch }),
    );
  }

  await inBatches(rows.supports, 'source links', (batch) =>
    runStatement(tx, loadStatement('supports'), { rows: batch }),
  );
  await runStatement(tx, loadStatement('prune-supports'), {
    pairs: rows.supports.map((s) => `${s.source} ${s.entity}`),
  });

  for (const type of RELATION_TYPE_IDS) {
    const ofType = plan.writeRelations.filter((r) => r.props.type === (type as RelationType));
    await inBatches(ofType, `relations (${type})`, (batch) =>
      runStatement(tx, forRelationType(loadStatement('relations'), type), { rows: batch }),
    );
  }
}

/** Creates the constraints and indexes (idempotent); each schema statement in its own transaction. */
export async function applySchema(sessions: Sessions): Promise<void> {
  for (const statement of schemaStatements()) {
    await sessions.write(async (tx) => {
      await tx.run(statement);
    });
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
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const wrongSize = checkBatchSize(batchSize);
  if (wrongSize) throw new RangeError(wrongSize);
  const rows = seedRows(kb);
  const inBatches = batcher(batchSize, options.onProgress ?? (() => {}));
  if (options.dryRun) {
    return sessions.read(async (tx) => planSync(rows, await readCurrentState(tx), true).report);
  }
  await applySchema(sessions);
  return sessions.write(
    async (tx) => {
      const plan = planSync(rows, await readCurrentState(tx), false);
      await applyPlan(tx, plan, rows, inBatches);
      return plan.report;
    },
    { timeoutMs: options.timeoutMs ?? SYNC_TIMEOUT_MS },
  );
}
