import type { ManagedTransaction } from 'neo4j-driver';
import { SETTINGS } from '../../config';
import { ENTITY_KIND_IDS, RELATION_TYPE_IDS, type KnowledgeBase } from '../../model';
import { forKind, forRelationType, loadStatement, schemaStatements, type CypherStatement } from './cypher-files';
import { seedRows, type SeedRows } from '../../model/neo4j-rows';
import { runStatement, type Sessions } from './driver';

/**
 * Seeding is a sync: items matched by id (relations by key) and compared by content hash are
 * created, replaced or deleted so that Neo4j holds exactly the knowledge base, in one write
 * transaction, so a failed run leaves the previous graph as it was.
 */

type ItemCounts = Record<'created' | 'updated' | 'removed' | 'unchanged', number>;
export type SyncReport = Record<'sources' | 'entities' | 'relations', ItemCounts> & { dryRun: boolean };

/** Rows per statement: large enough to be fast, small enough to show progress on big loads. */
export const BATCH_SIZE = 500;

/**
 * The sync's transaction timeout: at a million relations it runs for minutes, past the server's 60 s default.
 * A client-set timeout overrides the server's only on Neo4j 5.3 and later.
 */
export const SYNC_TIMEOUT_MS = 60 * 60_000;

/** Checks a batch size by the rule of `kg seed --batch-size`; the message names the value and the accepted range. */
export function checkBatchSize(value: number, asGiven: string = String(value)): string | null {
  const checked = SETTINGS.shape['--batch-size'].safeParse(asGiven);
  return checked.success ? null : `batch size ${checked.error.issues[0]!.message}`;
}

/** An item as the database holds it: its `place` is an entity's kind, or a relation's type and ends (not among its properties). */
type Held = { hash: string; from: string; place: string };
type HeldItems = Record<'source' | 'entity' | 'relation', Map<string, Held>>;

/** What to write (new, or a different hash or place), which of it the database holds elsewhere, and which held ids to remove. */
function diff<T>(wanted: T[], held: Map<string, Held>, idOf: (row: T) => [id: string, hash: string, place?: string]) {
  const counts: ItemCounts = { created: 0, updated: 0, removed: 0, unchanged: 0 };
  const ids = new Set<string>();
  const moved: { id: string; was: Held }[] = [];
  const write = wanted.filter((row) => {
    const [id, hash, place = ''] = idOf(row);
    const now = held.get(id);
    ids.add(id);
    if (now && now.place !== place) moved.push({ id, was: now });
    const outcome = !now ? 'created' : now.hash === hash && now.place === place ? 'unchanged' : 'updated';
    counts[outcome]++;
    return outcome !== 'unchanged';
  });
  const remove = [...held.keys()].filter((id) => !ids.has(id));
  counts.removed = remove.length;
  return { write, moved, remove, counts };
}

function planSync(rows: SeedRows, held: HeldItems, dryRun: boolean) {
  const sources = diff(rows.sources, held.source, (s) => [String(s.id), String(s.hash)]);
  const entities = diff(rows.entities, held.entity, (e) => [String(e.id), String(e.hash), String(e.kind)]);
  const placeOf = (r: SeedRows['relations'][number]) => `${r.props.type} ${r.from} ${r.to}`;
  const relations = diff(rows.relations, held.relation, (r) => [String(r.props.key), String(r.props.hash), placeOf(r)]);
  // A relation whose type or ends changed (an explicit id kept) is deleted and created anew, since
  // a relationship cannot change type; any other change is made in place.
  const removed = [...relations.remove.map((id) => ({ id, was: held.relation.get(id)! })), ...relations.moved];
  return {
    report: { sources: sources.counts, entities: entities.counts, relations: relations.counts, dryRun },
    sources,
    entities,
    // An entity whose kind changed loses its old kind label.
    relabel: entities.moved.map(({ id, was }) => ({ id, old: was.place })),
    relations,
    removeRelations: removed.map(({ id, was }) => ({ key: id, from: was.from })),
    supports: rows.supports,
  };
}

