import type { CitedEvidence, Fact } from '../model';
import type { FieldChange, KnowledgeBaseDiff, RelationRef } from './compare';

/**
 * `kg diff` in words: counts, then a line per item added, removed or changed (with every field that changed), e.g.
 *   changed relation ttp targets pakistan-army (reported): status alleged → reported; citation added: Title ¶12
 * Ids, not names, name the items: they are what a reader greps the seed files for.
 */
export function diffInWords(diff: KnowledgeBaseDiff): string {
  const counts = (['sources', 'entities', 'relations'] as const).map((what) => {
    const { added, removed, changed } = diff[what];
    return `${what}: ${added.length} added, ${removed.length} removed, ${changed.length} changed (${diff.old[what]} → ${diff.new[what]})`;
  });

  const items = [
    ...diff.sources.added.map((s) => `added source ${s.id} "${s.title}"`),
    ...diff.sources.removed.map((s) => `removed source ${s.id} "${s.title}"`),
    ...diff.sources.changed.map((s) => `changed source ${s.id}: ${fieldChanges(s.changes)}`),
    ...diff.entities.added.map((e) => `added entity ${e.id} (${e.kind}) "${e.name}"`),
    ...diff.entities.removed.map((e) => `removed entity ${e.id} (${e.kind}) "${e.name}"`),
    ...diff.entities.changed.map((e) => `changed entity ${e.id} (${e.kind}): ${fieldChanges(e.changes)}`),
    ...diff.relations.added.map((r) => `added relation ${relationLabel(r)}: cited: ${r.evidence.map(cite).join('; ')}`),
    ...diff.relations.removed.map((r) => `removed relation ${relationLabel(r)}`),
    ...diff.relations.changed.map((r) => `changed relation ${relationLabel(r)}: ${fieldChanges(r.changes)}`),
  ];
  if (items.length === 0) items.push('no changes');
  return [`kg diff: ${diff.old.label} → ${diff.new.label}`, ...counts, '', ...items].join('\n') + '\n';
}

/** "ttp targets pakistan-army (alleged by ispr)": type, ends, status and asserters as it is (or was, when removed). */
const relationLabel = ({ from, type, to, status, assertedBy: by }: RelationRef) =>
  `${from} ${type} ${to} (${status}${by.length > 0 ? ` by ${by.join(', ')}` : ''})`;

const cite = (e: CitedEvidence) => `${e.title} ¶${e.paragraph}`;

const FIELD_WORDS: Record<string, string> = { assertedBy: 'asserted by', evidence: 'citation', mentions: 'mention' };
/** Free text is quoted; ids, dates, numbers and statuses are not. */
const QUOTED = new Set('name title description note publisher file url aliases demonyms authors'.split(' '));

/** How a rendering shows citations, seed text and asserters: Markdown escapes, footnotes and names; words are plain. */
export type Wording = { cite(e: CitedEvidence): string; text(s: string): string; entity(id: string): string };

const PLAIN: Wording = { cite, text: (s) => s, entity: (id) => id };

/** The changed fields in words, "status alleged → reported; citation added: Title ¶12": one wording for every rendering. */
export function fieldChanges(changes: FieldChange[], { cite, text, entity }: Wording = PLAIN): string {
  const words = changes.flatMap((c) => {
    const word = c.kind === 'facts' ? 'fact' : (FIELD_WORDS[c.field] ?? c.field);
    const quoted = (v: string) => (QUOTED.has(c.field) ? `"${text(oneLine(v))}"` : text(v));
    const show = (v: string | number) => (c.field === 'assertedBy' ? entity(String(v)) : quoted(String(v)));
    const each = <T>(what: string, items: T[], shown: (item: T) => string) =>
      items.map((item) => `${word} ${what}: ${shown(item)}`);
    const all = (what: string, items: string[]) => (items.length > 0 ? [`${word} ${what}: ${items.join(', ')}`] : []);
    if (c.kind === 'list') return [...all('added', c.added.map(show)), ...all('removed', c.removed.map(show))];
    if (c.kind === 'facts')
      return [...each('added', c.added, (f) => text(fact(f))), ...each('removed', c.removed, (f) => text(fact(f)))];
    if (c.kind === 'citations')
      return [
        ...each('added', c.added, cite),
        ...each('removed', c.removed, cite),
        ...each('note or context changed', c.changed, cite),
      ];
    if (c.before === undefined) return [`${word} set: ${show(c.after!)}`];
    if (c.after === undefined) return [`${word} removed (was ${show(c.before)})`];
    return [`${word} ${show(c.before)} → ${show(c.after)}`];
  });
  return words.join('; ');
}

const fact = ({ name, value, unit, date, source, paragraph }: Fact) =>
  `${name}: ${value}${unit ? ` ${unit}` : ''}${date ? ` (${date})` : ''}, ${source} ¶${paragraph}`;

/** Descriptions and notes may break lines; a diff line stays one line. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
