import type { EntityDetail, PathClaim, PathsResult, RelationView, Source } from '../model';
import type { QuestionAnswer } from '../model/questions';
import { citeEvidence } from '../store/explain';
import type { GraphStore } from '../store/port';
import type { BriefingClaim, BriefingFact, Named } from './claims';
import { claimsBriefing, passageKey, type BriefingDraft, type EntityBriefingInput, type PathRoute } from './render';

/**
 * From the port's answers to a briefing's inputs: names for every id a sentence or footnote
 * needs, asked of the store once each. Only port calls, so both stores brief alike.
 */
export class Names {
  private readonly known = new Map<string, Promise<Named>>();
  constructor(private readonly store: GraphStore) {}

  /** Records a name already at hand, saving a lookup. */
  add(n: Named): void {
    if (!this.known.has(n.id)) this.known.set(n.id, Promise.resolve(n));
  }

  of(id: string): Promise<Named> {
    let n = this.known.get(id);
    if (!n) {
      n = this.store.getEntity(id).then((e) => ({ id, name: e?.name ?? id }));
      this.known.set(id, n);
    }
    return n;
  }

  all(ids: readonly string[]): Promise<Named[]> {
    return Promise.all(ids.map((id) => this.of(id)));
  }
}

export async function entityInput(store: GraphStore, e: EntityDetail): Promise<EntityBriefingInput> {
  const names = new Names(store);
  const self = { id: e.id, name: e.name };
  names.add(self);
  const sourceById = new Map<string, Source>((await store.sources()).map((s) => [s.id, s]));
  const facts: BriefingFact[] = e.facts.map(({ source, paragraph, ...fact }) => ({
    ...fact,
    evidence: citeEvidence([{ source, paragraph }], sourceById)[0]!,
  }));
  const relations: EntityBriefingInput['relations'] = {};
  for (const [type, views] of Object.entries(e.relations) as [
    keyof EntityBriefingInput['relations'],
    RelationView[],
  ][]) {
    relations[type] = await Promise.all(
      views.map(async (r) => {
        names.add({ id: r.other.id, name: r.other.name });
        const [from, to] = r.direction === 'outgoing' ? [self, r.other] : [r.other, self];
        return {
          type: r.type,
          from: { id: from.id, name: from.name },
          to: { id: to.id, name: to.name },
          status: r.status,
          assertedBy: await names.all(r.assertedBy),
          evidence: r.evidence,
        };
      }),
    );
  }
  return {
    entity: {
      id: e.id,
      name: e.name,
      kind: e.kind,
      description: e.description,
      aliases: e.aliases,
      ...(e.since ? { since: e.since } : {}),
      ...(e.until ? { until: e.until } : {}),
    },
    facts,
    relations,
  };
}

export async function pathsInput(
  store: GraphStore,
  fromId: string,
  toId: string,
  result: PathsResult,
): Promise<{ from: Named; to: Named; routes: PathRoute[]; reason?: string }> {
  const names = new Names(store);
  const claim = async (hopFrom: string, hopTo: string, c: PathClaim): Promise<BriefingClaim> => {
    const [from, to] = c.direction === 'forward' ? [hopFrom, hopTo] : [hopTo, hopFrom];
    return {
      type: c.type,
      from: await names.of(from),
      to: await names.of(to),
      status: c.status,
      assertedBy: await names.all(c.assertedBy),
      evidence: c.evidence,
    };
  };
  const routes = await Promise.all(
    result.paths.map(async (p) => ({
      nodes: await names.all(p.nodes),
      hops: await Promise.all(p.hops.map((h) => Promise.all(h.claims.map((c) => claim(h.from, h.to, c))))),
    })),
  );
  return {
    from: await names.of(fromId),
    to: await names.of(toId),
    routes,
    ...(result.reason ? { reason: result.reason } : {}),
  };
}

/** A question's answer as the claims briefing takes it: entity parameters by name. */
export async function questionInput(
  store: GraphStore,
  answer: QuestionAnswer,
): Promise<Parameters<typeof claimsBriefing>[0]> {
  const names = new Names(store);
  for (const c of answer.claims) {
    names.add({ id: c.from.id, name: c.from.name });
    names.add({ id: c.to.id, name: c.to.name });
  }
  const parameters = await Promise.all(
    answer.question.parameters.map(async (p): Promise<[string, string]> => {
      const value = answer.parameters[p.name] ?? '';
      if (p.type === 'entity' && typeof value === 'string') return [p.name, (await names.of(value)).name];
      return [p.name, Array.isArray(value) ? value.join(', ') : value];
    }),
  );
  const claims = await Promise.all(
    answer.claims.map(async (c): Promise<BriefingClaim> => ({
      type: c.type,
      from: { id: c.from.id, name: c.from.name },
      to: { id: c.to.id, name: c.to.name },
      status: c.status,
      assertedBy: await names.all(c.assertedBy),
      evidence: c.evidence,
    })),
  );
  return { title: answer.question.title, description: answer.question.description, parameters, claims };
}

/** A source file's paragraphs (paragraph N is element N-1), as the sources folder gives them. */
export type ParagraphReader = (file: string) => Promise<readonly string[]>;

/**
 * The text of every paragraph the draft cites, read at run time from the sources folder (never
 * stored): undefined for a paragraph past the end of its file.
 */
export async function citedPassages(
  store: GraphStore,
  draft: BriefingDraft,
  read: ParagraphReader,
): Promise<Map<string, string | undefined>> {
  const fileOf = new Map((await store.sources()).map((s) => [s.id, s.file]));
  const out = new Map<string, string | undefined>();
  for (const f of draft.notes.list()) {
    const key = passageKey(f);
    if (out.has(key)) continue;
    const file = fileOf.get(f.evidence.source);
    out.set(key, file === undefined ? undefined : (await read(file))[f.evidence.paragraph - 1]);
  }
  return out;
}
