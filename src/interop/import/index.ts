import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { z } from 'zod';
import { knowledgeRoots, type AppConfig } from '../../config';
import { EntitySchema, RELATION_TYPES, relationKey, RelationSchema, SourceSchema } from '../../model';
import type { Entity, KnowledgeBase, LoadedRelation, Relation, Source } from '../../model';
import { errorsOf, loadKnowledgeBase, parseYamlList, verifyCitations } from '../../seed';
import type { LocatedItem, Problem } from '../../seed';
import { DRAFT_PLACEHOLDER, fileSlug } from '../mentions/draft';
import { SECTIONS, stageInput, type Section, type StagedFile } from './stage';

/** `displayRoot`: what paths in messages are relative to (default: the working directory); `now` stamps new files. */
export type ImportOptions = Pick<AppConfig, 'seedDir' | 'dataDir' | 'sourcesDir'> & {
  displayRoot?: string;
  now?: Date;
};

/** An added item and where it came from, `file:line`. */
export type Added<T> = { value: T; from: string };

export interface ImportReport {
  /** Errors and warnings about the inputs, each naming the input file and line. */
  problems: Problem[];
  added: { sources: Added<Source>[]; entities: Added<Entity>[]; relations: Added<LoadedRelation>[] };
  /** Items identical to what the graph already holds, left out. */
  known: string[];
  /** Imported claims that contradict existing ones; kept alongside, never overwriting. */
  contradictions: string[];
  /** Files written into the data folder (empty when anything failed). */
  written: string[];
}

/** `kg import`: claim files checked like the seed, against it and all imported before; any error writes nothing. */
export function importClaims(inputs: string[], options: ImportOptions): ImportReport {
  const display = (f: string) => path.relative(options.displayRoot ?? process.cwd(), f) || f;
  const report: ImportReport = {
    problems: [],
    added: { sources: [], entities: [], relations: [] },
    known: [],
    contradictions: [],
    written: [],
  };
  const existingRoots = knowledgeRoots(options);
  const { kb, problems: existingProblems } = loadKnowledgeBase(existingRoots, options);
  if (!kb) {
    const message = 'the seed and the data imported so far do not validate; fix them first (kg validate)';
    const file = display(options.dataDir);
    report.problems.push(...errorsOf(existingProblems), { severity: 'error', file, line: 1, message });
    return report;
  }

  // 1. Stage every input as seed-layout YAML that keeps its line numbers.
  const staging = inputs.map((input) => stageInput(input, display));
  report.problems.push(...staging.flatMap((s) => s.problems));

  const parent = path.dirname(path.resolve(options.dataDir));
  mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(path.join(parent, '.kg-import-'));
  try {
    const byStagedPath = new Map<string, StagedFile>();
    const roots = staging
      .flatMap((s) => s.staged)
      .map((s, i) => {
        const root = path.join(tmp, String(i));
        const file = path.join(root, s.section === 'sources' ? 'sources.yaml' : path.join(s.section, 'input.yaml'));
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, s.text);
        byStagedPath.set(display(file), s);
        return root;
      });
    const toOrigin = (p: Problem): Problem => {
      let message = p.message;
      for (const [stagedPath, s] of byStagedPath) message = message.replaceAll(stagedPath, () => s.origin);
      const s = byStagedPath.get(p.file);
      const renamed = { ...p, file: s?.origin ?? p.file, message };
      return s?.mapProblem?.(renamed) ?? renamed;
    };
    const at = (item: LocatedItem<unknown>) => {
      const p = toOrigin({ severity: 'warning', file: item.file, line: item.line, message: '' });
      return `${p.file}:${p.line}`;
    };

    // 2. Validate seed + data + inputs together, as the seed loader does.
    const { problems } = loadKnowledgeBase([...existingRoots, ...roots], options);
    const inputProblems = problems.filter((p) => byStagedPath.has(p.file));

    // 3. Decide, item by item, what is new, what is known, what conflicts.
    const itemsOf = <S extends z.ZodType>(section: Section, schema: S) =>
      [...byStagedPath].flatMap(([file, s]) =>
        s.section === section ? parseYamlList(file, s.text, schema, () => '').items : [],
      );
    const placeholders = [...byStagedPath].flatMap(([file, s]) => placeholderProblems(file, s.text).map(toOrigin));
    report.problems.push(...placeholders);
    const placeholderLines = new Set(placeholders.map((p) => `${p.file}:${p.line}`));

    const suppressed = new Set<string>(); // `${file}:${line}` of items whose duplicate error we handle
    const decided = <T, U>(items: LocatedItem<T>[], decide: (value: T) => Decision<U>): LocatedItem<U>[] =>
      items.flatMap((item) => {
        const d = decide(item.value);
        if ('keep' in d) {
          if (d.contradiction) report.contradictions.push(`${at(item)}: ${d.contradiction}`);
          return [{ ...item, value: d.keep }];
        }
        suppressed.add(`${item.file}:${item.line}`);
        if ('known' in d) report.known.push(d.known);
        else report.problems.push(toOrigin({ severity: 'error', file: item.file, line: item.lineOf(d.field), ...d }));
        return [];
      });
    const newSources = decided(itemsOf('sources', SourceSchema), byId('source', kb.sources, 'file', sourceRefusal));
    const newEntities = decided(itemsOf('entities', EntitySchema), byId('entity', kb.entities, 'kind', entityRefusal));
    const newRelations = decided(itemsOf('relations', RelationSchema), (r) => decideRelation(r, kb));

    for (const p of inputProblems) {
      if (/^duplicate (id|relation)/.test(p.message) && suppressed.has(`${p.file}:${p.line}`)) continue;
      const mapped = toOrigin(p);
      if (placeholderLines.has(`${mapped.file}:${mapped.line}`)) continue; // the placeholder message says it better
      report.problems.push(mapped);
    }
    // 4. Citations of what is new, as kg verify checks them, once all else is valid (verify needs a knowledge base
    // that loads): its name finder knows every entity, and only the new relations and entities are checked.
    if (errorsOf(report.problems).length === 0 && options.sourcesDir) {
      const merged = {
        sources: [...kb.sources, ...newSources.map((i) => i.value)],
        entities: [...kb.entities, ...newEntities.map((i) => i.value)],
        relations: newRelations.map((i) => i.value),
      };
      const old = kb.entities.length;
      const place = (loc: LocatedItem<unknown>, f?: string) => ({ file: loc.file, line: f ? loc.lineOf(f) : loc.line });
      const locate = {
        relation: (i: number, f?: string) => place(newRelations[i]!, f),
        entity: (i: number, f?: string) => place(newEntities[i - old]!, f),
      };
      const only = { relations: () => true, entities: (i: number) => i >= old };
      report.problems.push(...verifyCitations(merged, options.sourcesDir, locate, only).problems.map(toOrigin));
    }
    report.problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file.localeCompare(b.file)));
    if (errorsOf(report.problems).length > 0) return report;

    const added = <T>(items: LocatedItem<T>[]) => items.map((i) => ({ value: i.value, from: at(i) }));
    report.added = { sources: added(newSources), entities: added(newEntities), relations: added(newRelations) };
    if (newSources.length + newEntities.length + newRelations.length === 0) return report;

    report.written = writeData(report.added, options, path.join(tmp, 'data'), inputs);
    return report;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const PLACEHOLDER_LINE = new RegExp(`^\\s*(?:-\\s+)?([A-Za-z]+):\\s*${DRAFT_PLACEHOLDER}\\s*(?:#.*)?$`);

