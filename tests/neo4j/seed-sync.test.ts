import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { neo4jRelationshipType, RELATION_TYPE_IDS } from '../../src/model';
import { kgInProcess } from '../../src/reliability/kg-in-process';
import { loadKnowledgeBaseOrThrow } from '../../src/seed/load';
import { contentHash, cypherCounts, difference, NO_DIFFERENCE, snapshot } from '../support/neo4j-fingerprint';
import { NEO4J_SKIP, TEST_NEO4J as config, neo4jEnv } from '../support/neo4j';
import { HAVE_SOURCES, SEED_DIR, SOURCES_DIR } from '../support/paths';

/**
 * `kg seed` of the real seed on the test run's Neo4j, checked by reading the database back with
 * plain Cypher (counts, and every node's and relationship's properties as canonical text with its
 * element id), never through the store the sync shares code with. Each case starts from a fresh
 * copy of the seed, synced; the commands run in this process on that copy.
 */

/** The relation edited in place (reported, so its key does not carry its status) and the one whose status changes. */
const EDITED = { type: 'pressures', from: 'china', to: 'pakistan' };
const RESTATED = { type: 'targets', from: 'bla', to: 'china' };
const RESTATED_KEY = 'bla--targets--china';
/** An entity with relations, facts and mentions (so source links), asserting no allegation. */
const DELETED = 'cpec';

