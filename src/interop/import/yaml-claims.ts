import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { type Problem, yamlErrorProblems } from '../../seed';
import { keepOnly, SECTIONS, type Section, type StagedFile } from './staged-file';

/**
 * A claim file in YAML: either one file with sections
 *
 *   sources:   [ ...items as in seed/sources.yaml ]
 *   entities:  [ ...items as in seed/entities/*.yaml ]
 *   relations: [ ...items as in seed/relations/*.yaml ]
 *
 * (any of them may be left out), or a plain list of one kind of item, as in a seed file.
 */
export function stageYamlClaims(origin: string, text: string): { staged: StagedFile[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (node: YamlNode | null | undefined) => (node?.range ? counter.linePos(node.range[0]).line : 1);
  problems.push(...yamlErrorProblems(origin, doc, counter));
  if (problems.length > 0) return { staged: [], problems };
  const root = doc.contents;
  if (root === null) return { staged: [], problems };

  if (isSeq(root)) {
    const section = guessSection(root.items[0]);
    if (!section) {
      problems.push({
        severity: 'error',
        file: origin,
        line: lineOf(root),
        message:
          'cannot tell what this list holds; use sections "sources:", "entities:" and "relations:" (see README, "kg import")',
      });
      return { staged: [], problems };
    }
    return { staged: [{ section, origin, text }], problems };
  }
  if (!isMap(root)) {
    problems.push({
      severity: 'error',
      file: origin,
      line: lineOf(root),
      message: 'a claim file holds the sections "sources:", "entities:" and "relations:", each a list',
    });
    return { staged: [], problems };
  }
  const keyOf = (k: unknown) => (isScalar(k) ? String(k.value) : String(k));
  if (!root.items.some((pair) => (SECTIONS as readonly string[]).includes(keyOf(pair.key)))) {
    // No section at all: most likely one item written without its leading "- ".
    problems.push({
      severity: 'error',
      file: origin,
      line: lineOf(root),
      message:
        'the top level must be a list of items (each starting with "- ") or the sections "sources:", "entities:" and "relations:"',
    });
    return { staged: [], problems };
  }
  const staged: StagedFile[] = [];
  for (const pair of root.items) {
    const key = keyOf(pair.key);
    const keyLine = lineOf(pair.key as YamlNode);
    if (!(SECTIONS as readonly string[]).includes(key)) {
      problems.push({
        severity: 'error',
        file: origin,
        line: keyLine,
        message: `unknown section "${key}"; the sections are ${SECTIONS.join(', ')}`,
      });
      continue;
    }
    const value = pair.value as YamlNode | null;
    if (value === null || (isScalar(value) && value.value === null)) continue; // an empty section
    if (!isSeq(value) || !value.range) {
      problems.push({
        severity: 'error',
        file: origin,
        line: lineOf(value) || keyLine,
        message: `section "${key}" must be a list of items (each starting with "- ")`,
      });
      continue;
    }
    // Block-sequence items at column 0 under the key are fine: the blanked key leaves a top-level list.
    staged.push({ section: key as Section, origin, text: keepOnly(text, value.range[0], value.range[1]) });
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