/** Draft placeholders (`TODO`, as `kg mentions` writes them) that the analyst has not replaced. */
function placeholderProblems(file: string, text: string): Problem[] {
  return text.split('\n').flatMap((line, i): Problem[] => {
    const field = PLACEHOLDER_LINE.exec(line)?.[1];
    if (!field) return [];
    const hint =
      field === 'type'
        ? `pick a relation type (one of the ${Object.keys(RELATION_TYPES).length} listed at the top of the draft and in src/model/relation-types.ts, e.g. allied-with, targets, funds, opposes) or delete this draft entry`
        : `fill in "${field}" or delete this draft entry`;
    const message = `draft placeholder "${DRAFT_PLACEHOLDER}" left in: ${hint}`;
    return [{ severity: 'error', file, line: i + 1, field, message }];
  });
}

/** What becomes of an imported item: known (the graph has it), refused at `field`, or kept (noting a contradiction). */
type Decision<T> =
  { known: string } | { subject: string; field: string; message: string } | { keep: T; contradiction?: string };

/** An item whose id the graph has is known when `field` agrees, else refused: an import never changes it. */
function byId<T extends { id: string }>(what: string, all: T[], field: keyof T & string, why: (a: T, b: T) => string) {
  const byId = new Map(all.map((o) => [o.id, o]));
  return (item: T): Decision<T> => {
    const old = byId.get(item.id);
    const subject = `${what} ${item.id}`;
    if (!old) return { keep: item };
    return old[field] === item[field] ? { known: subject } : { subject, field, message: why(old, item) };
  };
}

const sourceRefusal = (old: Source, s: Source) =>
  `refused: source "${s.id}" already exists for file "${old.file}"; use another id for "${s.file}"`;
const entityRefusal = (old: Entity, e: Entity) =>
  `refused: entity "${e.id}" already exists as ${old.kind}; an import cannot change its kind (use another id)`;

