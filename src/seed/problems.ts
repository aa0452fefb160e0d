/**
 * A problem found in a seed or claim file. Every problem names a place a person can open:
 * the file, the line, and (when there is one) the field.
 */
export interface Problem {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  /** What the problem is about, e.g. `relation ttp allied-with xyz` or `entity ttp`. */
  subject?: string;
  /** The field, as a dotted path inside the item, e.g. `evidence.0.source`. */
  field?: string;
  message: string;
}

/**
 * Messages quote what the file said (an unknown kind, a bad date), and a file may hold terminal
 * escape sequences: printed raw they could clear the screen or forge output. They are shown as
 * `\u001b` instead, one problem per line.
 */
export function formatProblem(p: Problem): string {
  const parts = [`${p.file}:${p.line}`];
  if (p.subject) parts.push(p.subject);
  parts.push(p.field ? `${p.field}: ${p.message}` : p.message);
  return ((p.severity === 'warning' ? 'warning: ' : '') + parts.join(': ')).replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** Thrown when a knowledge base cannot be loaded; carries every problem found, not just the first. */
export class SeedValidationError extends Error {
  override readonly name = 'SeedValidationError';
  constructor(readonly problems: readonly Problem[]) {
    const errors = errorsOf(problems);
    super(
      `${errors.length} problem${errors.length === 1 ? '' : 's'} in the seed files:\n${errors.map(formatProblem).join('\n')}`,
    );
  }
}
