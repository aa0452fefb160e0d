import { ENTITY_KINDS, RELATION_TYPES } from '../model';
import type { CitedEvidence, Entity, Fact, RelationType, RelationView } from '../model';
import { Footnotes, type Footnote } from './footnotes';
import { claimSentences, groupBy } from './sentences';

// Rendering is a pure function of claims and figures whose names and citations gather.ts resolved.

export type Named = { id: string; name: string };

/** One relation as a briefing states it; `assertedBy` is empty when the source itself asserts it. */
export type BriefingClaim = Pick<RelationView, 'type' | 'status' | 'evidence'> & {
  from: Named;
  to: Named;
  assertedBy: Named[];
};

export type BriefingFact = Omit<Fact, 'source' | 'paragraph'> & { evidence: CitedEvidence };

/** A briefing before its sources list: the body's lines and the footnotes they cite (see finishBriefing). */
export type BriefingDraft = { lines: string[]; notes: Footnotes };

export interface EntityBriefingInput {
  entity: Pick<Entity, 'id' | 'name' | 'kind' | 'description' | 'aliases' | 'since' | 'until'>;
  facts: BriefingFact[];
  /** Relations grouped by type, as the entity view groups them. */
  relations: Partial<Record<RelationType, BriefingClaim[]>>;
}

export function entityBriefing({ entity: e, facts, relations }: EntityBriefingInput): BriefingDraft {
  const notes = new Footnotes();
  const dates = [e.since && `since ${e.since}`, e.until && `until ${e.until}`].filter((s) => s).join(', ');
  const aka = e.aliases.length > 0 ? ` Also known as ${e.aliases.join(', ')}.` : '';
  const lines = [`# ${e.name}`, '', `*${ENTITY_KINDS[e.kind].label}${dates && `, ${dates}`}.*${aka}`, ''];
  lines.push(e.description, '');
  if (facts.length > 0) lines.push('## Figures', '', ...factLines(facts, notes), '');
  const types = Object.entries(relations).filter(([, claims]) => claims.length > 0);
  if (types.length > 0) lines.push('## Relations', '');
  for (const [type, claims] of types) {
    lines.push(`### ${RELATION_TYPES[type as RelationType].label}`, '');
    lines.push(...claimSentences(claims, notes).map((s) => `- ${s}`), '');
  }
  return { lines, notes };
}

/** One entry of `hops` per hop: the claims between nodes[i] and nodes[i + 1]. */
export type PathRoute = { nodes: Named[]; hops: BriefingClaim[][] };

export function pathsBriefing(input: { from: Named; to: Named; routes: PathRoute[]; reason?: string }): BriefingDraft {
  const notes = new Footnotes();
  const lines = [`# From ${input.from.name} to ${input.to.name}`, ''];
  if (input.routes.length === 0) lines.push(`No path: ${input.reason || 'none found'}.`, '');
  input.routes.forEach((route, i) => {
    lines.push(`## Route ${i + 1}: ${route.nodes.map((n) => n.name).join(' → ')}`, '');
    route.hops.forEach((claims, h) => {
      const ends = `**${route.nodes[h]!.name} → ${route.nodes[h + 1]!.name}**`;
      lines.push(`${h + 1}. ${ends}: ${claimSentences(claims, notes).join(' ')}`);
    });
    lines.push('');
  });
  return { lines, notes };
}

/** A question's answer: title, parameters (entities by name), what it asks, and the claims that answer it. */
export function claimsBriefing(input: {
  title: string;
  description?: string;
  parameters?: [name: string, value: string][];
  claims: BriefingClaim[];
}): BriefingDraft {
  const notes = new Footnotes();
  const lines = [`# ${input.title}`, ''];
  if (input.parameters?.length) lines.push(input.parameters.map(([k, v]) => `*${k}:* ${v}`).join(' · '), '');
  if (input.description) lines.push(input.description, '');
  const sentences = claimSentences(input.claims, notes);
  lines.push(...(sentences.length > 0 ? sentences.map((s) => `- ${s}`) : ['No claim answers it.']), '');
  return { lines, notes };
}

/** Figures by name; a name with different values gives every value with its own source. */
function factLines(facts: readonly BriefingFact[], notes: Footnotes): string[] {
  const value = (f: BriefingFact) => `${f.value}${f.unit ? ` ${f.unit}` : ''}${f.date ? ` (${f.date})` : ''}`;
  return [...groupBy(facts, (f) => f.name)].map(([name, group]) => {
    const cited = group.map((f) => value(f) + notes.cite(f.evidence)).join('; ');
    const differ = new Set(group.map((f) => `${f.value} ${f.unit ?? ''}`)).size > 1 ? ' (the figures differ)' : '';
    return `- ${name}: ${cited}${differ}`;
  });
}

/** Where a cited paragraph is, as the passages appendix looks it up. */
export const passageKey = (f: Pick<Footnote, 'evidence'>) => `${f.evidence.source}\u0000${f.evidence.paragraph}`;

/** Body, sources and (with `passages`) each cited paragraph once; one missing from its file is noted, not fatal. */
export function finishBriefing(draft: BriefingDraft, passages?: ReadonlyMap<string, string | undefined>): string {
  const lines = [...draft.lines];
  const notes = draft.notes.list;
  if (notes.length > 0) lines.push('## Sources', '', ...draft.notes.render(), '');
  if (passages && notes.length > 0) lines.push('## Cited passages', '');
  for (const [key, group] of passages ? groupBy(notes, passageKey) : []) {
    const { title, paragraph } = group[0]!.evidence;
    lines.push(`${group.map((f) => `[^${f.n}]`).join(', ')} ${title}, ¶${paragraph}:`, '');
    const text = passages!.get(key);
    lines.push(text === undefined ? '*(this paragraph is not in the source file)*' : `> ${text}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