describe.skipIf(NEO4J_SKIP !== false)('kg seed of the real seed, counted on Neo4j', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'kg-seed-sync-'));
  const seedDir = path.join(tmp, 'seed');
  let driver: Driver;
  const env = () => ({
    KG_SEED_DIR: seedDir,
    // No imported claims: the database must hold the seed alone.
    KG_DATA_DIR: path.join(tmp, 'no-data'),
    ...(HAVE_SOURCES ? { KG_SOURCES_DIR: SOURCES_DIR } : {}),
  });
  const read = () => snapshot(driver, config!.database);

  /** `kg seed` on the workspace copy; the counts its report printed. */
  async function kgSeed(...args: string[]) {
    const run = await kgInProcess(['seed', ...args], { ...env(), ...neo4jEnv() });
    const counts: Record<string, { created: number; updated: number; removed: number; unchanged: number }> = {};
    for (const m of run.stdout.matchAll(
      /^\s+(sources|entities|relations)\s+(\d+) created, (\d+) updated, (\d+) removed, (\d+) unchanged$/gm,
    )) {
      counts[m[1]!] = { created: Number(m[2]), updated: Number(m[3]), removed: Number(m[4]), unchanged: Number(m[5]) };
    }
    return { ...run, counts };
  }

  async function emptyDatabase() {
    const session = driver.session({ ...(config!.database ? { database: config!.database } : {}) });
    try {
      await session.run('MATCH (n) DETACH DELETE n');
    } finally {
      await session.close();
    }
  }

  /** Puts the untouched seed in the workspace and in the database. */
  async function syncedSeed() {
    rmSync(seedDir, { recursive: true, force: true });
    cpSync(SEED_DIR, seedDir, { recursive: true });
    const r = await kgSeed();
    expect(r.code, r.stderr).toBe(0);
  }

  /** Applies `edit` to every item of the workspace's relation files that `pick` selects; false drops the item. */
  function editRelations(pick: (r: YAMLMap) => boolean, edit: (r: YAMLMap) => boolean | void): number {
    let touched = 0;
    const dir = path.join(seedDir, 'relations');
    for (const file of readdirSync(dir)) {
      const doc = parseDocument(readFileSync(path.join(dir, file), 'utf8'));
      if (!isSeq(doc.contents)) continue;
      const seq = doc.contents;
      for (let i = seq.items.length - 1; i >= 0; i--) {
        const item = seq.items[i];
        if (!isMap(item) || !pick(item)) continue;
        touched++;
        if (edit(item) === false) seq.items.splice(i, 1);
      }
      // lineWidth 0: no folding, so untouched items keep their values exactly.
      if (touched > 0) writeFileSync(path.join(dir, file), doc.toString({ lineWidth: 0 }));
    }
    return touched;
  }
  const is = (want: { type: string; from: string; to: string }) => (r: YAMLMap) =>
    r.get('type') === want.type &&
    r.get('from') === want.from &&
    r.get('to') === want.to &&
    (r.get('status') ?? 'reported') === 'reported';

  beforeAll(() => {
    driver = neo4j.driver(config!.uri, neo4j.auth.basic(config!.user, config!.password));
  });
  afterAll(async () => {
    await driver?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  describe('from an empty database', () => {
    beforeEach(emptyDatabase);

    it('a first sync creates every source, entity and relation kg stats counts, and nothing else', async () => {
      cpSync(SEED_DIR, seedDir, { recursive: true });
      const stats = await kgInProcess(['stats'], { ...env(), NEO4J_URI: '' });
      expect(stats.code, stats.stderr).toBe(0);
      const head = /^(\d+) entities, (\d+) relations, (\d+) sources;/m.exec(stats.stdout)!;
      const [entities, relations, sources] = [Number(head[1]), Number(head[2]), Number(head[3])];
      const table = (title: string) => {
        const block = stats.stdout.split(`${title}\n`)[1]!.split('\n\n')[0]!;
        return Object.fromEntries(
          block
            .split('\n')
            .filter(Boolean)
            .map((l) => l.trim().split(/\s+/))
            .map(([k, v]) => [k!, Number(v)]),
        );
      };
      const byKind = table('entities by kind');
      const byType = table('relations by type');
      const byStatus = table('relations by status');
      // Source links: one per (source, entity) pair cited by the entity's facts or mentions.
      const { kb } = loadKnowledgeBaseOrThrow(seedDir);
      const links = new Set(kb.entities.flatMap((e) => [...e.facts, ...e.mentions].map((c) => `${c.source} ${e.id}`)))
        .size;

      const r = await kgSeed();
      expect(r.code, r.stderr).toBe(0);
      expect(r.counts).toEqual({
        sources: { created: sources, updated: 0, removed: 0, unchanged: 0 },
        entities: { created: entities, updated: 0, removed: 0, unchanged: 0 },
        relations: { created: relations, updated: 0, removed: 0, unchanged: 0 },
      });

      const counted = await cypherCounts(driver, config!.database);
      expect(counted.nodes).toBe(entities + sources);
      expect(counted.relationships).toBe(relations + links);
      const { Entity, Source, ...kindLabels } = counted.byLabel;
      expect({ Entity, Source }).toEqual({ Entity: entities, Source: sources });
      expect(kindLabels).toEqual(byKind);
      expect(counted.sourceLinks).toBe(links);
      expect(counted.byType).toEqual(
        Object.fromEntries(
          Object.entries(byType).map(([t, n]) => [neo4jRelationshipType(RELATION_TYPE_IDS.find((x) => x === t)!), n]),
        ),
      );
      expect(counted.byStatus).toEqual(byStatus);

      // And kg stats asked of Neo4j prints what it prints from the files.
      const fromNeo4j = await kgInProcess(['stats'], { ...env(), ...neo4jEnv() });
      expect(fromNeo4j.stdout).toBe(stats.stdout);
    });

    it('every batch size (1, 7, 500, 100000) writes the same database, from empty and over an older graph', async () => {
      const fresh = new Map<number, string>();
      const updated = new Map<number, string>();
      for (const size of [1, 7, 500, 100_000]) {
        await syncedSeed();
        await emptyDatabase();
        const r = await kgSeed('--batch-size', String(size));
        expect(r.code, r.stderr).toBe(0);
        expect(r.counts.relations?.created, `batch size ${size}`).toBeGreaterThan(0);
        fresh.set(size, contentHash(await read()));

        // An older graph: one entity fewer, one note different. The sync removes, creates and updates in batches.
        editRelations(
          (x) => x.get('from') === DELETED || x.get('to') === DELETED,
          () => false,
        );
        rmEntity(DELETED);
        editRelations(is(EDITED), setFirstNote('an older note'));
        expect((await kgSeed('--batch-size', String(size))).code).toBe(0);
        cpSync(SEED_DIR, seedDir, { recursive: true });
        const back = await kgSeed('--batch-size', String(size));
        expect(back.code, back.stderr).toBe(0);
        expect(back.counts.entities).toMatchObject({ created: 1, removed: 0 });
        updated.set(size, contentHash(await read()));
      }
      const all = new Set([...fresh.values(), ...updated.values()]);
      expect(all.size, `hashes by batch size: ${JSON.stringify({ fresh: [...fresh], updated: [...updated] })}`).toBe(1);
    }, 180_000);
  });

  /** Removes the entity `id` from the workspace's entity files. */
  function rmEntity(id: string) {
    const dir = path.join(seedDir, 'entities');
    let removed = 0;
    for (const file of readdirSync(dir)) {
      const doc = parseDocument(readFileSync(path.join(dir, file), 'utf8'));
      if (!isSeq(doc.contents)) continue;
      const before = doc.contents.items.length;
      doc.contents.items = doc.contents.items.filter((item) => !(isMap(item) && (item as YAMLMap).get('id') === id));
      if (doc.contents.items.length !== before) {
        removed += before - doc.contents.items.length;
        writeFileSync(path.join(dir, file), doc.toString({ lineWidth: 0 }));
      }
    }
    expect(removed).toBe(1);
  }

  /** An edit that rewrites the note of the relation's first citation. */
  function setFirstNote(note: string) {
    return (r: YAMLMap) => {
      const evidence = r.get('evidence');
      if (!isSeq(evidence) || !isMap(evidence.items[0])) throw new Error('relation without evidence');
      evidence.items[0].set('note', note);
    };
  }

  describe('over the synced seed', () => {
    beforeEach(syncedSeed);

    it('a second sync reports nothing to do and leaves every property of every node and relationship byte-identical', async () => {
      const before = await read();
      const r = await kgSeed();
      expect(r.code, r.stderr).toBe(0);
      for (const section of ['sources', 'entities', 'relations'] as const) {
        expect(r.counts[section], section).toMatchObject({ created: 0, updated: 0, removed: 0 });
      }
      const after = await read();
      expect(difference(before, after)).toEqual({ nodes: NO_DIFFERENCE, relationships: NO_DIFFERENCE });
      expect(contentHash(after)).toBe(contentHash(before));
    });

    it('a note edited in one relation updates that relationship in place and nothing else', async () => {
      const before = await read();
      expect(editRelations(is(EDITED), setFirstNote('Edited for the sync test.'))).toBe(1);
      const r = await kgSeed();
      expect(r.code, r.stderr).toBe(0);
      expect(r.counts.relations).toMatchObject({ created: 0, updated: 1, removed: 0 });
      expect(r.counts.entities).toMatchObject({ created: 0, updated: 0, removed: 0 });
      const after = await read();
      const key = `${EDITED.from}--${EDITED.type}--${EDITED.to}`;
      expect(difference(before, after)).toEqual({
        nodes: NO_DIFFERENCE,
        relationships: { ...NO_DIFFERENCE, changed: [key] },
      });
      expect(after.relationships.get(key)!.content).toContain('Edited for the sync test.');
    });

    it('a status changed in one relation replaces that relationship (its key names the status) and nothing else', async () => {
      const before = await read();
      expect(editRelations(is(RESTATED), (x) => void x.set('status', 'disputed'))).toBe(1);
      const r = await kgSeed();
      expect(r.code, r.stderr).toBe(0);
      expect(r.counts.relations).toMatchObject({ created: 1, updated: 0, removed: 1 });
      const after = await read();
      expect(difference(before, after)).toEqual({
        nodes: NO_DIFFERENCE,
        relationships: { ...NO_DIFFERENCE, added: [`${RESTATED_KEY}--disputed`], removed: [RESTATED_KEY] },
      });
      const replaced = JSON.parse(after.relationships.get(`${RESTATED_KEY}--disputed`)!.content);
      expect(replaced.props.status).toBe('disputed');
      // Everything else about it is as before: ends, type, evidence.
      const old = JSON.parse(before.relationships.get(RESTATED_KEY)!.content);
      expect({ ...replaced, props: { ...replaced.props, status: null, key: null, hash: null } }).toEqual({
        ...old,
        props: { ...old.props, status: null, key: null, hash: null },
      });
    });

    it("an entity's kind changed moves its node from one kind label to the other, in place, and nothing else changes", async () => {
      const before = await read();
      const file = path.join(seedDir, 'entities', 'core.yaml');
      const doc = parseDocument(readFileSync(file, 'utf8'));
      const item = isSeq(doc.contents)
        ? doc.contents.items.find((x) => isMap(x) && (x as YAMLMap).get('id') === DELETED)
        : undefined;
      if (!isMap(item)) throw new Error(`${DELETED} is not in ${file}`);
      (item as YAMLMap).set('kind', 'Policy');
      writeFileSync(file, doc.toString({ lineWidth: 0 }));

      const r = await kgSeed();
      expect(r.code, r.stderr).toBe(0);
      expect(r.counts.entities).toMatchObject({ created: 0, updated: 1, removed: 0 });
      expect(r.counts.relations).toMatchObject({ created: 0, updated: 0, removed: 0 });
      const after = await read();
      expect(difference(before, after)).toEqual({
        nodes: { ...NO_DIFFERENCE, changed: [`Entity:${DELETED}`] },
        relationships: NO_DIFFERENCE,
      });
      expect(JSON.parse(after.nodes.get(`Entity:${DELETED}`)!.content).labels).toEqual(['Entity', 'Policy']);
    });

    it('an entity deleted with the relations naming it leaves the database without its node, relationships and source links, and nothing else changes', async () => {
      const before = await read();
      const gone = [...before.relationships.entries()].filter(([, item]) => {
        const { from, to } = JSON.parse(item.content) as { from: string; to: string };
        return from === `Entity:${DELETED}` || to === `Entity:${DELETED}`;
      });
      const links = gone.filter(([name]) => name.startsWith('SUPPORTS '));
      expect(links.length, 'the entity has source links').toBeGreaterThan(0);
      const named = editRelations(
        (x) => x.get('from') === DELETED || x.get('to') === DELETED,
        () => false,
      );
      expect(named).toBe(gone.length - links.length);
      rmEntity(DELETED);

      const r = await kgSeed();
      expect(r.code, r.stderr).toBe(0);
      expect(r.counts.entities).toMatchObject({ created: 0, updated: 0, removed: 1 });
      expect(r.counts.relations).toMatchObject({ created: 0, updated: 0, removed: named });
      const after = await read();
      expect(difference(before, after)).toEqual({
        nodes: { ...NO_DIFFERENCE, removed: [`Entity:${DELETED}`] },
        relationships: { ...NO_DIFFERENCE, removed: gone.map(([name]) => name).sort() },
      });
    });

    it('a seed with one error among valid edits writes nothing and exits 1', async () => {
      const before = await read();
      const counts = await cypherCounts(driver, config!.database);
      // Valid changes that would each write something...
      editRelations(is(EDITED), setFirstNote('Never written.'));
      editRelations(
        (x) => x.get('from') === DELETED || x.get('to') === DELETED,
        () => false,
      );
      rmEntity(DELETED);
      // ...and one relation naming an entity that does not exist.
      const file = path.join(seedDir, 'relations', 'core.yaml');
      writeFileSync(
        file,
        `${readFileSync(file, 'utf8')}- type: funds\n  from: ttp\n  to: no-such-entity\n  evidence:\n    - { source: ali-2024, paragraph: 60 }\n`,
      );

      const r = await kgSeed();
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/no-such-entity/);
      expect(r.stderr).toMatch(/1 error\(s\) in the seed files; nothing written to Neo4j/);
      expect(await cypherCounts(driver, config!.database)).toEqual(counts);
      const after = await read();
      expect(difference(before, after)).toEqual({ nodes: NO_DIFFERENCE, relationships: NO_DIFFERENCE });
      expect(contentHash(after)).toBe(contentHash(before));
    });
  });
});
