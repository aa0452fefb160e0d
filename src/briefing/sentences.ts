import { RELATION_TYPES, type RelationStatus } from '../model';
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
  return names.length === 0 ? `it is ${status}` : `${joinNames(names)} ${VERBS[status][names.length === 1 ? 0 : 1]}`;
}

const negates = (s: RelationStatus) => s === 'denied' || s === 'disputed';

/** The claim's footnote markers, e.g. "[^1][^2]". */
function marks(c: BriefingClaim, notes: Footnotes): string {
  const by = c.assertedBy.map((a) => a.name);
  return c.evidence.map((e) => notes.cite(e, c.status, by)).join('');
}

/** One claim as its own clause: "ISPR alleges that Afghanistan harbors TTP[^1]". */
function fullClause(c: BriefingClaim, notes: Footnotes): string {
  // The claim's plain sentence (as src/store/explain.ts words it) without status or citations: "BLA targets CPEC".
  const plain = `${c.from.name} ${RELATION_TYPES[c.type].verb} ${c.to.name}`;
  return `${c.status === 'reported' ? '' : `${asserts(c, c.status)} that `}${plain}${marks(c, notes)}`;
}

/** A further claim about the same statement, referring back to it: "Afghanistan denies it[^2]". */
function backClause(c: BriefingClaim, notes: Footnotes): string {
  if (c.status === 'reported') return `it is also reported${marks(c, notes)}`;
  const too = negates(c.status) ? '' : c.assertedBy.length === 0 ? ' as well' : ' too';
  return `${asserts(c, c.status)}${c.assertedBy.length === 0 ? '' : ' it'}${too}${marks(c, notes)}`;
}

const sentence = (clauses: string[]) => `${clauses.join('; ').replace(/^./, (c) => c.toUpperCase())}.`;

/**
 * Claims for and against one statement (type and ends, either order when symmetric) share a sentence, affirmations
 * first: "ISPR alleges that A harbors T[^1]; A denies it[^2]."
 */
export function claimSentences(claims: readonly BriefingClaim[], notes: Footnotes): string[] {
  const ends = (c: BriefingClaim) =>
    RELATION_TYPES[c.type].symmetric ? [c.from.id, c.to.id].sort() : [c.from.id, c.to.id];
  return [...groupBy(claims, (c) => JSON.stringify([c.type, ...ends(c)])).values()].flatMap((group) => {
    const against = group.filter((c) => negates(c.status));
    const for_ = group.filter((c) => !negates(c.status));
    if (against.length === 0 || for_.length === 0) return group.map((c) => sentence([fullClause(c, notes)]));
    const [first, ...rest] = [...for_, ...against];
    return [sentence([fullClause(first!, notes), ...rest.map((c) => backClause(c, notes))])];
  });
}

/** The items by key, in order of first appearance. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}
