/** A problem in a seed or claim file, at a place a person can open: file, line, and the field when there is one. */
export interface Problem {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  /** What the problem is about, e.g. `relation ttp allied-with xyz` or `entity ttp`. */
  subject?: string;
  /** A dotted path inside the item, e.g. `evidence.0.source`. */
  field?: string;
  message: string;
}

/** One problem per line; control characters shown as `\u001b`: a file quoted could clear the screen or forge output. */
export function formatProblem(p: Problem): string {
  const parts = [p.severity === 'warning' && 'warning', `${p.file}:${p.line}`, p.subject, p.field, p.message];
  const line = parts.filter(Boolean).join(': ');
  return line.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const errorsOf = (problems: readonly Problem[]) => problems.filter((p) => p.severity === 'error');

/** Thrown when a knowledge base cannot be loaded; carries every problem found, not just the first. */
export class SeedValidationError extends Error {
  override readonly name = 'SeedValidationError';
  constructor(readonly problems: readonly Problem[]) {
    const errors = errorsOf(problems);
    const count = `${errors.length} problem${errors.length === 1 ? '' : 's'}`;
    super(`${count} in the seed files:\n${errors.map(formatProblem).join('\n')}`);
  }
}
