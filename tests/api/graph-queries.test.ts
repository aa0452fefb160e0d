import Graph from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startTestServer } from '../support/server';
import { fixtureStore } from './fixture';

/** The invented fixture world: exact shapes and counts can be asserted here. */
let world: Awaited<ReturnType<typeof startTestServer>>;
/** The real seed: only stable facts (core entities and aliases) are asserted. */
let real: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  [world, real] = await Promise.all([startTestServer(fixtureStore()), startTestServer()]);
});
afterAll(async () => {
  await Promise.all([world?.close(), real?.close()]);
});

const get = (server: { url: string }, path: string) => getJson(server.url, path);
const ids = (body: { results: { id: string }[] }) => body.results.map((r) => r.id);

describe('GET /api/search', () => {
  it.each([
    ['azm-e-istekham', 'azm-i-istehkam'],
    ['AZM E ISTEHKAM', 'azm-i-istehkam'],
    ['Azm-i-Istehkam', 'azm-i-istehkam'],
    ['pakistani taliban', 'ttp'],
    ['tehrik-i-taliban', 'ttp'],
    ['Tehreek e Taliban', 'ttp'],
    ['TTP', 'ttp'],
    ['cpec', 'cpec'],
    ['beijing', 'china'],
  ])('finds %s as %s in the real seed, first', async (q, id) => {
    const r = await get(real, `/api/search?q=${encodeURIComponent(q)}`);
    expect(r.status).toBe(200);
    expect(r.body.results[0].id).toBe(id);
  });

  it('says which spelling matched', async () => {
    const r = await get(real, '/api/search?q=azm-e-istekham');
    expect(r.body.results[0]).toMatchObject({
      id: 'azm-i-istehkam',
      name: 'Azm-i-Istehkam',
      kind: 'Operation',
      matched: 'Azm-e-Istekham',
    });
    const c = await get(real, '/api/search?q=chinese');
    expect(c.body.results[0]).toMatchObject({ id: 'china', matched: 'Chinese' });
  });

  it('forgives doubled letters and the -ul-/-al- article: radd-ul-fasaad, rad-ul-fasaad, Rad ul Fasad', async () => {
    for (const q of ['radd-ul-fasaad', 'rad-ul-fasaad', 'Rad ul Fasad', 'raddul fasaad', 'operation rad-al-fasad']) {
      const r = await get(world, `/api/search?q=${encodeURIComponent(q)}`);
      expect(ids(r.body)[0], q).toBe('radd');
    }
  });

  it('matches prefixes as you type, and words in any order', async () => {
    expect(ids((await get(real, '/api/search?q=azm')).body)).toContain('azm-i-istehkam');
    expect(ids((await get(real, '/api/search?q=balochistan%20lib')).body)[0]).toBe('bla');
    expect(ids((await get(real, '/api/search?q=taliban%20pakistani')).body)[0]).toBe('ttp');
    expect(ids((await get(world, '/api/search?q=corridor')).body)).toEqual(['delta']);
  });

  it('tolerates small typos, ranked below exact and prefix matches', async () => {
    const typo = await get(real, '/api/search?q=balochsitan');
    expect(ids(typo.body)[0]).toBe('bla');
    const afghan = await get(real, '/api/search?q=afgan%20taliban');
    expect(ids(afghan.body)[0]).toBe('afghan-taliban');
    const exact = await get(real, '/api/search?q=cpec');
    expect(exact.body.results[0].score).toBeGreaterThan(typo.body.results[0].score);
  });

  it('ranks names above demonyms and filters by kind, up to limit', async () => {
    const r = await get(world, '/api/search?q=leaf&limit=5');
    expect(r.body.results).toHaveLength(5);
    const kinds = await get(world, '/api/search?q=hub&kind=Operation');
    expect(kinds.body.results).toEqual([]);
    const scores = (await get(world, '/api/search?q=leaf&limit=30')).body.results.map(
      (x: { score: number }) => x.score,
    );
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('rejects a missing q, an unknown kind and a bad limit with 400 naming the parameter', async () => {
    for (const [path, param] of [
      ['/api/search', 'q'],
      ['/api/search?q=x&kind=Wizard', 'kind'],
      ['/api/search?q=x&limit=0', 'limit'],
      ['/api/search?q=x&limit=abc', 'limit'],
    ] as const) {
      const r = await get(world, path);
      expect(r.status, path).toBe(400);
      expect(r.body.error.details[0].param, path).toBe(param);
    }
  });

  it('answers punctuation-only queries with no results rather than an error', async () => {
    const r = await get(world, `/api/search?q=${encodeURIComponent('-- ?!')}`);
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([]);
  });
});

describe('GET /api/entities/:id', () => {
  it('returns the entity with relations in both directions, grouped by type, with cited evidence', async () => {
    const r = await get(world, '/api/entities/alpha');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'alpha', kind: 'MilitantGroup', name: 'Alpha Lashkar', degree: 4 });
    expect(Object.keys(r.body.relations).sort()).toEqual(['allied-with', 'supports', 'targets']);
    const allied = r.body.relations['allied-with'][0];
    expect(allied).toMatchObject({
      direction: 'outgoing',
      other: { id: 'hub', name: 'Hub Front', kind: 'MilitantGroup' },
      status: 'reported',
      since: '2021',
    });
    expect(allied.evidence).toEqual([
      { source: 's-old', paragraph: 2, title: 'Old Report', publisher: 'Old Press', published: '2020-03' },
      { source: 's-new', paragraph: 1, title: 'New Analysis', publisher: 'New Institute', published: '2024-06' },
    ]);
    const supports = r.body.relations.supports;
    expect(supports.map((s: { status: string; direction: string }) => `${s.direction}:${s.status}`).sort()).toEqual([
      'incoming:alleged',
      'incoming:denied',
    ]);
    expect(supports.find((s: { status: string }) => s.status === 'alleged').assertedBy).toEqual(['beta']);
  });

  it('includes facts on the real seed (TTP fighters, cited)', async () => {
    const r = await get(real, '/api/entities/ttp');
    expect(r.body.aliases).toContain('Pakistani Taliban');
    expect(r.body.facts.some((f: { name: string; source: string }) => f.name === 'fighters' && f.source)).toBe(true);
  });

  it('answers an unknown id with 404 and an over-long id with 400', async () => {
    expect((await get(world, '/api/entities/nobody')).status).toBe(404);
    const long = await get(world, `/api/entities/${'x'.repeat(200)}`);
    expect(long.status).toBe(400);
    expect(long.body.error.details[0].param).toBe('id');
  });
});

