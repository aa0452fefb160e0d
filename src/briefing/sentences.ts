import { RELATION_TYPES, type RelationStatus } from '../model';
import { explainRelation } from '../store/explain';
import type { BriefingClaim } from './claims';
import { joinNames, type Footnotes } from './footnotes';

/** "BLA targets CPEC": the store's own sentence for a claim, without status or citations. */
export function plainSentence(c: BriefingClaim): string {
  return explainRelation({
    type: c.type,
    fromName: c.from.name,
    toName: c.to.name,
    status: 'reported',
    assertedByNames: [],
    evidence: [],
  });
}

const VERBS: Record<Exclude<RelationStatus, 'reported'>, [one: string, many: string]> = {
  alleged: ['alleges', 'allege'],
  denied: ['denies', 'deny'],
  disputed: ['disputes', 'dispute'],
};

/** "Pakistan alleges", "Afghanistan and TTP deny", or the impersonal form when no one is named. */
function asserts(c: BriefingClaim, status: Exclude<RelationStatus, 'reported'>): string {
  const names = c.assertedBy.map((a) => a.name);
  if (names.length === 0) return `it is ${status}`;
  const [one, many] = VERBS[status];
  return `${joinNames(names)} ${names.length === 1 ? one : many}`;
}

const negates = (s: RelationStatus) => s === 'denied' || s === 'disputed';

/** One claim as its own clause: "ISPR alleges that Afghanistan harbors TTP[^1]". */
function fullClause(c: BriefingClaim, notes: Footnotes): string {
  const marks = notes.citeAll(
    c.evidence,
    c.status,
    c.assertedBy.map((a) => a.name),
  );
  const plain = plainSentence(c);
  return c.status === 'reported' ? `${plain}${marks}` : `${asserts(c, c.status)} that ${plain}${marks}`;
}

/** A further claim about the same statement, referring back to it: "Afghanistan denies it[^2]". */
function backClause(c: BriefingClaim, notes: Footnotes): string {
  const marks = notes.citeAll(
    c.evidence,
    c.status,
    c.assertedBy.map((a) => a.name),
  );
  if (c.status === 'reported') return `it is also reported${marks}`;
  const who = asserts(c, c.status);
  const too = negates(c.status) ? '' : ' too';
  return c.assertedBy.length === 0 ? `${who}${too ? ' as well' : ''}${marks}` : `${who} it${too}${marks}`;
}

function sentence(clauses: string[]): string {
  const s = clauses.join('; ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** Claims about the same statement: same type and ends (either order for a symmetric type). */
function statementKey(c: BriefingClaim): string {
  const ends = RELATION_TYPES[c.type].symmetric ? [c.from.id, c.to.id].sort() : [c.from.id, c.to.id];
  return JSON.stringify([c.type, ...ends]);
}

/**
 * The claims as sentences, in the order given. Claims that contradict each other (one reported or
 * alleged, one denied or disputed, about the same statement) stand side by side in one sentence,
 * affirmations first: "ISPR alleges that Afghanistan harbors TTP[^1]; Afghanistan and TTP deny it[^2]."
 */
export function claimSentences(claims: readonly BriefingClaim[], notes: Footnotes): string[] {
  const groups = new Map<string, BriefingClaim[]>();
  for (const c of claims) {
    const key = statementKey(c);
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const out: string[] = [];
  for (const group of groups.values()) {
    const against = group.filter((c) => negates(c.status));
    const for_ = group.filter((c) => !negates(c.status));
    if (against.length === 0 || for_.length === 0) {
      for (const c of group) out.push(sentence([fullClause(c, notes)]));
      continue;
    }
    const [first, ...rest] = [...for_, ...against];
    out.push(sentence([fullClause(first!, notes), ...rest.map((c) => backClause(c, notes))]));
  }
  return out;
}
