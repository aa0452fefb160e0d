import {
  ENTITY_KINDS,
  RELATION_TYPES,
  type CitedEvidence,
  type EntityKind,
  type Fact,
  type RelationStatus,
  type RelationType,
} from '../model';
import { Footnotes, type Footnote } from './footnotes';
import { claimSentences } from './sentences';

/*
 * A briefing is rendered from claims and figures whose names and citations are already resolved
 * (gather.ts does it through the port), so rendering is a pure function of them.
 */

export interface Named {
  id: string;
  name: string;
}

/** One relation as a briefing states it; `assertedBy` is empty when the source itself asserts it. */
export interface BriefingClaim {
  type: RelationType;
  from: Named;
  to: Named;
  status: RelationStatus;
  assertedBy: Named[];
  evidence: CitedEvidence[];
}

export interface BriefingFact extends Omit<Fact, 'source' | 'paragraph'> {
  evidence: CitedEvidence;
}

/**
 * A briefing before its sources list: the body's lines and the footnotes they cite. Finished by
 * `finishBriefing`, with or without the cited passages.
 */
export interface BriefingDraft {
  lines: string[];
  notes: Footnotes;
}

export interface EntityBriefingInput {
  entity: Named & { kind: EntityKind; description: string; aliases: string[]; since?: string; until?: string };
  facts: BriefingFact[];
  /** Relations grouped by type, as the entity view groups them. */
  relations: Partial<Record<RelationType, BriefingClaim[]>>;
}

export function entityBriefing(input: EntityBriefingInput): BriefingDraft {
  const notes = new Footnotes();
  const e = input.entity;
  const lines = [`# ${e.name}`, ''];
  const dates = [e.since ? `since ${e.since}` : '', e.until ? `until ${e.until}` : ''].filter((s) => s).join(', ');
  const aka = e.aliases.length > 0 ? ` Also known as ${e.aliases.join(', ')}.` : '';
  lines.push(`*${ENTITY_KINDS[e.kind].label}${dates ? `, ${dates}` : ''}.*${aka}`, '', e.description, '');
  if (input.facts.length > 0) lines.push('## Figures', '', ...factLines(input.facts, notes), '');
  const types = Object.entries(input.relations).filter(([, claims]) => claims && claims.length > 0);
  if (types.length > 0) {
    lines.push('## Relations', '');
    for (const [type, claims] of types) {
      lines.push(`### ${RELATION_TYPES[type as RelationType].label}`, '');
      lines.push(...claimSentences(claims!, notes).map((s) => `- ${s}`), '');
    }
  }
  return { lines, notes };
}

export interface PathRoute {
  nodes: Named[];
  /** One entry per hop: the claims between nodes[i] and nodes[i + 1]. */
  hops: BriefingClaim[][];
}

export function pathsBriefing(input: { from: Named; to: Named; routes: PathRoute[]; reason?: string }): BriefingDraft {
  const notes = new Footnotes();
  const lines = [`# From ${input.from.name} to ${input.to.name}`, ''];
  if (input.routes.length === 0) lines.push(`No path: ${input.reason ?? 'none found'}.`, '');
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

/**
 * A question's answer: its title, the parameters it was asked with (entities by name), what it
 * asks, and the claims that answer it.
 */
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
  const byName = new Map<string, BriefingFact[]>();
  for (const f of facts) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  return [...byName].map(([name, group]) => {
    const values = group.map((f) => {
      const unit = f.unit ? ` ${f.unit}` : '';
      const date = f.date ? ` (${f.date})` : '';
      return `${f.value}${unit}${date}${notes.cite(f.evidence)}`;
    });
    const differ = new Set(group.map((f) => `${f.value} ${f.unit ?? ''}`)).size > 1 ? ' (the figures differ)' : '';
    return `- ${name}: ${values.join('; ')}${differ}`;
  });
}

/** Where a cited paragraph is, as the passages appendix looks it up. */
export const passageKey = (f: Pick<Footnote, 'evidence'>) => `${f.evidence.source}\u0000${f.evidence.paragraph}`;

/**
 * The briefing's Markdown: body, sources, and, when `passages` is given, an appendix quoting each
 * cited paragraph once (under every footnote citing it). A paragraph missing from its source file
 * is said to be missing rather than failing the whole briefing.
 */
export function finishBriefing(draft: BriefingDraft, passages?: ReadonlyMap<string, string | undefined>): string {
  const lines = [...draft.lines];
  const notes = draft.notes.list();
  if (notes.length > 0) lines.push('## Sources', '', ...draft.notes.render(), '');
  if (passages && notes.length > 0) {
    lines.push('## Cited passages', '');
    const byParagraph = new Map<string, Footnote[]>();
    for (const f of notes) byParagraph.set(passageKey(f), [...(byParagraph.get(passageKey(f)) ?? []), f]);
    for (const [key, group] of byParagraph) {
      const e = group[0]!.evidence;
      const refs = group.map((f) => `[^${f.n}]`).join(', ');
      lines.push(`${refs} ${e.title}, ¶${e.paragraph}:`, '');
      const text = passages.get(key);
      lines.push(text === undefined ? '*(this paragraph is not in the source file)*' : `> ${text}`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
