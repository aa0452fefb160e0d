import { isCollection, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import type { z } from 'zod';
import type { Problem } from './problems';
import { MAX_INPUT_FILE_BYTES } from './text-file';

/** Larger texts are refused before parsing: a seed file is hand-written, never this big. */
export const MAX_SEED_FILE_BYTES = MAX_INPUT_FILE_BYTES;
/** Alias expansion cap: defuses "billion laughs" YAML bombs. */
const MAX_ALIAS_COUNT = 100;

export interface LocatedItem<T> {
  value: T;
  file: string;
  line: number;
  /** The line of a field inside the item (dotted path such as `evidence.0.source`), or the item's line. */
  lineOf(field: string): number;
}

/**
 * Parses a YAML file whose top level is a list, validates each item with `schema`, and reports
 * problems with the line of the offending field. Items that fail are left out of `items`; the
 * caller decides (all-or-nothing) what to do when any problem is an error.
 */
export function parseYamlList<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  subjectOf: (raw: Record<string, unknown>) => string,
): { items: LocatedItem<z.infer<S>>[]; problems: Problem[]; unreadable?: true; rejected?: LocatedItem<Record<string, unknown>>[] } {
  const problems: Problem[] = [];
  const items: LocatedItem<z.infer<S>>[] = [];
  // Items the schema refused, as written: their other fields can still be checked (a bad date
  // must not hide a paragraph the source does not have).
  const rejected: LocatedItem<Record<string, unknown>>[] = [];
  // A problem with the file as a whole: none of its items is read.
  const unreadable = (line: number, message: string) => {
    problems.push({ severity: 'error', file, line, message });
    return { items, problems, unreadable: true as const };
  };
  if (Buffer.byteLength(text) > MAX_SEED_FILE_BYTES) return unreadable(1, `file is larger than ${MAX_SEED_FILE_BYTES / 1024 / 1024} MB; split it into several files`);
  if (text.includes('\u0000')) return unreadable(lineOfOffset(text, text.indexOf('\u0000')), 'file contains NUL bytes; is it a binary file?');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  for (const p of yamlErrorProblems(file, doc, lineCounter)) problems.push(p);
  if (problems.length > 0) return { items, problems, unreadable: true };
  if (doc.contents === null) return { items, problems }; // an empty file is an empty list
  if (!isSeq(doc.contents)) return unreadable(lineAt(lineCounter, doc.contents), 'the top level must be a list of items (each starting with "- ")');

  doc.contents.items.forEach((node, index) => {
    const line = lineAt(lineCounter, node as YamlNode);
    let raw: unknown;
    try {
      raw = (node as YamlNode).toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      problems.push({ severity: 'error', file, line, message: aliasMessage(index, (e as Error).message) });
      return;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push({ severity: 'error', file, line, message: `item ${index + 1} must be a mapping of fields` });
      return;
    }
    const subject = subjectOf(raw as Record<string, unknown>);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String);
        problems.push({
          severity: 'error',
          file,
          line: lineOfPath(lineCounter, node as YamlNode, issue.path, issue.code === 'unrecognized_keys' ? (issue as { keys?: string[] }).keys?.[0] : undefined) ?? line,
          subject,
          ...(path.length > 0 ? { field: path.join('.') } : issue.code === 'unrecognized_keys' ? { field: (issue as { keys: string[] }).keys.join(', ') } : {}),
          message: issue.code === 'unrecognized_keys' ? 'unknown field; check the spelling' : issue.message,
        });
      }
      rejected.push({ value: raw as Record<string, unknown>, file, line, lineOf: (field) => lineOfPath(lineCounter, node as YamlNode, field.split('.')) ?? line });
      return;
    }
    items.push({ value: parsed.data, file, line, lineOf: (field) => lineOfPath(lineCounter, node as YamlNode, field.split('.')) ?? line });
  });
  return { items, problems, rejected };
}

/** At most this many YAML syntax errors are listed per file; the parser's later ones mostly follow from the first. */
const MAX_YAML_ERRORS = 5;

