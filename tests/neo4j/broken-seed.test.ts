import neo4j from 'neo4j-driver';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NEO4J_SKIP, TEST_NEO4J as config, neo4jEnv } from '../support/neo4j';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBrokenCases, makeWorkspace } from '../../src/reliability/broken-inputs';
import { kgInProcess } from '../../src/reliability/kg-in-process';
import { closeDriver, getDriver } from '../../src/store/neo4j/driver';

/**
 * `kg seed` with a broken file in the seed leaves Neo4j exactly as it was (runs only with
 * NEO4J_URI set; it writes nothing, whatever happens, because the seed never validates).
 */

describe.skipIf(NEO4J_SKIP !== false)('kg seed with broken files, on Neo4j', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'kg-broken-neo4j-'));
  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await closeDriver();
  });
  const fingerprint = async () => {
    const session = getDriver(config!).session({
      defaultAccessMode: neo4j.session.READ,
      ...(config!.database ? { database: config!.database } : {}),
    });
    try {
      const r = await session.run(
        'MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels, collect(DISTINCT n.id)[..50] AS ids',
      );
      return r.records[0]!.toObject();
    } finally {
      await session.close();
    }
  };

  it.each(
    loadBrokenCases()
      .filter((c) => !c.importOnly && !c.generated)
      .map((c) => [c.name, c] as const),
  )('refuses %s and writes nothing', async (_name, c) => {
    const ws = makeWorkspace(path.join(tmp, c.name));
    const dest =
      c.section === 'sources' ? path.join(ws.seedDir, 'sources.yaml') : path.join(ws.seedDir, c.section, c.name);
    c.write(dest);
    const before = await fingerprint();
    const r = await kgInProcess(['seed'], { ...ws.env, ...neo4jEnv() });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/nothing written to Neo4j/);
    expect(await fingerprint()).toEqual(before);
  });
});