describe('GET /api/entities/:id/neighborhood', () => {
  const hood = async (query: string) => {
    const r = await get(world, `/api/entities/hub/neighborhood?${query}`);
    expect(r.status, query).toBe(200);
    return { ...r.body, g: Graph.from(r.body.graph, { multi: true }) as Graph };
  };

  it('counts the focus relations per type and caps the result with truncated', async () => {
    const full = await hood('depth=1');
    expect(full.truncated).toBe(false);
    expect(full.g.order).toBe(35); // hub, alpha, beta, delta, radd and 30 places
    expect(full.counts.byType).toEqual({ 'operates-in': 30, 'allied-with': 1, targets: 2, opposes: 1 });
    const capped = await hood('depth=1&limit=10');
    expect(capped.truncated).toBe(true);
    expect(capped.g.order).toBe(10);
    expect(capped.counts.reachable).toBe(35);
    expect(capped.counts.byType['operates-in']).toBe(30);
  });

  it('grows with depth', async () => {
    const one = await hood('depth=1&types=allied-with,targets,supports');
    const two = await hood('depth=2&types=allied-with,targets,supports');
    expect(one.g.hasNode('gamma')).toBe(false);
    expect(two.g.hasNode('gamma')).toBe(true);
  });

  it('filters by relation type, excluded type, kind and status', async () => {
    expect((await hood('types=targets')).g.nodes().sort()).toEqual(['delta', 'hub', 'radd']);
    expect((await hood('excludeTypes=operates-in')).g.order).toBe(5);
    expect((await hood('kinds=Place&limit=100')).g.order).toBe(31);
    const alleged = await get(world, '/api/entities/alpha/neighborhood?status=alleged');
    expect(Graph.from(alleged.body.graph, { multi: true }).nodes().sort()).toEqual(['alpha', 'delta', 'gamma']);
    const denied = await get(world, '/api/entities/alpha/neighborhood?status=denied');
    expect(denied.body.graph.edges.map((e: { attributes: { status: string } }) => e.attributes.status)).toEqual([
      'denied',
    ]);
  });

  it('asOf keeps what held on that date', async () => {
    const in2020 = await hood('asOf=2020&excludeTypes=operates-in');
    expect(in2020.g.hasNode('beta')).toBe(true); // opposes 2019-2021
    expect(in2020.g.hasNode('alpha')).toBe(false); // allied since 2021
    const in2023 = await hood('asOf=2023-05&excludeTypes=operates-in');
    expect(in2023.g.hasNode('beta')).toBe(false);
    expect(in2023.g.hasNode('alpha')).toBe(true);
  });

  it('knownBy keeps only claims, and citations, from sources published by then', async () => {
    const r = await hood('knownBy=2021&excludeTypes=operates-in');
    expect(r.g.nodes().sort()).toEqual(['alpha', 'beta', 'hub']);
    const allied = r.g.getEdgeAttributes(r.g.edges('alpha', 'hub')[0]!);
    expect(allied.evidence).toEqual([{ source: 's-old', paragraph: 2 }]);
  });

  it('knownBy reads a year-only publication date as its last day: nothing from a source dated 2024 is known by 2024-01-01 (issue 16)', async () => {
    const sources = ((await get(real, '/api/sources')).body.sources as { id: string; published: string }[])
      .filter((s) => s.published === '2024')
      .map((s) => s.id);
    expect(sources.length).toBeGreaterThan(0);
    const cited = (g: { edges: { attributes: { evidence: { source: string }[] } }[] }) =>
      new Set(g.edges.flatMap((e) => e.attributes.evidence.map((c) => c.source)));
    const early = (await get(real, '/api/graph?knownBy=2024-01-01')).body;
    for (const id of sources) expect(cited(early).has(id), id).toBe(false);
    const endOfYear = (await get(real, '/api/graph?knownBy=2024-12-31')).body;
    for (const id of sources) expect(cited(endOfYear).has(id), id).toBe(true);
  });

  it('rejects depth 0 or 4, a bad date and an unknown type with 400 naming the parameter', async () => {
    for (const [q, param] of [
      ['depth=0', 'depth'],
      ['depth=4', 'depth'],
      ['asOf=2024-13', 'asOf'],
      ['knownBy=yesterday', 'knownBy'],
      ['types=befriends', 'types'],
      ['status=rumoured', 'status'],
      ['kinds=Alien', 'kinds'],
      ['limit=5001', 'limit'],
    ]) {
      const r = await get(world, `/api/entities/hub/neighborhood?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.details[0].param, q).toBe(param);
    }
    expect((await get(world, '/api/entities/nobody/neighborhood')).status).toBe(404);
  });
});

describe('GET /api/paths', () => {
  it('ranks by hops, explains each hop with its citations, and reports direction', async () => {
    const r = await get(world, '/api/paths?from=alpha&to=delta&k=3');
    expect(r.status).toBe(200);
    expect(r.body.paths.map((p: { nodes: string[] }) => p.nodes).slice(0, 2)).toEqual([
      ['alpha', 'delta'],
      ['alpha', 'hub', 'delta'],
    ]);
    const thin = r.body.paths[0].hops[0];
    expect(thin).toMatchObject({ type: 'targets', direction: 'forward', status: 'alleged' });
    expect(thin.sentence).toBe('Alpha Lashkar targets Delta Corridor [alleged by Betaland] (New Analysis, ¶6)');
    const costs = r.body.paths.map((p: { cost: number }) => p.cost);
    expect([...costs].sort((a, b) => a - b)).toEqual(costs);
  });

  it('weighted=true prefers the well-cited reported route over the thin allegation', async () => {
    const r = await get(world, '/api/paths?from=alpha&to=delta&k=5&weighted=true');
    const routes = r.body.paths.map((p: { nodes: string[] }) => p.nodes.join('>'));
    expect(routes[0]).toBe('alpha>hub>delta');
    // allied-with: reported, 2 citations -> 1/1.5; targets: reported, 1 citation -> 1.
    expect(r.body.paths[0].cost).toBeCloseTo(1 / 1.5 + 1, 3);
    // Three well-cited reported hops (the funding has 3 citations, credibility 2) still beat the
    // one alleged hop: alleged (x2), credibility 5 (x1.6), 1 citation = 3.2.
    expect(routes.indexOf('alpha>hub>beta>delta')).toBeLessThan(routes.indexOf('alpha>delta'));
    expect(r.body.paths.find((p: { nodes: string[] }) => p.nodes.join('>') === 'alpha>delta').cost).toBeCloseTo(3.2, 3);
    const costs = r.body.paths.map((p: { cost: number }) => p.cost);
    expect([...costs].sort((a, b) => a - b)).toEqual(costs);
  });

  it('walks against a relation only when undirected, and says so', async () => {
    const undirected = await get(world, '/api/paths?from=delta&to=beta&k=1');
    expect(undirected.body.paths[0].hops[0]).toMatchObject({
      from: 'delta',
      to: 'beta',
      type: 'funds',
      direction: 'backward',
    });
    expect(undirected.body.paths[0].hops[0].sentence).toMatch(
      /^Betaland funds Delta Corridor \(Old Report, ¶1; New Analysis, ¶2; Late Brief, ¶1\)$/,
    );
    const directed = await get(world, '/api/paths?from=delta&to=beta&directed=true');
    expect(directed.status).toBe(200);
    expect(directed.body.paths).toEqual([]);
    expect(directed.body.reason).toMatch(/following relation directions/);
  });

  it('answers no path with 200, an empty list and the reason', async () => {
    const r = await get(world, '/api/paths?from=omega&to=hub');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ paths: [], reason: expect.stringContaining('no path of at most 4 hops') });
    const same = await get(world, '/api/paths?from=hub&to=hub');
    expect(same.body).toEqual({ paths: [], reason: 'from and to are the same entity' });
  });

  it('honours maxHops, types, excludeTypes and asOf', async () => {
    expect((await get(world, '/api/paths?from=gamma&to=delta&maxHops=1')).body.paths).toEqual([]);
    expect((await get(world, '/api/paths?from=gamma&to=delta&maxHops=2')).body.paths[0].nodes).toEqual([
      'gamma',
      'alpha',
      'delta',
    ]);
    const noTargets = await get(world, '/api/paths?from=alpha&to=delta&excludeTypes=targets&k=1');
    expect(noTargets.body.paths[0].hops.every((h: { type: string }) => h.type !== 'targets')).toBe(true);
    const onlyTargets = await get(world, '/api/paths?from=alpha&to=delta&types=targets&k=5');
    expect(onlyTargets.body.paths.map((p: { nodes: string[] }) => p.nodes)).toEqual(
      [
        ['alpha', 'delta'],
        ['alpha', 'delta'],
      ].slice(0, 1),
    );
    const in2020 = await get(world, '/api/paths?from=alpha&to=hub&asOf=2020&k=5');
    expect(in2020.body.paths.every((p: { edges: string[] }) => !p.edges.includes('alpha--allied-with--hub'))).toBe(
      true,
    );
  });

  it('answers the BLA-to-China question on the real seed with cited sentences', async () => {
    const r = await get(real, '/api/paths?from=bla&to=china');
    expect(r.body.paths[0].nodes).toEqual(['bla', 'china']);
    expect(r.body.paths[0].hops[0].sentence).toMatch(/^Balochistan Liberation Army targets China \(.+, ¶\d+\)$/);
  });

  it('gives k different routes, each hop listing every claim between its two entities (issue 16)', async () => {
    const r = await get(real, '/api/paths?from=afghan-taliban&to=china&k=10');
    type Hop = {
      from: string;
      to: string;
      edge: string;
      status: string;
      sentence: string;
      claims: { edge: string; status: string; evidence: unknown[] }[];
    };
    const paths = r.body.paths as { nodes: string[]; edges: string[]; hops: Hop[] }[];
    expect(paths).toHaveLength(10);
    const routes = paths.map((p) => p.nodes.join('>'));
    expect(new Set(routes).size).toBe(10);
    // Through Pakistan once, not once per parallel claim.
    expect(routes.filter((x) => x === 'afghan-taliban>pakistan>china')).toHaveLength(1);
    const claimsBetween = async (a: string, b: string) => {
      const detail = (await get(real, `/api/entities/${a}`)).body as {
        relations: Record<string, { key: string; other: { id: string } }[]>;
      };
      return Object.values(detail.relations)
        .flat()
        .filter((x) => x.other.id === b)
        .map((x) => x.key)
        .sort();
    };
    let parallel = 0;
    for (const p of paths) {
      expect(p.edges).toEqual(p.hops.map((h) => h.edge));
      for (const hop of p.hops) {
        expect(hop.claims.map((c) => c.edge)).toEqual(await claimsBetween(hop.from, hop.to));
        expect(hop.claims.map((c) => c.edge)).toContain(hop.edge);
        for (const c of hop.claims) expect(c.evidence.length).toBeGreaterThan(0);
        if (hop.claims.length > 1) parallel++;
        const contested = new Set(hop.claims.map((c) => c.status));
        if (contested.has('denied') && (contested.has('alleged') || contested.has('reported')))
          expect(hop.sentence).toMatch(/^Sources disagree: /);
      }
    }
    expect(parallel).toBeGreaterThan(0);
  });

  it('rejects missing ends, unknown ends and bad numbers', async () => {
    expect((await get(world, '/api/paths?from=alpha')).body.error.details[0].param).toBe('to');
    const unknown = await get(world, '/api/paths?from=nobody&to=hub');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/parameter "from"/);
    for (const q of ['k=0', 'k=11', 'maxHops=7', 'directed=maybe', 'weighted=yes']) {
      const r = await get(world, `/api/paths?from=alpha&to=hub&${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.details[0].param, q).toBe(q.split('=')[0]);
    }
  });
});

describe('GET /api/sources and /api/sources/:id', () => {
  it('lists the sources with citation counts', async () => {
    const r = await get(world, '/api/sources');
    const byId = Object.fromEntries(r.body.sources.map((s: { id: string; citations: number }) => [s.id, s.citations]));
    expect(byId).toEqual({ 's-old': 4, 's-new': 7, 's-late': 31 });
  });

  it('shows what one source supports, and 404 for an unknown one', async () => {
    const r = await get(world, '/api/sources/s-old');
    expect(r.body).toMatchObject({ id: 's-old', title: 'Old Report', publisher: 'Old Press' });
    expect(r.body.relations.map((x: { key: string }) => x.key).sort()).toEqual([
      'alpha--allied-with--hub',
      'beta--funds--delta',
      'beta--launched--radd',
      'beta--opposes--hub',
    ]);
    expect((await get(world, '/api/sources/nope')).status).toBe(404);
  });

  it('lists the five documents of the real seed', async () => {
    const r = await get(real, '/api/sources');
    expect(r.body.sources.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['ali-2024', 'isas-2024', 'shah-2024', 'atlas-2024', 'ct-report-2025']),
    );
  });
});

describe('GET /api/graph', () => {
  it('serves the whole graph under the filters in graphology serialisation', async () => {
    const all = await get(world, '/api/graph');
    const g = Graph.from(all.body, { multi: true });
    expect(g.order).toBe(37);
    expect(g.size).toBe(39);
    expect(all.body.attributes.sources).toHaveLength(3);
    const hostile = Graph.from((await get(world, '/api/graph?types=targets,opposes')).body, { multi: true });
    expect(hostile.size).toBe(4);
    expect((await get(world, '/api/graph?format=xml')).status).toBe(400);
  });
});
