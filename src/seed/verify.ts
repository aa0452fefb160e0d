import type { Citation, Entity, KnowledgeBase } from '../model';
import { sourceParagraphs } from './cross-check';
import { NameFinder, namesOf } from './name-finder';
import type { KnowledgeBaseLocator } from './load';
import type { Problem } from './problems';

/** One citation that does not check out: what cites (`relation ttp allied-with afghan-taliban`), and where. */
export interface CitationFailure {
  subject: string;
  source: string;
  paragraph: number;
  message: string;
  /** The item that cites (its index in kb.relations or kb.entities) and the citation's field. */
  at: { list: 'relations' | 'entities'; index: number; field: string };
}

/** Which items to check (by index); every item when left out. `kg import` checks what it adds. */
type Only = { relations?: (index: number) => boolean; entities?: (index: number) => boolean };

/**
 * Checks that each citation's paragraph names each end of the relation (or the entity a fact or
 * mention belongs to) by name, alias or demonym: what makes a citation checkable rather than
 * decorative. A `context` paragraph may name one end; the cited paragraph must name at least one.
 * The knowledge base was loaded with the same `sourcesDir`, so every cited paragraph exists.
 */
export function verifyCitations(kb: KnowledgeBase, sourcesDir: string, options: { only?: Only } = {}) {
  const sourceById = new Map(kb.sources.map((s) => [s.id, s]));
  const entityById = new Map(kb.entities.map((e) => [e.id, e]));
  const finder = new NameFinder(kb.entities);
  const paragraphsOf = sourceParagraphs(sourcesDir);
  const failures: CitationFailure[] = [];
  let checked = 0;
  const check = (at: CitationFailure['at'], subject: string, c: Citation, ends: Entity[]) => {
    checked++;
    const fail = (message: string) => failures.push({ subject, source: c.source, paragraph: c.paragraph, message, at });
    const paragraphs = paragraphsOf(sourceById.get(c.source)!) ?? [];
    const [main = '', ...context] = [c.paragraph, ...(c.context ?? [])].map((p) => paragraphs[p - 1] ?? '');
    const allowed = new Set(ends.map((e) => e.id));
    const inMain = (e: Entity) => finder.names(main, e.id, allowed);
    for (const end of ends) {
      if (inMain(end) || context.some((t) => finder.names(t, end.id, allowed))) continue;
      const spellings = namesOf(end).map((n) => `"${n}"`);
      fail(`paragraph${c.context ? ' and its context' : ''} does not name ${end.id} (as ${spellings.join(', ')})`);
    }
    if (c.context && !ends.some(inMain))
      fail('the cited paragraph itself names neither end; context may only supply one of them');
  };

  const included = (list: keyof Only, index: number) => !options.only || (options.only[list]?.(index) ?? false);
  kb.relations.forEach((r, index) => {
    if (!included('relations', index)) return;
    const ends = [entityById.get(r.from)!, entityById.get(r.to)!];
    const subject = `relation ${r.from} ${r.type} ${r.to}`;
    r.evidence.forEach((c, i) => check({ list: 'relations', index, field: `evidence.${i}` }, subject, c, ends));
  });
  kb.entities.forEach((e, index) => {
    if (!included('entities', index)) return;
    const at = (field: string) => ({ list: 'entities' as const, index, field });
    e.facts.forEach((f, i) => check(at(`facts.${i}`), `entity ${e.id} fact "${f.name}"`, f, [e]));
    e.mentions.forEach((m, i) => check(at(`mentions.${i}`), `entity ${e.id} mention`, m, [e]));
  });
  return { checked, failures };
}

/**
 * A failed citation as a problem a person can open: the citation's file, line and field, and the
 * paragraph it cites, e.g. `seed/relations/afghanistan.yaml:15: relation afghanistan harbors ttp: evidence.0: isas-2024 ¶11: ...`.
 */
export function citationProblem(f: CitationFailure, locate: KnowledgeBaseLocator): Problem {
  const place = (f.at.list === 'relations' ? locate.relation : locate.entity)(f.at.index, f.at.field);
  return {
    severity: 'error',
    ...place,
    subject: f.subject,
    field: f.at.field,
    message: `${f.source} ¶${f.paragraph}: ${f.message}`,
  };
}
