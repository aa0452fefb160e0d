import type { Problem } from '../../seed';

export type Section = 'sources' | 'entities' | 'relations';
export const SECTIONS: readonly Section[] = ['sources', 'entities', 'relations'];

/**
 * One list of items taken from an analyst's input, rewritten as a seed-layout YAML file so that the
 * seed loader validates it exactly like the seed. The text keeps the input's line numbers (other
 * parts are blanked, CSV rows become one-line items on their own line), and `mapProblem` turns a
 * problem found in the staged copy (already renamed to `origin`) back into the input's line and column.
 */
export interface StagedFile {
  section: Section;
  /** The input file as shown in messages. */
  origin: string;
  text: string;
  mapProblem?: (p: Problem) => Problem;
}

/** An input's staged files, or the problems that stopped it being staged. */
export interface Staging {
  staged: StagedFile[];
  problems: Problem[];
}

/** Replaces every character outside [start, end) by a space, keeping line breaks: lines stay put. */
export function keepOnly(text: string, start: number, end: number): string {
  const blank = (s: string) => s.replace(/[^\n\r]/g, ' ');
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}
