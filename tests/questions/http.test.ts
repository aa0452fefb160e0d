import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuestionAnswerResponse, QuestionsResponse } from '../../src/api/routes/questions';
import { loadQuestions } from '../../src/questions';
import { getJson, startTestServer } from '../support/server';

/** The question routes through a real HTTP server on the embedded store over the real seed. */
let world: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  world = await startTestServer();
});
afterAll(async () => {
  await world?.close();
});

const get = (path: string) => getJson(world.url, path);

describe('GET /api/questions', () => {
  it('lists every question file with its typed parameters and defaults, as documented', async () => {
    const r = await get('/api/questions');
    expect(r.status).toBe(200);
    const parsed = QuestionsResponse.safeParse(r.body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(r.body.questions.map((q: { id: string }) => q.id)).toEqual(loadQuestions().map((q) => q.id));
    const changes = r.body.questions.find((q: { id: string }) => q.id === 'changes-around');
    expect(changes.parameters.map((p: { name: string; type: string }) => `${p.name}:${p.type}`)).toEqual([
      'actor:entity',
      'from:date',
      'to:date',
    ]);
    const targets = r.body.questions.find((q: { id: string }) => q.id === 'targets-of');
    expect(targets.parameters[0]).toMatchObject({ name: 'actor', type: 'entity', default: 'bla' });
    expect(Object.keys(targets.parameters[0])).toEqual(['name', 'type', 'description', 'kinds', 'default']);
    expect(targets.parameters[0].kinds).toContain('MilitantGroup');
  });
});

describe('GET /api/questions/{id}', () => {
  it('runs a question with its defaults: the graph and the cited claims that answer it, as documented', async () => {
    const r = await get('/api/questions/chinese-interests-targeted');
    expect(r.status).toBe(200);
    const parsed = QuestionAnswerResponse.safeParse(r.body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(r.body.question.title).toMatch(/Chinese interests/);
    const ids = r.body.graph.nodes.map((n: { key: string }) => n.key);
    expect(ids).toEqual(expect.arrayContaining(['bla', 'china', 'cpec']));
    expect(r.body.claims.length).toBeGreaterThan(0);
    for (const c of r.body.claims) {
      expect(c.type).toBe('targets');
      expect(c.evidence[0]).toHaveProperty('paragraph');
      expect(c.sentence).toMatch(/¶\d+/);
    }
  });

  it('runs with the parameters given: whom the TTP targets, every claim from the TTP', async () => {
    const r = await get('/api/questions/targets-of?actor=ttp');
    expect(r.status).toBe(200);
    expect(r.body.parameters).toEqual({ actor: 'ttp' });
    expect(r.body.claims.length).toBeGreaterThan(0);
    for (const c of r.body.claims) {
      expect(c.from.id).toBe('ttp');
      expect(['targets', 'carried-out']).toContain(c.type);
    }
    const bla = await get('/api/questions/targets-of');
    expect(bla.body.claims.map((c: { key: string }) => c.key)).not.toEqual(
      r.body.claims.map((c: { key: string }) => c.key),
    );
  });

  it('takes relation types and dates as parameters, defaults filling the rest', async () => {
    const r = await get('/api/questions/backers-of?actor=ttp&ties=harbors');
    expect(r.status).toBe(200);
    expect(r.body.parameters).toEqual({ actor: 'ttp', ties: ['harbors'] });
    expect(r.body.claims.length).toBeGreaterThan(0);
    expect(
      r.body.claims.every((c: { type: string; to: { id: string } }) => c.type === 'harbors' && c.to.id === 'ttp'),
    ).toBe(true);
    const early = await get('/api/questions/situation-as-of?date=2015');
    const late = await get('/api/questions/situation-as-of?date=2024-06');
    expect(early.status).toBe(200);
    expect(early.body.parameters).toEqual({ actor: 'ttp', date: '2015' });
    expect(early.body.claims.length).toBeLessThan(late.body.claims.length);
  });

  it('paths questions answer the union of the paths, with and without hostile ties', async () => {
    const all = await get('/api/questions/links-between?from=afghan-taliban&to=ttp');
    const friendly = await get('/api/questions/links-between-without-hostility?from=afghan-taliban&to=ttp');
    expect(all.status).toBe(200);
    expect(friendly.status).toBe(200);
    const hostile = ['targets', 'opposes', 'rival-of', 'criticizes', 'pressures', 'accuses'];
    expect(friendly.body.claims.length).toBeGreaterThan(0);
    expect(friendly.body.claims.some((c: { type: string }) => hostile.includes(c.type))).toBe(false);
    for (const body of [all.body, friendly.body]) {
      const ids = body.graph.nodes.map((n: { key: string }) => n.key);
      expect(ids).toEqual(expect.arrayContaining(['afghan-taliban', 'ttp']));
    }
  });

  it('an unknown entity is 404 naming the parameter', async () => {
    const r = await get('/api/questions/targets-of?actor=no-such-group');
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/no-such-group.*parameter "actor"/);
  });

  it('an entity of a kind the parameter does not take is 400 naming the parameter and the kinds', async () => {
    const r = await get('/api/questions/targets-of?actor=cpec');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/"actor".*Project.*Militant group/);
  });

  it('a bad date, an unknown relation type or an unknown parameter is 400 naming it', async () => {
    const date = await get('/api/questions/changes-around?from=2024-13');
    expect(date.status).toBe(400);
    expect(date.body.error.message).toMatch(/parameter "from".*month 13/);
    const types = await get('/api/questions/backers-of?ties=pays');
    expect(types.status).toBe(400);
    expect(types.body.error.message).toMatch(/parameter "ties"/);
    const unknown = await get('/api/questions/targets-of?actr=ttp');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/parameter "actr".*it takes actor/);
  });

  it('an unknown question is 404 saying where the list is', async () => {
    const r = await get('/api/questions/no-such-question');
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/unknown question "no-such-question".*GET \/api\/questions/);
  });

  it('both routes are in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).body;
    expect(doc.paths['/questions'].get.summary).toBeTruthy();
    const run = doc.paths['/questions/{id}'].get;
    expect(run.parameters.map((p: { name: string }) => p.name)).toContain('id');
    expect(Object.keys(run.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    expect(run.responses['200'].content['application/json'].schema.properties).toHaveProperty('claims');
    const listed = doc.paths['/questions'].get.responses['200'].content['application/json'].schema;
    expect(listed.properties.questions.items.properties.parameters.items.description).toMatch(/^A typed parameter: /);
  });
});
