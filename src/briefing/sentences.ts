import { RELATION_TYPES, type RelationStatus } from '../model';
import { explainRelation } from '../store/explain';
import { joinNames, type Footnotes } from './footnotes';
import type { BriefingClaim } from './render';

type Contested = Exclude<RelationStatus, 'reported'>;

const VERBS: Record<Contested, [one: string, many: string]> = {
  alleged: ['alleges', 'allege'],
  denied: ['denies', 'deny'],
  disputed: ['disputes', 'dispute'],
};

/** "Pakistan alleges", "Afghanistan and TTP deny", or the impersonal form when no one is named. */
function asserts(c: BriefingClaim, status: Contested): string {
  const names = c.assertedBy.map((a) => a.name);
  if (names.length === 0) return `it is ${status}`;
  const [one, many] = VERBS[status];
  return `${joinNames(names)} ${names.length === 1 ? one : many}`;
}

const negates = (s: RelationStatus) => s === 'denied' || s === 'disputed';

/** The claim's footnote markers, e.g. "[^1][^2]". */
const marks = (c: BriefingClaim, notes: Footnotes) =>
  c.evidence
    .map((e) =>
      notes.cite(
        e,
        c.status,
        c.assertedBy.map((a) => a.name),
      ),
    )
    .join('');

/** One claim as its own clause: "ISPR alleges that Afghanistan harbors TTP[^1]". */
function fullClause(c: BriefingClaim, notes: Footnotes): string {
  // The store's own sentence for the claim, without status or citations: "BLA targets CPEC".
  const plain = explainRelation({
    type: c.type,
    fromName: c.from.name,
    toName: c.to.name,
    status: 'reported',
    assertedByNames: [],
    evidence: [],
  });
  return c.status === 'reported'
    ? `${plain}${marks(c, notes)}`
    : `${asserts(c, c.status)} that ${plain}${marks(c, notes)}`;
}

/** A further claim about the same statement, referring back to it: "Afghanistan denies it[^2]". */
function backClause(c: BriefingClaim, notes: Footnotes): string {
  if (c.status === 'reported') return `it is also reported${marks(c, notes)}`;
  const who = asserts(c, c.status);
  const too = negates(c.status) ? '' : ' too';
  return c.assertedBy.length === 0
    ? `${who}${too ? ' as well' : ''}${marks(c, notes)}`
    : `${who} it${too}${marks(c, notes)}`;
}

const sentence = (clauses: string[]) => `${clauses.join('; ').replace(/^./, (c) => c.toUpperCase())}.`;

/**
 * The claims as sentences, in the order given. Claims that contradict each other (one reported or
 * alleged, one denied or disputed, about the same statement: same type and ends, either order for
 * a symmetric type) stand side by side in one sentence, affirmations first: "ISPR alleges that
 * Afghanistan harbors TTP[^1]; Afghanistan and TTP deny it[^2]."
 */
export function claimSentences(claims: readonly BriefingClaim[], notes: Footnotes): string[] {
  const groups = new Map<string, BriefingClaim[]>();
  for (const c of claims) {
    const ends = RELATION_TYPES[c.type].symmetric ? [c.from.id, c.to.id].sort() : [c.from.id, c.to.id];
    const key = JSON.stringify([c.type, ...ends]);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].flatMap((group) => {
    const against = group.filter((c) => negates(c.status));
    const for_ = group.filter((c) => !negates(c.status));
    if (against.length === 0 || for_.length === 0) return group.map((c) => sentence([fullClause(c, notes)]));
    const [first, ...rest] = [...for_, ...against];
    return [sentence([fullClause(first!, notes), ...rest.map((c) => backClause(c, notes))])];
  });
}
