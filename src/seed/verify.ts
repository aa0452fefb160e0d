import { acronymPattern, foldName, isCaseSensitiveAcronym } from '../model';
import type { Citation, Entity, KnowledgeBase } from '../model';
import { sourceParagraphs } from './cross-check';
import type { KnowledgeBaseLocator } from './load';
import type { Problem } from './problems';

type Place = (field: string) => Pick<Problem, 'file' | 'line'>;
/** Which items to check (by index); every item when left out. `kg import` checks what it adds. */
type Only = { relations?: (index: number) => boolean; entities?: (index: number) => boolean };

/**
 * Checks that each citation's paragraph names each end of the relation (or the entity of a fact or mention) by name,
 * alias or demonym: what makes a citation checkable rather than decorative. A `context` paragraph may name one end; the
 * cited paragraph must name at least one. The kb was loaded with the same `sourcesDir`: every cited paragraph exists.
 */
export function verifyCitations(kb: KnowledgeBase, sourcesDir: string, locate: KnowledgeBaseLocator, only?: Only) {
  const sourceById = new Map(kb.sources.map((s) => [s.id, s]));
  const entityById = new Map(kb.entities.map((e) => [e.id, e]));
  const names = nameFinder(kb.entities);
  const paragraphsOf = sourceParagraphs(sourcesDir);
  const problems: Problem[] = [];
  let checked = 0;
  /** A failure is placed (only then: placing may read the file again) at the citation's file, line and field. */
  const check = (place: Place, field: string, subject: string, c: Citation, ends: Entity[]) => {
    checked++;
    const message = (text: string) => `${c.source} ¶${c.paragraph}: ${text}`;
    const fail = (text: string) =>
      problems.push({ severity: 'error', ...place(field), subject, field, message: message(text) });
    const paragraphs = paragraphsOf(sourceById.get(c.source)!) ?? [];
    const [main = '', ...context] = [c.paragraph, ...(c.context ?? [])].map((p) => paragraphs[p - 1] ?? '');
    const allowed = new Set(ends.map((e) => e.id));
    const inMain = (e: Entity) => names(main, e.id, allowed);
    for (const end of ends) {
      if (inMain(end) || context.some((t) => names(t, end.id, allowed))) continue;
      const spellings = namesOf(end).map((n) => `"${n}"`);
      fail(`paragraph${c.context ? ' and its context' : ''} does not name ${end.id} (as ${spellings.join(', ')})`);
    }
    if (c.context && !ends.some(inMain))
      fail('the cited paragraph itself names neither end; context may only supply one of them');
  };

  const included = (list: keyof Only, index: number) => !only || (only[list]?.(index) ?? false);
  kb.relations.forEach((r, index) => {
    if (!included('relations', index)) return;
    const ends = [entityById.get(r.from)!, entityById.get(r.to)!];
    const place = (field: string) => locate.relation(index, field);
    r.evidence.forEach((c, i) => check(place, `evidence.${i}`, `relation ${r.from} ${r.type} ${r.to}`, c, ends));
  });
  kb.entities.forEach((e, index) => {
    if (!included('entities', index)) return;
    const place = (field: string) => locate.entity(index, field);
    e.facts.forEach((f, i) => check(place, `facts.${i}`, `entity ${e.id} fact "${f.name}"`, f, [e]));
    e.mentions.forEach((m, i) => check(place, `mentions.${i}`, `entity ${e.id} mention`, m, [e]));
  });
  return { checked, problems };
}

/** Every spelling that counts as naming an entity in a source text. */
const namesOf = (e: Entity) => [e.name, ...e.aliases, ...e.demonyms];

const tokensOf = (text: string) => foldName(text).split(' ').filter(Boolean);

/**
 * Whether a text names an entity: not where the name is merely part of a longer name of another entity ("Pakistan" in
 * "China-Pakistan Economic Corridor", "Afghan" in "Afghan Taliban"), unless that entity is one of the claim's own
 * (`allowed`): "Imran Khan government" names Imran Khan for the claim that he leads that government.
 */
function nameFinder(entities: readonly Entity[]) {
  // Short all-caps acronyms also need their exact spelling in the raw text.
  const patterns = entities.flatMap((e) =>
    namesOf(e).flatMap((name) => {
      const tokens = tokensOf(name);
      const acronym = isCaseSensitiveAcronym(name) ? acronymPattern(name) : undefined;
      return tokens.length > 0 ? [{ entity: e.id, tokens, acronym }] : [];
    }),
  );
  type Occurrence = { entity: string; start: number; end: number };
  /** Per text, the token positions where each entity's names stand. */
  const cache = new Map<string, Occurrence[]>();
  const occurrences = (text: string) => {
    const tokens = tokensOf(text);
    const found: Occurrence[] = [];
    for (const { entity, tokens: name, acronym } of patterns) {
      if (acronym && !acronym.test(text)) continue;
      for (let i = 0; i + name.length <= tokens.length; i++)
        if (name.every((t, j) => tokens[i + j] === t)) found.push({ entity, start: i, end: i + name.length });
    }
    return found;
  };
  const inside = (o: Occurrence, x: Occurrence) =>
    x.start <= o.start && x.end >= o.end && x.end - x.start > o.end - o.start;
  return (text: string, entity: string, allowed: ReadonlySet<string>): boolean => {
    if (!cache.has(text)) cache.set(text, occurrences(text));
    const found = cache.get(text)!;
    // `allowed` holds `entity` itself, so only longer names of other entities outside it swallow a place.
    return found.some((o) => o.entity === entity && !found.some((x) => !allowed.has(x.entity) && inside(o, x)));
  };
}
