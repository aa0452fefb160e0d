import path from 'node:path';
import { RELATION_TYPE_IDS, type Source } from '../../model';
import type { MentionsResult } from './find-mentions';

export const DRAFT_PLACEHOLDER = 'TODO';

/** A slug of a file's name without its extension ('' when nothing is left): data file names, source ids. */
export function fileSlug(file: string): string {
  const name = path
    .basename(file)
    .replace(/\.[^.]+$/, '')
    .toLowerCase();
  return name.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * A claim file to edit and import: a draft relation per candidate pair, citing each paragraph naming both. Every
 * `type` is the placeholder TODO, which `kg import` refuses (saying what to do): nothing unreviewed slips in.
 */
export function renderDraft(args: {
  document: string;
  result: MentionsResult;
  names: ReadonlyMap<string, { name: string; kind: string }>;
  /** The known source this document is, when it is one. */
  knownSource?: Source;
  now?: Date;
}): string {
  const { result, names } = args;
  const sourceId = args.knownSource?.id ?? (fileSlug(args.document).slice(0, 60) || 'new-source');
  const lines: string[] = [
    `# Draft claims for ${path.basename(args.document)}, written by kg mentions on ${(args.now ?? new Date()).toISOString().slice(0, 10)}.`,
    '# Each entry pairs two known entities named in the same paragraph that the graph does not relate yet.',
    `# For each entry: replace "type: ${DRAFT_PLACEHOLDER}" by a relation type (or delete the entry), check the`,
    '# direction (from -> to), add status/assertedBy for allegations and denials, keep only the',
    '# paragraphs that support the claim. Then: npm run kg -- import <this file>',
    `# Relation types: ${RELATION_TYPE_IDS.join(', ')}`,
  ];
  if (!args.knownSource) {
    lines.push(
      '# This document is not a known source yet: fill in its entry below and put the text file in the',
      '# sources folder (KG_SOURCES_DIR) so that the citations can be checked.',
      'sources:',
      `  - id: ${sourceId}`,
      `    title: ${DRAFT_PLACEHOLDER}`,
      `    published: ${DRAFT_PLACEHOLDER}`,
      `    file: ${JSON.stringify(path.basename(args.document))}`,
    );
  }
  lines.push(
    result.candidates.length > 0 ? 'relations:' : '# No candidate pairs: every pair named together is already related.',
  );
  const describe = (id: string) => `${names.get(id)?.name ?? id} (${id}, ${names.get(id)?.kind ?? '?'})`;
  for (const c of result.candidates) {
    lines.push(
      `  # ¶${c.paragraphs.join(', ¶')}: ${describe(c.a)} and ${describe(c.b)}`,
      `  - type: ${DRAFT_PLACEHOLDER}`,
      `    from: ${c.a}`,
      `    to: ${c.b}`,
      '    evidence:',
      ...c.paragraphs.flatMap((p) => [`      - source: ${sourceId}`, `        paragraph: ${p}`]),
    );
  }
  return `${lines.join('\n')}\n`;
}
