import type { Citation, EntityDetail, GraphPath, PathHop, PathsResult, RelationType, RelationView } from '../model';
import type { QuestionAnswer } from '../model/questions';
import { citeEvidence } from '../store/explain';
import type { GraphStore } from '../store/port';
import type { BriefingClaim, BriefingDraft, EntityBriefingInput, Named } from './render';
import { passageKey } from './render';

// Only port calls, so both stores brief alike; each id a sentence or footnote needs is asked of the store once.
type PortClaim = Pick<RelationView, 'type' | 'status' | 'assertedBy' | 'evidence'>;

function namer(store: GraphStore, known: readonly Named[] = []) {
  const names = new Map(known.map((n) => [n.id, Promise.resolve(n)]));
  const lookUp = async (id: string): Promise<Named> => ({ id, name: (await store.getEntity(id))?.name ?? id });
  const of = (id: string) => names.get(id) ?? names.set(id, lookUp(id)).get(id)!;
  /** A claim of the port as a briefing states it: ends as given, asserters by name. */
  const claim = async (c: PortClaim, from: Named, to: Named): Promise<BriefingClaim> => {
    const { type, status, evidence } = c;
    return { type, from, to, status, assertedBy: await Promise.all(c.assertedBy.map(of)), evidence };
  };
  return { of, claim };
}

export async function entityInput(store: GraphStore, e: EntityDetail): Promise<EntityBriefingInput> {
  const names = namer(store, [e, ...Object.values(e.relations).flatMap((views) => views.map((r) => r.other))]);
  const sourceById = new Map((await store.sources()).map((s) => [s.id, s]));
  const relations: EntityBriefingInput['relations'] = {};
  for (const [type, views] of Object.entries(e.relations))
    relations[type as RelationType] = await Promise.all(
      views.map((r) => (r.direction === 'outgoing' ? names.claim(r, e, r.other) : names.claim(r, r.other, e))),
    );
  const cite = (c: Citation) => citeEvidence([c], sourceById)[0]!;
  const facts = e.facts.map(({ source, paragraph, ...fact }) => ({ ...fact, evidence: cite({ source, paragraph }) }));
  return { entity: e, facts, relations };
}

export async function pathsInput(store: GraphStore, fromId: string, toId: string, { paths, reason }: PathsResult) {
  const names = namer(store);
  const all = (ids: readonly string[]) => Promise.all(ids.map(names.of));
  const hop = async ({ from, to, claims }: PathHop) => {
    const [a, b] = (await all([from, to])) as [Named, Named];
    return Promise.all(claims.map((c) => (c.direction === 'forward' ? names.claim(c, a, b) : names.claim(c, b, a))));
  };
  const route = async (p: GraphPath) => ({ nodes: await all(p.nodes), hops: await Promise.all(p.hops.map(hop)) });
  const routes = await Promise.all(paths.map(route));
  const [from, to] = await all([fromId, toId]);
  return { from: from!, to: to!, routes, reason };
}

/** A question's answer as the claims briefing takes it: entity parameters by name. */
export async function questionInput(store: GraphStore, { question, parameters, claims }: QuestionAnswer) {
  const ends = claims.flatMap((c) => [c.from, c.to]);
  const names = namer(store, ends);
  const named = await Promise.all(
    question.parameters.map(async (p): Promise<[string, string]> => {
      const value = parameters[p.name] ?? '';
      return [p.name, p.type === 'entity' ? (await names.of(String(value))).name : [value].flat().join(', ')];
    }),
  );
  const stated = await Promise.all(claims.map((c) => names.claim(c, c.from, c.to)));
  return { title: question.title, description: question.description, parameters: named, claims: stated };
}

/** Each cited paragraph's text, read at run time by `read` (never stored): undefined past the file's end. */
export async function citedPassages(
  store: GraphStore,
  draft: BriefingDraft,
  read: (file: string) => Promise<readonly string[]>,
): Promise<Map<string, string | undefined>> {
  const fileOf = new Map((await store.sources()).map((s) => [s.id, s.file]));
  const out = new Map<string, string | undefined>();
  for (const note of draft.notes.list) {
    const { source, paragraph } = note.evidence;
    const file = fileOf.get(source);
    if (!out.has(passageKey(note))) out.set(passageKey(note), file && (await read(file))[paragraph - 1]);
  }
  return out;
}
