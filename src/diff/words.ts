import type { CitedEvidence, Fact } from '../model';
import type { FieldChange, KnowledgeBaseDiff, RelationRef } from './changes';

/**
 * `kg diff` in words: counts, then one line per item added, removed or changed, changed ones with
 * every field that changed, e.g.
 *   changed relation ttp targets pakistan-army (reported): status alleged → reported; citation added: Title ¶12
 * Ids, not names, name the items: they are what a reader greps the seed files for.
 */
export function diffInWords(diff: KnowledgeBaseDiff): string {
  const counts = (['sources', 'entities', 'relations'] as const).map((what) => {
    const { added, removed, changed } = diff[what];
    return `${what}: ${added.length} added, ${removed.length} removed, ${changed.length} changed (${diff.old[what]} → ${diff.new[what]})`;
  });

  const items: string[] = [];
  for (const s of diff.sources.added) items.push(`added source ${s.id} "${s.title}"`);
  for (const s of diff.sources.removed) items.push(`removed source ${s.id} "${s.title}"`);
  for (const s of diff.sources.changed) items.push(`changed source ${s.id}: ${fieldChanges(s.changes)}`);
  for (const e of diff.entities.added) items.push(`added entity ${e.id} (${e.kind}) "${e.name}"`);
  for (const e of diff.entities.removed) items.push(`removed entity ${e.id} (${e.kind}) "${e.name}"`);
  for (const e of diff.entities.changed) items.push(`changed entity ${e.id} (${e.kind}): ${fieldChanges(e.changes)}`);
  for (const r of diff.relations.added)
    items.push(`added relation ${relationLabel(r)}: cited: ${r.evidence.map(cite).join('; ')}`);
  for (const r of diff.relations.removed) items.push(`removed relation ${relationLabel(r)}`);
  for (const r of diff.relations.changed)
    items.push(`changed relation ${relationLabel(r)}: ${fieldChanges(r.changes)}`);
  if (items.length === 0) items.push('no changes');
  return [`kg diff: ${diff.old.label} → ${diff.new.label}`, ...counts, '', ...items].join('\n') + '\n';
}

/** "ttp targets pakistan-army (alleged by ispr)": type, ends, status and asserters as it is (or was, when removed). */
function relationLabel(r: RelationRef): string {
  const by = r.assertedBy.length > 0 ? ` by ${r.assertedBy.join(', ')}` : '';
  return `${r.from} ${r.type} ${r.to} (${r.status}${by})`;
}

const cite = (e: CitedEvidence) => `${e.title} ¶${e.paragraph}`;

const FIELD_WORDS: Record<string, string> = { assertedBy: 'asserted by', evidence: 'citation', mentions: 'mention' };
/** Free text is quoted; ids, dates, numbers and statuses are not. */
const QUOTED = new Set('name title description note publisher file url aliases demonyms authors'.split(' '));

/** How a rendering shows a citation and a piece of text from the seed (Markdown escapes it and cites by footnote). */
export interface Wording {
  cite(e: CitedEvidence): string;
  text(s: string): string;
  /** An entity named by id in a field (an asserter): the id in words, its name in Markdown. */
  entity(id: string): string;
}

const PLAIN: Wording = { cite, text: (s) => s, entity: (id) => id };

/** The changed fields in words, "status alleged → reported; citation added: Title ¶12": one wording for every rendering. */
export function fieldChanges(changes: FieldChange[], wording: Wording = PLAIN): string {
  return changes.flatMap((c) => fieldChange(c, wording)).join('; ');
}

function fieldChange(c: FieldChange, { cite, text, entity }: Wording): string[] {
  const word = FIELD_WORDS[c.field] ?? c.field;
  const show = (v: string | number) =>
    c.field === 'assertedBy'
      ? entity(String(v))
      : QUOTED.has(c.field)
        ? `"${text(oneLine(String(v)))}"`
        : text(String(v));
  switch (c.kind) {
    case 'value':
      if (c.before === undefined) return [`${word} set: ${show(c.after!)}`];
      if (c.after === undefined) return [`${word} removed (was ${show(c.before)})`];
      return [`${word} ${show(c.before)} → ${show(c.after)}`];
    case 'list':
      return [
        ...(c.added.length > 0 ? [`${word} added: ${c.added.map(show).join(', ')}`] : []),
        ...(c.removed.length > 0 ? [`${word} removed: ${c.removed.map(show).join(', ')}`] : []),
      ];
    case 'citations':
      return [
        ...c.added.map((e) => `${word} added: ${cite(e)}`),
        ...c.removed.map((e) => `${word} removed: ${cite(e)}`),
        ...c.changed.map((e) => `${word} note or context changed: ${cite(e)}`),
      ];
    case 'facts':
      return [
        ...c.added.map((f) => `fact added: ${text(fact(f))}`),
        ...c.removed.map((f) => `fact removed: ${text(fact(f))}`),
      ];
  }
}

function fact(f: Fact): string {
  const date = f.date ? ` (${f.date})` : '';
  return `${f.name}: ${f.value}${f.unit ? ` ${f.unit}` : ''}${date}, ${f.source} ¶${f.paragraph}`;
}

/** Descriptions and notes may break lines; a diff line stays one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
