import { isCollection, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, YAMLError } from 'yaml';
import type { z } from 'zod';
import type { Problem } from './problems';

/** Alias expansion cap: defuses "billion laughs" YAML bombs. */
const MAX_ALIAS_COUNT = 100;
export type Raw = Record<string, unknown>;

/** An item and where it was read; `lineOf` gives a field's line (dotted: `evidence.0.source`), else the item's. */
export type LocatedItem<T> = { value: T; file: string; line: number; lineOf(field: string): number };

/** Parses and validates a YAML list, problems at the field's line; refused items kept as written, to check further. */
export function parseYamlList<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  subject: (raw: Raw) => string,
) {
  const items: LocatedItem<z.infer<S>>[] = [];
  const rejected: LocatedItem<Raw>[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const problems = yamlErrorProblems(file, doc, counter);
  if (problems.length > 0) return { items, problems, unreadable: true };
  if (doc.contents === null) return { items, problems }; // an empty file is an empty list
  if (!isSeq(doc.contents)) {
    const message = 'the top level must be a list of items (each starting with "- ")';
    problems.push({ severity: 'error', file, line: lineAt(counter, doc.contents), message });
    return { items, problems, unreadable: true };
  }
  doc.contents.items.forEach((item, index) => {
    const node = item as YamlNode;
    const line = lineAt(counter, node);
    const fail = (message: string) => problems.push({ severity: 'error', file, line, message });
    let raw: unknown;
    try {
      raw = node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const { message } = e as Error;
      const bomb = `its aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, the shape of a "billion laughs" YAML bomb`;
      return fail(`item ${index + 1}: ${/alias count/i.test(message) ? `refused: ${bomb}` : message.split('\n')[0]}`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return fail(`item ${index + 1} must be a mapping of fields`);
    const value = raw as Raw;
    const lineOf = (field: string) => lineOfPath(counter, node, field.split('.')) ?? line;
    const parsed = schema.safeParse(value);
    if (parsed.success) return items.push({ value: parsed.data, file, line, lineOf });
    rejected.push({ value, file, line, lineOf });
    const about = subject(value);
    for (const issue of parsed.error.issues) {
      // An unknown field is placed at its own line (and named, at the top level of the item).
      const unknown = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
      const field = issue.path.join('.') || unknown?.join(', ');
      const at = lineOfPath(counter, node, [...issue.path, ...(unknown?.slice(0, 1) ?? [])]) ?? line;
      const message = unknown ? 'unknown field; check the spelling' : issue.message;
      problems.push({ severity: 'error', file, line: at, subject: about, ...(field ? { field } : {}), message });
    }
  });
  return { items, problems, rejected };
}

/** At most this many YAML syntax errors are listed per file; the parser's later ones mostly follow from the first. */
const MAX_YAML_ERRORS = 5;

/**
 * The parser's errors as problems. An unclosed quote or bracket is placed at the line that opened it (the parser
 * notices it lines later); a first mistake that sets off hundreds more gets the first few and one line for the rest.
 */
export function yamlErrorProblems(file: string, doc: Document.Parsed, counter: LineCounter): Problem[] {
  let openers: [number, number][] | null = null;
  const lineOf = (err: YAMLError): number => {
    const at = err.pos[0];
    if (err.code !== 'MISSING_CHAR' && !/end with an? [\]}]/.test(err.message)) return counter.linePos(at).line;
    openers ??= openingNodes(doc);
    // The innermost flow collection or quoted scalar that the error position ends or falls inside.
    let start: number | undefined;
    for (const [from, to] of openers) if (from < at && at <= to && (start === undefined || from > start)) start = from;
    return counter.linePos(start ?? at).line;
  };
  // The parser repeats itself (one message per level of an unclosed nesting): each once.
  const errors = [...new Map(doc.errors.map((err) => [`${err.pos[0]}:${err.message}`, err])).values()];
  // The parser recurses per nesting level and reports the exhausted stack as a syntax error.
  const message = (err: YAMLError) =>
    /Maximum call stack size exceeded/.test(err.message)
      ? 'malformed YAML: nested too deeply (lists or mappings inside each other thousands of levels deep)'
      : `malformed YAML: ${err.message.split('\n')[0]}`;
  const problems: Problem[] = errors
    .slice(0, MAX_YAML_ERRORS)
    .map((err) => ({ severity: 'error', file, line: lineOf(err), message: message(err) }));
  const more = errors.length - MAX_YAML_ERRORS;
  const rest = `and ${more} more YAML error${more === 1 ? '' : 's'} after these, most following from the first; fix it and validate again`;
  if (more > 0) problems.push({ severity: 'error', file, line: problems.at(-1)!.line, message: rest });
  return problems;
}

/** The ranges (start, end) of every flow collection and quoted scalar, walked without recursion (a file may nest thousands deep). */
function openingNodes(doc: Document.Parsed): [number, number][] {
  const found: [number, number][] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) stack.push(node.key, node.value);
    if (!isNode(node)) continue;
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
    if (node.range && ((isCollection(node) && node.flow) || quoted)) found.push([node.range[0], node.range[2]]);
    if (isCollection(node)) for (const item of node.items) stack.push(item);
  }
  return found;
}

const lineAt = (counter: LineCounter, node: YamlNode | null) => counter.linePos(node?.range?.[0] ?? 0).line;

/** The line of the node at `path` inside `item`; falls back to the nearest existing ancestor. */
function lineOfPath(counter: LineCounter, item: YamlNode, path: readonly PropertyKey[]): number | undefined {
  // Sequence indices arrive as numbers from zod and as digit strings from dotted paths.
  const keys = path.map((k) => (typeof k === 'string' && /^\d+$/.test(k) ? Number(k) : k));
  for (let n = keys.length; n > 0 && isCollection(item); n--) {
    const found: unknown = item.getIn(keys.slice(0, n), true);
    if (isNode(found) && found.range) return lineAt(counter, found);
  }
  return undefined;
}
