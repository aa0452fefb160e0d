import type { Problem } from './problems';

export interface UnreadableFile {
  /** What the file would have defined. */
  defines: 'source' | 'entity';
  file: string;
  /** Where reading it failed. */
  line: number;
  /** Its text, when it is text at all. */
  text: string | null;
}

/**
 * A source or entity file that cannot be read leaves every reference to what it defines unknown:
 * one unterminated quote would bury its own message under dozens of "unknown entity" errors.
 * Those errors are summarised in one line at the unreadable file; a reference to an id the
 * file does not mention (when its text can be read at all) is a mistake of its own and stays listed.
 */
export function summariseConsequences(problems: Problem[], unreadable: readonly UnreadableFile[]): Problem[] {
  if (unreadable.length === 0) return problems;
  const summaries: Problem[] = [];
  for (const defines of ['source', 'entity'] as const) {
    const files = unreadable.filter((u) => u.defines === defines);
    if (files.length === 0) continue;
    // The ids these files appear to define; a binary file could define anything.
    const anyId = files.some((f) => f.text === null);
    const ids = new Set(
      files.flatMap((f) =>
        [...(f.text ?? '').matchAll(/\bid:\s*["']?([A-Za-z0-9][A-Za-z0-9_.-]*)/g)].map((m) => m[1]!),
      ),
    );
    const pattern = new RegExp(`^unknown ${defines} "(.*)"$`);
    const followed: { problem: Problem; id: string }[] = [];
    problems = problems.filter((p) => {
      const id = p.severity === 'error' ? pattern.exec(p.message)?.[1] : undefined;
      if (id === undefined || !(anyId || ids.has(id))) return true;
      followed.push({ problem: p, id });
      return false;
    });
    if (followed.length === 0) continue;
    const names = [...new Set(followed.map((f) => `"${f.id}"`))];
    const shown = names.slice(0, 8).join(', ') + (names.length > 8 ? ` and ${names.length - 8} more` : '');
    const where = [...new Set(followed.map((f) => f.problem.file))].join(', ');
    const first = files[0]!;
    summaries.push({
      severity: 'error',
      file: first.file,
      line: first.line,
      message: `${followed.length} more error${followed.length === 1 ? ' follows' : 's follow'} from ${files.length === 1 ? 'this file' : `the unreadable files ${files.map((f) => f.file).join(', ')}`} not being read: unknown ${defines} ${shown} (in ${where}); fix the file and validate again`,
    });
  }
  return [...summaries, ...problems];
}
