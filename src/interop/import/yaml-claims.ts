import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { type Problem, yamlErrorProblems } from '../../seed';
import { keepOnly, SECTIONS, type Section, type StagedFile, type Staging } from './staged-file';

/**
 * A claim file in YAML: either one file with sections
 *
 *   sources:   [ ...items as in seed/sources.yaml ]
 *   entities:  [ ...items as in seed/entities/*.yaml ]
 *   relations: [ ...items as in seed/relations/*.yaml ]
 *
 * (any of them may be left out), or a plain list of one kind of item, as in a seed file.
 */
export function stageYamlClaims(origin: string, text: string): Staging {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (node: unknown) => (isNode(node) && node.range ? counter.linePos(node.range[0]).line : 1);
  const problem = (line: number, message: string): Problem => ({ severity: 'error', file: origin, line, message });
  const fail = (line: number, message: string): Staging => ({ staged: [], problems: [problem(line, message)] });
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
  const keyOf = (k: unknown) => (isScalar(k) ? String(k.value) : String(k));
  // No section at all: most likely one item written without its leading "- ".
  if (!root.items.some((pair) => isSection(keyOf(pair.key))))
    return fail(
      lineOf(root),
      'the top level must be a list of items (each starting with "- ") or the sections "sources:", "entities:" and "relations:"',
    );
  const staged: StagedFile[] = [];
  for (const pair of root.items) {
    const key = keyOf(pair.key);
    const value = pair.value;
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

function guessSection(first: unknown): Section | null {
  if (!isMap(first)) return null;
  const keys = new Set(first.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')));
  if (keys.has('from') || keys.has('to') || keys.has('evidence')) return 'relations';
  if (keys.has('kind')) return 'entities';
  if (keys.has('title') || keys.has('published') || keys.has('file')) return 'sources';
  return null;
}
