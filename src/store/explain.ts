import { RELATION_TYPES, type Citation, type Source } from '../model';
import type { CitedEvidence, PathClaim, RelationAttributes, RelationView } from '../model';

/** Citations joined with what a reader needs to weigh them: title, publisher, date. */
export function citeEvidence(evidence: readonly Citation[], sourceById: ReadonlyMap<string, Source>): CitedEvidence[] {
  return evidence.map((c) => {
    const s = sourceById.get(c.source);
    const publisher = s?.publisher ? { publisher: s.publisher } : {};
    return { ...c, title: s?.title ?? c.source, ...publisher, published: s?.published ?? '' };
  });
}

type ClaimNames = { fromName: string; toName: string; assertedByNames: string[] };

/**
 * One plain sentence for a claim, e.g. "BLA targets CPEC (Source title, ¶12)". Contested claims
 * say so and say who asserts them, so a sentence never passes an allegation off as fact.
 */
export function explainRelation(args: Pick<PathClaim, 'type' | 'status' | 'evidence'> & ClaimNames): string {
  const verb = RELATION_TYPES[args.type].verb;
  let sentence = `${args.fromName} ${verb} ${args.toName}`;
  if (args.status !== 'reported') {
    const by = args.assertedByNames.length > 0 ? ` by ${args.assertedByNames.join(', ')}` : '';
    sentence += ` [${args.status}${by}]`;
  }
  const cites = args.evidence.map((e) => `${e.title}, ¶${e.paragraph}`);
  return cites.length > 0 ? `${sentence} (${cites.join('; ')})` : sentence;
}

/** A relation as a store holds it: its key, ends and attributes. */
export type StoredRelation = { key: string; from: string; to: string; attributes: RelationAttributes };

type ViewArgs = StoredRelation &
  Pick<RelationView, 'other'> & { seenFrom: string; sourceById: ReadonlyMap<string, Source> };

/** A relation as seen from one of its ends, with its citations resolved: shared by both stores. */
export function relationView({ key, from, to, other, attributes, seenFrom, sourceById }: ViewArgs): RelationView {
  // The attributes hold their optional fields only when set, in the view's order (relationAttributes).
  const { type, status, evidence, ...claim } = attributes;
  const direction = from === seenFrom ? 'outgoing' : 'incoming';
  return { key, type, from, to, other, direction, status, ...claim, evidence: citeEvidence(evidence, sourceById) };
}
