import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { foldName, textNames, type Entity, type KnowledgeBase, type Source } from '../model';
import { splitParagraphs } from './load';

/** One citation that does not check out against its source text. */
export interface CitationFailure {
  /** What cites: `relation ttp allied-with afghan-taliban`, `entity ttp fact fighters`, ... */
  subject: string;
  source: string;
  paragraph: number;
  message: string;
}

export interface VerifyReport {
  checked: number;
  failures: CitationFailure[];
}

interface SourceText {
  paragraphs: string[];
  folded: string[];
}

/** Every spelling that counts as naming an entity in a source text. */
export function namesOf(entity: Pick<Entity, 'name' | 'aliases' | 'demonyms'>): string[] {
  return [entity.name, ...entity.aliases, ...entity.demonyms];
}

/**
 * Checks every citation against the source texts: the paragraph exists, and it names each end of
 * the relation (or the entity a fact or mention belongs to) by name, alias or demonym. This is what
 * makes a citation checkable rather than decorative.
 */
export function verifyCitations(kb: KnowledgeBase, sourcesDir: string): VerifyReport {
  const texts = new Map<string, SourceText | null>();
  const sourceById = new Map(kb.sources.map((s) => [s.id, s]));
  const entityById = new Map(kb.entities.map((e) => [e.id, e]));
  const textOf = (source: Source): SourceText | null => {
    if (!texts.has(source.id)) {
      const file = path.join(sourcesDir, source.file);
      if (!existsSync(file)) texts.set(source.id, null);
      else {
        const paragraphs = splitParagraphs(readFileSync(file, 'utf8'));
        texts.set(source.id, { paragraphs, folded: paragraphs.map(foldName) });
      }
    }
    return texts.get(source.id) ?? null;
  };

  const failures: CitationFailure[] = [];
  let checked = 0;
  const check = (subject: string, sourceId: string, paragraph: number, ends: Entity[]) => {
    checked++;
    const fail = (message: string) => failures.push({ subject, source: sourceId, paragraph, message });
    const source = sourceById.get(sourceId);
    if (!source) return fail(`unknown source "${sourceId}"`);
    const text = textOf(source);
    if (!text) return fail(`source file "${source.file}" not found in ${sourcesDir}`);
    const raw = text.paragraphs[paragraph - 1];
    const folded = text.folded[paragraph - 1];
    if (raw === undefined || folded === undefined) return fail(`paragraph ${paragraph} does not exist (the source has ${text.paragraphs.length})`);
    for (const end of ends) {
      if (!namesOf(end).some((alias) => textNames(raw, folded, alias))) {
        fail(`paragraph does not name ${end.id} (as ${namesOf(end).map((n) => `"${n}"`).join(', ')})`);
      }
    }
  };

  for (const r of kb.relations) {
    const from = entityById.get(r.from);
    const to = entityById.get(r.to);
    if (!from || !to) continue; // the loader reports unknown ends
    for (const c of r.evidence) check(`relation ${r.from} ${r.type} ${r.to}`, c.source, c.paragraph, [from, to]);
  }
  for (const e of kb.entities) {
    for (const f of e.facts) check(`entity ${e.id} fact "${f.name}"`, f.source, f.paragraph, [e]);
    for (const m of e.mentions) check(`entity ${e.id} mention`, m.source, m.paragraph, [e]);
  }
  return { checked, failures };
}