/** The statuses an imported claim with this status contradicts. */
const OPPOSED: Partial<Record<Relation['status'], Relation['status'][]>> = {
  reported: ['denied', 'disputed'],
  denied: ['reported', 'alleged'],
};

/**
 * A claim the graph holds is known, or refused when it brings citations the stored one lacks; a new one is kept,
 * a plain `reported` one that meets an existing denial (or dispute) as `disputed`: the graph holds both sides.
 */
function decideRelation(r: Relation, kb: KnowledgeBase): Decision<LoadedRelation> {
  const symmetric = RELATION_TYPES[r.type].symmetric;
  const opposed = kb.relations.filter(
    (o) =>
      o.type === r.type &&
      ((o.from === r.from && o.to === r.to) || (symmetric && o.from === r.to && o.to === r.from)) &&
      OPPOSED[r.status]?.includes(o.status),
  );
  const stored: Relation = opposed.length > 0 && r.status === 'reported' ? { ...r, status: 'disputed' } : r;
  // The claim as written may be in the graph whatever else the pair holds (a reported claim beside
  // a denial is not re-stored as disputed), or may have been imported before and stored as disputed.
  const same = sameClaim(r, kb, symmetric) ?? (stored === r ? null : sameClaim(stored, kb, symmetric));
  const subject = `relation ${r.from} ${r.type} ${r.to}`;
  if (same?.missing.length === 0) return { known: `${subject} (${same.key})` };
  if (same)
    return {
      subject,
      field: 'evidence',
      message: `this claim exists already (key "${same.key}") without ${same.missing.join(', ')}; add the citations to the existing claim, or give this one an "id" to keep it as a separate claim`,
    };
  const relation = { ...stored, key: relationKey(stored) };
  if (opposed.length === 0) return { keep: relation };
  const keys = opposed.map((d) => `"${d.key}"`).join(', ');
  const claim = `${subject}${r.status === 'denied' ? ' (denied)' : ''}`;
  return { keep: relation, contradiction: `${claim} contradicts ${keys}; kept as ${relation.status} alongside` };
}

/** The existing claim with the same key (either way round when symmetric), and the citations this one adds to it. */
function sameClaim(relation: Relation, kb: KnowledgeBase, symmetric: boolean) {
  const key = relationKey(relation);
  const reversedKey = symmetric ? relationKey({ ...relation, from: relation.to, to: relation.from }) : key;
  const same = kb.relations.find((o) => o.key === key || (!relation.id && o.key === reversedKey));
  if (!same) return null;
  const have = new Set(same.evidence.map((c) => `${c.source}#${c.paragraph}`));
  const missing = relation.evidence
    .filter((c) => !have.has(`${c.source}#${c.paragraph}`))
    .map((c) => `${c.source} ¶${c.paragraph}`);
  return { key: same.key, missing };
}

/** Writes into `next`, a copy of the data folder, checks that the result loads, then swaps it in. */
function writeData(added: ImportReport['added'], options: ImportOptions, next: string, inputs: string[]) {
  const now = (options.now ?? new Date()).toISOString();
  const stamp = now.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const name = `${stamp}-${(inputs.length === 1 && fileSlug(inputs[0]!)) || 'claims'}.yaml`;
  const header = `# Imported by kg import on ${now} from ${inputs.map((i) => path.basename(i)).join(', ')}.\n`;
  if (existsSync(options.dataDir)) cpSync(options.dataDir, next, { recursive: true });
  const written = SECTIONS.filter((section) => added[section].length > 0).map((section) => {
    const rel = section === 'sources' ? 'sources.yaml' : path.join(section, name);
    const file = path.join(next, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    const items: Added<object>[] = added[section];
    const body = items.map((i) => `# from ${i.from}\n${stringify([asWritten(i.value)], { lineWidth: 0 })}`);
    // Added after what the file has: sources.yaml is one file, and an import in the same second
    // from a file of the same name finds its entities and relations files there already.
    const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
    writeFileSync(file, before + (before && !before.endsWith('\n') ? '\n' : '') + header + body.join(''));
    return path.join(options.dataDir, rel);
  });

  const check = loadKnowledgeBase([options.seedDir, next], options);
  const why = errorsOf(check.problems).map((p) => p.message);
  if (!check.kb) throw new Error(`internal error: the merged data does not load (${why.join('; ')}); nothing written`);
  // Swap the checked copy in: two renames, so the data folder is never half-written.
  const old = `${options.dataDir}.old-${process.pid}`;
  if (existsSync(options.dataDir)) renameSync(options.dataDir, old);
  renameSync(next, options.dataDir);
  rmSync(old, { recursive: true, force: true });
  return written;
}

/** An item as a person writes it: no defaults the schema fills in (empty lists), no key (the loader derives it). */
function asWritten(value: object): object {
  return Object.fromEntries(
    Object.entries(value).filter(([k, v]) => k !== 'key' && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
}
