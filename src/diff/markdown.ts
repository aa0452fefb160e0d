import { Footnotes } from '../briefing';
import { ENTITY_KINDS, type CitedEvidence, type Source } from '../model';
import { explainRelation } from '../store/explain';
import type { KnowledgeBaseDiff, RelationRef } from './compare';
import { fieldChanges, oneLine, type Wording } from './words';

/** `kg diff --markdown`: a changelog entry, relations as the API's sentence, citations as the briefings' footnotes. */
export function diffInMarkdown(diff: KnowledgeBaseDiff): string {
  const notes = new Footnotes();
  const nameOf = (id: string) => diff.names[id] ?? id;
  const name = (id: string) => md(nameOf(id));
  /** A relation's citations are footnoted with its status and asserters, as a briefing footnotes a claim. */
  const marker = (e: CitedEvidence, r?: RelationRef) => notes.cite(e, r?.status, r?.assertedBy.map(nameOf));
  const wording = (r?: RelationRef): Wording => ({
    cite: (e) => `${md(e.title)} ¶${e.paragraph}${marker(e, r)}`,
    text: md,
    entity: name,
  });
  const sentence = ({ type, from, to, status, assertedBy }: RelationRef) => {
    const names = { fromName: name(from), toName: name(to), assertedByNames: assertedBy.map(name) };
    return explainRelation({ type, status, ...names, evidence: [] });
  };
  const source = (s: Pick<Source, 'id' | 'title'>) => `${md(s.title)} (\`${s.id}\`)`;
  const entity = (e: KnowledgeBaseDiff['entities']['added'][number]) =>
    `**${md(e.name)}** (\`${e.id}\`, ${ENTITY_KINDS[e.kind].label})`;
  const markers = (r: RelationRef) => r.evidence.map((e) => marker(e, r)).join('');

  const listed = (side: 'added' | 'removed') => [
    ...diff.sources[side].map((s) => `- Source: ${source(s)}`),
    ...diff.entities[side].map((e) => `- Entity: ${entity(e)}`),
    ...diff.relations[side].map((r) => `- ${sentence(r)}.${markers(r)}`),
  ];
  const sections = {
    Added: listed('added'),
    Removed: listed('removed'),
    Changed: [
      ...diff.sources.changed.map((s) => `- Source ${source(s)}: ${fieldChanges(s.changes, wording())}.`),
      ...diff.entities.changed.map((e) => `- ${entity(e)}: ${fieldChanges(e.changes, wording())}.`),
      ...diff.relations.changed.map((r) => `- ${sentence(r)}: ${fieldChanges(r.changes, wording(r))}.`),
    ],
  };

  const count = (what: string, s: KnowledgeBaseDiff['entities' | 'relations' | 'sources']) =>
    `${what}: ${s.added.length} added, ${s.removed.length} removed, ${s.changed.length} changed`;
  const lines = [
    `## Knowledge base changes: ${md(diff.old.label)} → ${md(diff.new.label)}`,
    '',
    `${count('Entities', diff.entities)}. ${count('Relations', diff.relations)}. ${count('Sources', diff.sources)}.`,
  ];
  for (const [heading, items] of Object.entries(sections))
    if (items.length > 0) lines.push('', `### ${heading}`, '', ...items);
  if (Object.values(sections).every((items) => items.length === 0)) lines.push('', 'No changes.');
  const footnotes = notes.render();
  if (footnotes.length > 0) lines.push('', ...footnotes);
  return `${lines.join('\n')}\n`;
}

/** Seed text is data, not markup: characters Markdown would read as formatting or links are escaped. */
const md = (text: string): string => oneLine(text).replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
