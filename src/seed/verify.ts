import type { Citation, Entity, KnowledgeBase } from '../model';
import { sourceParagraphs } from './cross-check';
import { NameFinder, namesOf } from './name-finder';
import type { KnowledgeBaseLocator } from './load';
import type { Problem } from './problems';

/** One citation that does not check out against its source text. */
export interface CitationFailure {
  /** What cites: `relation ttp allied-with afghan-taliban`, `entity ttp fact "fighters"`, ... */
  subject: string;
  source: string;
  paragraph: number;
  message: string;
  /** The item that cites (its index in kb.relations or kb.entities) and the citation's field. */
  at: { list: 'relations' | 'entities'; index: number; field: string };
}

export interface VerifyOptions {
  /** Check only these items (by index); every item when left out. `kg import` checks what it adds. */
  only?: { relations?: (index: number) => boolean; entities?: (index: number) => boolean };
}

/**
 * Checks every citation against the source texts: the paragraph exists, and it names each end of
 * the relation (or the entity a fact or mention belongs to) by name, alias or demonym. An end may
 * instead be named in one of the citation's `context` paragraphs, but the cited paragraph itself
 * must name at least one end. This is what makes a citation checkable rather than decorative.
 */
export function verifyCitations(kb: KnowledgeBase, sourcesDir: string, options: VerifyOptions = {}) {
  const sourceById = new Map(kb.sources.map((s) => [s.id, s]));
  const entityById = new Map(kb.entities.map((e) => [e.id, e]));
  const finder = new NameFinder(kb.entities);
  const paragraphsOf = sourceParagraphs(sourcesDir);

  const failures: CitationFailure[] = [];
  let checked = 0;
  const check = (
    at: CitationFailure['at'],
    subject: string,
    c: Pick<Citation, 'source' | 'paragraph' | 'context'>,
    ends: Entity[],
  ) => {
    checked++;
    const fail = (message: string) => failures.push({ subject, source: c.source, paragraph: c.paragraph, message, at });
    const source = sourceById.get(c.source);
    if (!source) return fail(`unknown source "${c.source}"`);
    const paragraphs = paragraphsOf(source);
    if (!paragraphs) return fail(`source file "${source.file}" not found in ${sourcesDir}`);
    const main = paragraphs[c.paragraph - 1];
    if (main === undefined)
      return fail(`paragraph ${c.paragraph} does not exist (the source has ${paragraphs.length})`);
    const contextTexts: string[] = [];
    for (const p of c.context ?? []) {
      const text = paragraphs[p - 1];
      if (text === undefined)
        return fail(`context paragraph ${p} does not exist (the source has ${paragraphs.length})`);
      contextTexts.push(text);
    }
    const allowed = new Set(ends.map((e) => e.id));
    const inMain = (e: Entity) => finder.names(main, e.id, allowed);
    const describe = (e: Entity) =>
      `${e.id} (as ${namesOf(e)
        .map((n) => `"${n}"`)
        .join(', ')})`;
    for (const end of ends) {
      if (!inMain(end) && !contextTexts.some((t) => finder.names(t, end.id, allowed))) {
        fail(`paragraph${c.context ? ' and its context' : ''} does not name ${describe(end)}`);
      }
    }
    if (c.context && !ends.some(inMain))
      fail('the cited paragraph itself names neither end; context may only supply one of them');
  };

  const onlyRelations = options.only ? (options.only.relations ?? (() => false)) : () => true;
  const onlyEntities = options.only ? (options.only.entities ?? (() => false)) : () => true;
  kb.relations.forEach((r, index) => {
    const from = entityById.get(r.from);
    const to = entityById.get(r.to);
    if (!from || !to || !onlyRelations(index)) return; // the loader reports unknown ends
    r.evidence.forEach((c, i) =>
      check({ list: 'relations', index, field: `evidence.${i}` }, `relation ${r.from} ${r.type} ${r.to}`, c, [
        from,
        to,
      ]),
    );
  });
  kb.entities.forEach((e, index) => {
    if (!onlyEntities(index)) return;
    e.facts.forEach((f, i) =>
      check({ list: 'entities', index, field: `facts.${i}` }, `entity ${e.id} fact "${f.name}"`, f, [e]),
    );
    e.mentions.forEach((m, i) =>
      check({ list: 'entities', index, field: `mentions.${i}` }, `entity ${e.id} mention`, m, [e]),
    );
  });
  return { checked, failures };
}

/**
 * A failed citation as a problem a person can open: the file and line of the citation, the item,
 * the citation's field, and which source paragraph it cites, e.g.
 * `seed/relations/afghanistan.yaml:15: relation afghanistan harbors ttp: evidence.0: isas-2024 ¶11: paragraph does not name ...`.
 */
export function citationProblem(f: CitationFailure, locate: KnowledgeBaseLocator): Problem {
  const place =
    f.at.list === 'relations' ? locate.relation(f.at.index, f.at.field) : locate.entity(f.at.index, f.at.field);
  return {
    severity: 'error',
    ...place,
    subject: f.subject,
    field: f.at.field,
    message: `${f.source} ¶${f.paragraph}: ${f.message}`,
  };
}
