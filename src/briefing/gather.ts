import type { EntityDetail, PathsResult, RelationType, RelationView } from '../model';
import type { QuestionAnswer } from '../model/questions';
import { citeEvidence } from '../store/explain';
import type { GraphStore } from '../store/port';
import {
  passageKey,
  type BriefingClaim,
  type BriefingDraft,
  type claimsBriefing,
  type EntityBriefingInput,
  type Named,
  type pathsBriefing,
} from './render';

/**
 * From the port's answers to a briefing's inputs. Only port calls, so both stores brief alike.
 * Every id a sentence or footnote needs is named, asked of the store once each (names already at
 * hand are given as `known`).
 */
function namer(store: GraphStore, known: readonly Named[] = []) {
  const names = new Map(known.map((n) => [n.id, Promise.resolve(n)]));
  const of = (id: string): Promise<Named> => {
    if (!names.has(id))
      names.set(
        id,
        store.getEntity(id).then((e) => ({ id, name: e?.name ?? id })),
      );
    return names.get(id)!;
  };
  /** A claim of the port as a briefing states it: ends as given, asserters by name. */
  const claim = async (
    c: Pick<RelationView, 'type' | 'status' | 'assertedBy' | 'evidence'>,
    from: Named,
    to: Named,
  ): Promise<BriefingClaim> => ({
    type: c.type,
    from,
    to,
    status: c.status,
    assertedBy: await Promise.all(c.assertedBy.map(of)),
    evidence: c.evidence,
  });
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
  const facts = e.facts.map(({ source, paragraph, ...fact }) => ({
    ...fact,
    evidence: citeEvidence([{ source, paragraph }], sourceById)[0]!,
  }));
  return { entity: e, facts, relations };
}

export async function pathsInput(
  store: GraphStore,
  fromId: string,
  toId: string,
  result: PathsResult,
): Promise<Parameters<typeof pathsBriefing>[0]> {
  const names = namer(store);
  const all = (ids: readonly string[]) => Promise.all(ids.map(names.of));
  const routes = await Promise.all(
    result.paths.map(async (p) => ({
      nodes: await all(p.nodes),
      hops: await Promise.all(
        p.hops.map(async (h) => {
          const [a, b] = await all([h.from, h.to]);
          return Promise.all(
            h.claims.map((c) => (c.direction === 'forward' ? names.claim(c, a!, b!) : names.claim(c, b!, a!))),
          );
        }),
      ),
    })),
  );
  const [from, to] = await all([fromId, toId]);
  return { from: from!, to: to!, routes, ...(result.reason ? { reason: result.reason } : {}) };
}

/** A question's answer as the claims briefing takes it: entity parameters by name. */
export async function questionInput(
  store: GraphStore,
  answer: QuestionAnswer,
): Promise<Parameters<typeof claimsBriefing>[0]> {
  const names = namer(
    store,
    answer.claims.flatMap((c) => [c.from, c.to]),
  );
  const parameters = await Promise.all(
    answer.question.parameters.map(async (p): Promise<[string, string]> => {
      const value = answer.parameters[p.name] ?? '';
      return [p.name, p.type === 'entity' ? (await names.of(String(value))).name : [value].flat().join(', ')];
    }),
  );
  const claims = await Promise.all(answer.claims.map((c) => names.claim(c, c.from, c.to)));
  return { title: answer.question.title, description: answer.question.description, parameters, claims };
}

/**
 * The text of every paragraph the draft cites, read at run time from the sources folder (never
 * stored) by `read`, which gives a source file's paragraphs: undefined past the end of its file.
 */
export async function citedPassages(
  store: GraphStore,
  draft: BriefingDraft,
  read: (file: string) => Promise<readonly string[]>,
): Promise<Map<string, string | undefined>> {
  const fileOf = new Map((await store.sources()).map((s) => [s.id, s.file]));
  const out = new Map<string, string | undefined>();
  for (const { evidence: e } of draft.notes.list()) {
    const key = passageKey({ evidence: e });
    const file = fileOf.get(e.source);
    if (!out.has(key)) out.set(key, file === undefined ? undefined : (await read(file))[e.paragraph - 1]);
  }
  return out;
}