async function readHeld(tx: ManagedTransaction): Promise<HeldItems> {
  const held: HeldItems = { source: new Map(), entity: new Map(), relation: new Map() };
  for (const r of await runStatement(tx, loadStatement('current-state'))) {
    // A hash may be null for an item written by other means, which then counts as changed.
    const [item, id, hash, kind, from, to] = ['item', 'id', 'hash', 'kind', 'fromId', 'toId'].map((k) =>
      String(r.get(k) ?? ''),
    );
    const place = item === 'relation' ? `${kind} ${from} ${to}` : kind!;
    held[item as keyof HeldItems].set(id!, { hash: hash!, from: from!, place });
  }
  return held;
}

/** Applies the plan and returns its report. */
async function applyPlan(tx: ManagedTransaction, plan: ReturnType<typeof planSync>, options: SyncOptions) {
  const size = options.batchSize ?? BATCH_SIZE;
  const run = (statement: CypherStatement, params: Record<string, unknown>) => runStatement(tx, statement, params);
  const inBatches = async <T>(list: T[], phase: string, statement: CypherStatement) => {
    for (let i = 0; i < list.length; i += size) {
      await run(statement, { rows: list.slice(i, i + size) });
      options.onProgress?.(phase, Math.min(i + size, list.length), list.length);
    }
  };
  // Deletions first, so a relation whose type changed is gone before its successor is merged.
  await inBatches(plan.removeRelations, 'removing relations', loadStatement('remove-relations'));
  if (plan.entities.remove.length > 0) await run(loadStatement('remove-entities'), { ids: plan.entities.remove });
  if (plan.sources.remove.length > 0) await run(loadStatement('remove-sources'), { ids: plan.sources.remove });
  await inBatches(plan.sources.write, 'sources', loadStatement('sources'));
  for (const kind of ENTITY_KIND_IDS) {
    const relabelled = plan.relabel.filter((r) => r.old === kind).map((r) => r.id);
    if (relabelled.length > 0) await run(forKind(loadStatement('remove-kind-label'), kind), { ids: relabelled });
    const ofKind = plan.entities.write.filter((e) => e.kind === kind);
    await inBatches(ofKind, `entities (${kind})`, forKind(loadStatement('entities'), kind));
  }
  await inBatches(plan.supports, 'source links', loadStatement('supports'));
  await run(loadStatement('prune-supports'), { pairs: plan.supports.map((s) => `${s.source} ${s.entity}`) });
  for (const type of RELATION_TYPE_IDS) {
    const ofType = plan.relations.write.filter((r) => r.props.type === type);
    await inBatches(ofType, `relations (${type})`, forRelationType(loadStatement('relations'), type));
  }
  return plan.report;
}

export interface SyncOptions {
  dryRun?: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Rows per UNWIND statement (default BATCH_SIZE); see checkBatchSize. */
  batchSize?: number;
  /** Limit for the whole sync (default SYNC_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** Makes the database hold exactly `kb`. With dryRun, only reads and reports what it would do. */
export async function syncKnowledgeBase(sessions: Sessions, kb: KnowledgeBase, options: SyncOptions = {}) {
  const wrongSize = checkBatchSize(options.batchSize ?? BATCH_SIZE);
  if (wrongSize) throw new RangeError(wrongSize);
  const rows = seedRows(kb);
  if (options.dryRun) return sessions.read(async (tx) => planSync(rows, await readHeld(tx), true).report);
  // The constraints and indexes (idempotent), each schema statement in its own transaction.
  for (const statement of schemaStatements()) await sessions.write((tx) => tx.run(statement));
  const timeoutMs = options.timeoutMs ?? SYNC_TIMEOUT_MS;
  return sessions.write(async (tx) => applyPlan(tx, planSync(rows, await readHeld(tx), false), options), { timeoutMs });
}
