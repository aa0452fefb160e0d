import type { CitedEvidence, RelationStatus } from '../model';

/** A citation as a footnote cites it: where (source, paragraph) and, for a contested claim, as what. */
export type Footnote = { n: number; evidence: CitedEvidence; status: RelationStatus; assertedBy: string[] };

/** Footnotes in order of first use, one per paragraph, status and asserters: an allegation and its denial get two. */
export class Footnotes {
  readonly list: Footnote[] = [];
  private readonly numbers = new Map<string, number>();

  /** The marker for a citation, e.g. "[^3]". */
  cite(evidence: CitedEvidence, status: RelationStatus = 'reported', assertedBy: string[] = []): string {
    const key = JSON.stringify([evidence.source, evidence.paragraph, status, assertedBy]);
    if (!this.numbers.has(key))
      this.numbers.set(key, this.list.push({ n: this.list.length + 1, evidence, status, assertedBy }));
    return `[^${this.numbers.get(key)}]`;
  }

  /** The footnote definitions, one line each: title, publisher, date, paragraph, then status and asserters. */
  render(): string[] {
    return this.list.map(({ n, evidence: e, status, assertedBy }) => {
      const where = [e.title, e.publisher, e.published, `¶${e.paragraph}`].filter((s) => s).join(', ');
      const by = assertedBy.length > 0 ? ` by ${joinNames(assertedBy)}` : ' (no one named)';
      return `[^${n}]: ${where}${status === 'reported' ? '' : `; ${status}${by}`}.`;
    });
  }
}

const NAMES = new Intl.ListFormat('en-GB', { type: 'conjunction' });

/** "A", "A and B", "A, B and C". */
export const joinNames = (names: readonly string[]): string => NAMES.format(names);
