import { existsSync } from 'node:fs';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { isDirectory } from '../../config';
import { readTextFile, seedFiles, yamlErrorProblems, type Problem } from '../../seed';
import { stageCsvClaims } from './csv-claims';

export type Section = 'sources' | 'entities' | 'relations';
export const SECTIONS: readonly Section[] = ['sources', 'entities', 'relations'];

/** An input's list as seed-layout YAML keeping its line numbers, for the loader; `mapProblem` maps back into a CSV. */
export type StagedFile = { section: Section; origin: string; text: string; mapProblem?: (p: Problem) => Problem };

/** An input's staged files, or the problems that stopped it being staged. */
export type Staging = { staged: StagedFile[]; problems: Problem[] };

/** An input file or folder as staged files; a claim file's type is told by its extension. */
export function stageInput(input: string, display: (f: string) => string): Staging {
  const origin = display(input);
  const fail = (message: string): Staging => ({
    staged: [],
    problems: [{ severity: 'error', file: origin, line: 1, message }],
  });
  if (!existsSync(input)) return fail('file not found');
  if (isDirectory(input)) {
    // A folder laid out like seed/: each file is staged as it is.
    const folder: Staging = { staged: [], problems: [] };
    const layout = seedFiles(input);
    for (const section of SECTIONS)
      for (const f of layout[section]) {
        const read = readTextFile(f, display(f));
        if (read.ok) folder.staged.push({ section, origin: display(f), text: read.text });
        else folder.problems.push(read.problem);
      }
    if (folder.staged.length + folder.problems.length > 0) return folder;
    return fail('folder has no sources.yaml, entities/*.yaml or relations/*.yaml');
  }
  const isCsv = /\.csv$/i.test(input);
  if (!isCsv && !/\.ya?ml$/i.test(input))
    return fail(
      'unsupported file type; import .yaml / .yml claim files, .csv claim tables, or a folder laid out like seed/',
    );
  // Size, binary and encoding are checked before parsing: the parsers never see a 50 MB file.
  const content = readTextFile(input, origin);
  if (!content.ok) return { staged: [], problems: [content.problem] };
  return isCsv ? stageCsvClaims(origin, content.text) : stageYamlClaims(origin, content.text);
}

/** A YAML claim file: sections `sources:`, `entities:`, `relations:` (each optional), or one seed-like list. */
function stageYamlClaims(origin: string, text: string): Staging {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (node: unknown) => (isNode(node) && node.range ? counter.linePos(node.range[0]).line : 1);
  const problem = (line: number, message: string): Problem => ({ severity: 'error', file: origin, line, message });
  const fail = (line: number, message: string) => ({ staged: [], problems: [problem(line, message)] });
  const problems = yamlErrorProblems(origin, doc, counter);
  const root = doc.contents;
  if (problems.length > 0 || root === null) return { staged: [], problems };

  if (isSeq(root)) {
    const section = guessSection(root.items[0]);
    if (section) return { staged: [{ section, origin, text }], problems };
    return fail(
      lineOf(root),
      'cannot tell what this list holds; use sections "sources:", "entities:" and "relations:" (see README, "kg import")',
    );
  }
  if (!isMap(root))
    return fail(lineOf(root), 'a claim file holds the sections "sources:", "entities:" and "relations:", each a list');
  const isSection = (key: string): key is Section => (SECTIONS as readonly string[]).includes(key);
  // No section at all: most likely one item written without its leading "- ".
  if (!root.items.some((pair) => isSection(keyOf(pair.key))))
    return fail(
      lineOf(root),
      'the top level must be a list of items (each starting with "- ") or the sections "sources:", "entities:" and "relations:"',
    );
  const staged: StagedFile[] = [];
  for (const pair of root.items) {
    const [key, value] = [keyOf(pair.key), pair.value];
    if (!isSection(key))
      problems.push(problem(lineOf(pair.key), `unknown section "${key}"; the sections are ${SECTIONS.join(', ')}`));
    else if (value === null || (isScalar(value) && value.value === null))
      continue; // an empty section
    else if (!isSeq(value) || !value.range)
      problems.push(problem(lineOf(value), `section "${key}" must be a list of items (each starting with "- ")`));
    // Block-sequence items at column 0 under the key are fine: the blanked key leaves a top-level list.
    else staged.push({ section: key, origin, text: keepOnly(text, value.range[0], value.range[1]) });
  }
  return { staged, problems };
}

const keyOf = (k: unknown) => (isScalar(k) ? String(k.value) : String(k));

function guessSection(first: unknown): Section | null {
  if (!isMap(first)) return null;
  const keys = new Set(first.items.map((p) => keyOf(p.key)));
  if (keys.has('from') || keys.has('to') || keys.has('evidence')) return 'relations';
  if (keys.has('kind')) return 'entities';
  if (keys.has('title') || keys.has('published') || keys.has('file')) return 'sources';
  return null;
}

/** Replaces every character outside [start, end) by a space, keeping line breaks: lines stay put. */
function keepOnly(text: string, start: number, end: number): string {
  const blank = (s: string) => s.replace(/[^\n\r]/g, ' ');
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}