/**
 * The parser's errors as problems, each at the line where it starts: the parser notices a quote
 * or a bracket that is never closed only where the text can no longer belong to it, often lines
 * later (`status: [alleged` on line 5 is reported at line 6); the line that opened it is the one
 * to fix. A file whose first mistake sets off hundreds more gets the first few and one line for
 * the rest.
 */
export function yamlErrorProblems(file: string, doc: Document.Parsed, counter: LineCounter): Problem[] {
  let openers: [number, number][] | null = null;
  const lineOf = (err: YAMLError): number => {
    const at = err.pos[0];
    const unclosed = err.code === 'MISSING_CHAR' || /end with an? [\]}]/.test(err.message);
    if (!unclosed) return counter.linePos(at).line;
    openers ??= openingNodes(doc);
    // The innermost flow collection or quoted scalar that the error position ends or falls inside.
    let start: number | undefined;
    for (const [from, to] of openers) if (from < at && at <= to && (start === undefined || from > start)) start = from;
    return counter.linePos(start ?? at).line;
  };
  // The parser repeats itself (one message per level of an unclosed nesting): each once.
  const seen = new Set<string>();
  const errors = doc.errors.filter((err) => {
    const key = `${err.pos[0]}:${err.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
  const problems: Problem[] = errors.slice(0, MAX_YAML_ERRORS).map((err) => ({ severity: 'error', file, line: lineOf(err), message: yamlErrorMessage(err.message) }));
  const more = errors.length - MAX_YAML_ERRORS;
  if (more > 0) {
    problems.push({ severity: 'error', file, line: problems[problems.length - 1]!.line, message: `and ${more} more YAML error${more === 1 ? '' : 's'} after these, most following from the first; fix it and validate again` });
  }
  return problems;
}

/** The ranges (start, end) of every flow collection and quoted scalar, walked without recursion (a file may nest thousands deep). */
function openingNodes(doc: Document.Parsed): [number, number][] {
  const found: [number, number][] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    if (!isNode(node)) continue;
    const range = node.range;
    if (range && ((isCollection(node) && node.flow) || (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')))) found.push([range[0], range[2]]);
    if (isCollection(node)) for (const item of node.items) stack.push(item);
  }
  return found;
}

function aliasMessage(index: number, message: string): string {
  if (/alias count/i.test(message)) return `item ${index + 1}: refused: its aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, the shape of a "billion laughs" YAML bomb`;
  return `item ${index + 1}: ${firstLine(message)}`;
}

/** The parser's message, said plainly where its own words would puzzle a person. */
export function yamlErrorMessage(message: string): string {
  // The parser recurses per nesting level and reports the exhausted stack as a syntax error.
  if (/Maximum call stack size exceeded/.test(message)) return 'malformed YAML: nested too deeply (lists or mappings inside each other thousands of levels deep)';
  return `malformed YAML: ${firstLine(message)}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function lineAt(counter: LineCounter, node: YamlNode | null | undefined): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : counter.linePos(offset).line;
}

function lineOfOffset(text: string, offset: number): number {
  return text.slice(0, Math.max(0, offset)).split('\n').length;
}

/** The line of the node at `path` inside `item`; falls back to the nearest existing ancestor. */
function lineOfPath(counter: LineCounter, item: YamlNode, path: readonly PropertyKey[], extraKey?: string): number | undefined {
  // Sequence indices arrive as numbers from zod and as digit strings from dotted paths.
  const keys = (extraKey ? [...path, extraKey] : [...path]).map((k) => (typeof k === 'string' && /^\d+$/.test(k) ? Number(k) : k));
  const collection = item as unknown as { getIn?: (p: unknown[], keepScalar: boolean) => unknown };
  for (let n = keys.length; n > 0; n--) {
    const found = collection.getIn?.(keys.slice(0, n), true) as YamlNode | undefined;
    if (found && typeof found === 'object' && 'range' in found && found.range) return lineAt(counter, found);
  }
  return undefined;
}
