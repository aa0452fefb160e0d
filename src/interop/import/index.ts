import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { knowledgeRoots } from '../../config';
import {
  EntitySchema,
  RELATION_TYPES,
  relationKey,
  RelationSchema,
  SourceSchema,
  type Entity,
  type KnowledgeBase,
  type LoadedRelation,
  type Relation,
  type Source,
} from '../../model';
import {
  loadKnowledgeBase,
  seedFiles,
  errorsOf,
  type Problem,
  readTextFile,
  citationProblem,
  verifyCitations,
  parseYamlList,
  type LocatedItem,
} from '../../seed';
import { DRAFT_PLACEHOLDER, fileSlug } from '../mentions/draft';
import { stageCsvClaims } from './csv-claims';
import { SECTIONS, type StagedFile } from './staged-file';
import { stageYamlClaims } from './yaml-claims';
import { renderDataFile } from './write-data';

export interface ImportOptions {
  seedDir: string;
  dataDir: string;
  sourcesDir?: string;
  /** Paths in messages are relative to this folder (default: the working directory). */
  displayRoot?: string;
  /** Stamp for the new data files (default: now). */
  now?: Date;
}

export interface Added<T> {
  value: T;
  /** Where it came from, `file:line`. */
  from: string;
}

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

const AFFIRMS = new Set(['reported', 'alleged']);

/**
 * `kg import`: validates analysts' claim files (YAML or CSV, see yaml-claims.ts / csv-claims.ts)
 * exactly like the seed, against the seed plus everything imported before, and on success adds
 * them to the data folder as seed-layout files. All or nothing: on any error nothing is written.
 */
export function importClaims(inputs: string[], options: ImportOptions): ImportReport {
  const displayRoot = options.displayRoot ?? process.cwd();
  const display = (f: string) => path.relative(displayRoot, f) || f;
  const report: ImportReport = {
    problems: [],
    added: { sources: [], entities: [], relations: [] },
    known: [],
    contradictions: [],
    written: [],
  };
  const loadOptions = { displayRoot, ...(options.sourcesDir ? { sourcesDir: options.sourcesDir } : {}) };

  const existingRoots = knowledgeRoots(options);
  const existing = loadKnowledgeBase(existingRoots, loadOptions);
  if (!existing.kb) {
    report.problems.push(...errorsOf(existing.problems));
    report.problems.push({
      severity: 'error',
      file: display(options.dataDir),
      line: 1,
      message: 'the seed and the data imported so far do not validate; fix them first (kg validate)',
    });
    return report;
  }
  const kb = existing.kb;

  // 1. Stage every input as seed-layout YAML that keeps its line numbers.
  const staged: StagedFile[] = [];
  for (const input of inputs) {
    const result = stageInput(input, display);
    staged.push(...result.staged);
    report.problems.push(...result.problems);
  }

  mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const tmp = mkdtempSync(path.join(path.dirname(path.resolve(options.dataDir)), '.kg-import-'));
  try {
    const byStagedPath = new Map<string, StagedFile>();
    const roots = staged.map((s, i) => {
      const root = path.join(tmp, String(i));
      const file = s.section === 'sources' ? path.join(root, 'sources.yaml') : path.join(root, s.section, 'input.yaml');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, s.text);
      byStagedPath.set(display(file), s);
      return root;
    });
    const toOrigin = (p: Problem): Problem => {
      const s = byStagedPath.get(p.file);
      let message = p.message;
      for (const [stagedPath, st] of byStagedPath) message = message.split(stagedPath).join(st.origin);
      if (!s) return { ...p, message };
      const renamed = { ...p, file: s.origin, message };
      return s.mapProblem ? s.mapProblem(renamed) : renamed;
    };

    // 2. Validate seed + data + inputs together, as the seed loader does.
    const loaded = loadKnowledgeBase([...existingRoots, ...roots], loadOptions);
    const inputProblems = loaded.problems.filter((p) => byStagedPath.has(p.file));

    // 3. Decide, item by item, what is new, what is known, what conflicts.
    const suppressed = new Set<string>(); // `${file}:${line}` of items whose duplicate error we handle
    const conflict = (at: LocatedItem<unknown>, subject: string, field: string, message: string) =>
      report.problems.push(
        toOrigin({ severity: 'error', file: at.file, line: at.lineOf(field), subject, field, message }),
      );
    const fresh = {
      sources: [] as LocatedItem<Source>[],
      entities: [] as LocatedItem<Entity>[],
      relations: [] as LocatedItem<Relation>[],
    };
    for (const [stagedPath, s] of byStagedPath) {
      const text = s.text;
      if (s.section === 'sources') fresh.sources.push(...parseYamlList(stagedPath, text, SourceSchema, () => '').items);
      if (s.section === 'entities')
        fresh.entities.push(...parseYamlList(stagedPath, text, EntitySchema, () => '').items);
      if (s.section === 'relations')
        fresh.relations.push(...parseYamlList(stagedPath, text, RelationSchema, () => '').items);
      report.problems.push(...placeholderProblems(stagedPath, text).map(toOrigin));
    }
    const placeholderLines = new Set(
      report.problems.filter((p) => p.message.startsWith('draft placeholder')).map((p) => `${p.file}:${p.line}`),
    );

    const at = (item: LocatedItem<unknown>) => {
      const p = toOrigin({ severity: 'warning', file: item.file, line: item.line, message: '' });
      return `${p.file}:${p.line}`;
    };
    /** Items whose id the graph has: the same item again is known, another one under its id refused. */
    const keepNew = <T extends { id: string }, O>(
      items: LocatedItem<T>[],
      existing: O[],
      what: string,
      field: string,
      refusal: (old: O & { id: string }, item: T) => string | null,
    ) => {
      const byId = new Map((existing as (O & { id: string })[]).map((o) => [o.id, o]));
      return items.filter((item) => {
        const old = byId.get(item.value.id);
        if (!old) return true;
        suppressed.add(`${item.file}:${item.line}`);
        const message = refusal(old, item.value);
        if (message) conflict(item, `${what} ${item.value.id}`, field, message);
        else report.known.push(`${what} ${item.value.id}`);
        return false;
      });
    };
    const newSources = keepNew(fresh.sources, kb.sources, 'source', 'file', (old, s) =>
      old.file === s.file
        ? null
        : `refused: source "${s.id}" already exists for file "${old.file}"; use another id for "${s.file}"`,
    );
    const newEntities = keepNew(fresh.entities, kb.entities, 'entity', 'kind', (old, e) =>
      old.kind === e.kind
        ? null
        : `refused: entity "${e.id}" already exists as ${old.kind}; an import cannot change its kind (use another id)`,
    );
    const newRelations: { item: LocatedItem<Relation>; relation: LoadedRelation }[] = [];
    for (const item of fresh.relations) {
      const decision = decideRelation(item.value, kb);
      const subject = `relation ${item.value.from} ${item.value.type} ${item.value.to}`;
      if (decision.kind === 'known') {
        suppressed.add(`${item.file}:${item.line}`);
        report.known.push(`${subject} (${decision.key})`);
      } else if (decision.kind === 'new-evidence') {
        suppressed.add(`${item.file}:${item.line}`);
        conflict(
          item,
          subject,
          'evidence',
          `this claim exists already (key "${decision.key}") without ${decision.citations.join(', ')}; add the citations to the existing claim, or give this one an "id" to keep it as a separate claim`,
        );
      } else {
        if (decision.contradiction) report.contradictions.push(`${at(item)}: ${decision.contradiction}`);
        newRelations.push({ item, relation: decision.relation });
      }
    }

    const duplicateHandled = (p: Problem) =>
      /^duplicate (id|relation)/.test(p.message) && suppressed.has(`${p.file}:${p.line}`);
    for (const p of inputProblems) {
      if (duplicateHandled(p)) continue;
      const mapped = toOrigin(p);
      if (placeholderLines.has(`${mapped.file}:${mapped.line}`)) continue; // the placeholder message says it better
      report.problems.push(mapped);
    }
    // 4. Citations of what is new, checked against the source texts exactly as kg verify checks
    // them (once everything else is valid, as verify needs a knowledge base that loads).
    if (errorsOf(report.problems).length === 0 && options.sourcesDir) {
      report.problems.push(
        ...citationProblems(kb, newSources, newEntities, newRelations, options.sourcesDir).map(toOrigin),
      );
    }
    report.problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file.localeCompare(b.file)));
    if (errorsOf(report.problems).length > 0) return report;

    report.added.sources = newSources.map((i) => ({ value: i.value, from: at(i) }));
    report.added.entities = newEntities.map((i) => ({ value: i.value, from: at(i) }));
    report.added.relations = newRelations.map(({ item, relation }) => ({ value: relation, from: at(item) }));
    if (report.added.sources.length + report.added.entities.length + report.added.relations.length === 0) return report;

    // 5. Write into a copy of the data folder, check the result loads, then swap it in.
    report.written = writeData(report, options, loadOptions, tmp, inputs);
    return report;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The new items' citations that kg verify would reject, at the lines they were staged at. */
function citationProblems(
  kb: KnowledgeBase,
  sources: LocatedItem<Source>[],
  entities: LocatedItem<Entity>[],
  relations: { item: LocatedItem<Relation>; relation: LoadedRelation }[],
  sourcesDir: string,
): Problem[] {
  // The graph as it would be, holding only the new relations: verify builds its name finder
  // from every entity, checks every relation it is given and, of the entities, the new ones.
  const merged: KnowledgeBase = {
    sources: [...kb.sources, ...sources.map((s) => s.value)],
    entities: [...kb.entities, ...entities.map((e) => e.value)],
    relations: relations.map((r) => r.relation),
  };
  const old = kb.entities.length;
  const report = verifyCitations(merged, sourcesDir, { only: { relations: () => true, entities: (i) => i >= old } });
  const place = (item: LocatedItem<unknown>, field?: string) => ({
    file: item.file,
    line: field ? item.lineOf(field) : item.line,
  });
  return report.failures.map((f) =>
    citationProblem(f, {
      relation: (i, field) => place(relations[i]!.item, field),
      entity: (i, field) => place(entities[i - old]!, field),
    }),
  );
}

function stageInput(input: string, display: (f: string) => string): { staged: StagedFile[]; problems: Problem[] } {
  const origin = display(input);
  const fail = (message: string) => ({
    staged: [],
    problems: [{ severity: 'error' as const, file: origin, line: 1, message }],
  });
  if (!existsSync(input)) return fail('file not found');
  if (statSync(input).isDirectory()) {
    // A folder laid out like seed/: each file is staged as it is.
    const layout = seedFiles(input);
    const staged: StagedFile[] = [];
    const problems: Problem[] = [];
    for (const section of SECTIONS) {
      for (const f of layout[section]) {
        const content = readTextFile(f, display(f));
        if (content.ok) staged.push({ section, origin: display(f), text: content.text });
        else problems.push(content.problem);
      }
    }
    if (staged.length + problems.length === 0)
      return fail('folder has no sources.yaml, entities/*.yaml or relations/*.yaml');
    return { staged, problems };
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

/** Draft placeholders (`TODO`, as `kg mentions` writes them) that the analyst has not replaced. */
function placeholderProblems(file: string, text: string): Problem[] {
  const problems: Problem[] = [];
  text.split('\n').forEach((line, i) => {
    const m = new RegExp(`^\\s*(?:-\\s+)?([A-Za-z]+):\\s*${DRAFT_PLACEHOLDER}\\s*(?:#.*)?$`).exec(line);
    if (!m) return;
    const field = m[1]!;
    const hint =
      field === 'type'
        ? `pick a relation type (one of the ${Object.keys(RELATION_TYPES).length} listed at the top of the draft and in src/model/relation-types.ts, e.g. allied-with, targets, funds, opposes) or delete this draft entry`
        : `fill in "${field}" or delete this draft entry`;
    problems.push({
      severity: 'error',
      file,
      line: i + 1,
      field,
      message: `draft placeholder "${DRAFT_PLACEHOLDER}" left in: ${hint}`,
    });
  });
  return problems;
}

type RelationDecision =
  | { kind: 'known'; key: string }
  | { kind: 'new-evidence'; key: string; citations: string[] }
  | { kind: 'new'; relation: LoadedRelation; contradiction?: string };

/**
 * Whether an imported claim is already in the graph, adds citations to one that is, or is new;
 * and whether it contradicts an existing claim about the same pair. A plain `reported` claim that
 * meets an existing denial (or dispute) is kept as `disputed`: the graph holds both sides.
 */
function decideRelation(r: Relation, kb: KnowledgeBase): RelationDecision {
  const symmetric = RELATION_TYPES[r.type].symmetric;
  // The claim as written may be in the graph already, whatever else the pair holds: importing
  // what is there adds nothing (a reported claim beside a denial is not re-stored as disputed).
  const asWritten = knownClaim({ ...r, key: '' }, kb, symmetric);
  if (asWritten) return asWritten;
  const samePair = (o: LoadedRelation) =>
    o.type === r.type && ((o.from === r.from && o.to === r.to) || (symmetric && o.from === r.to && o.to === r.from));
  const related = kb.relations.filter(samePair);
  let status = r.status;
  let contradiction: string | undefined;
  const denials = related.filter((o) => o.status === 'denied' || o.status === 'disputed');
  const affirmations = related.filter((o) => AFFIRMS.has(o.status));
  if (r.status === 'reported' && denials.length > 0) {
    status = 'disputed';
    contradiction = `relation ${r.from} ${r.type} ${r.to} contradicts ${denials.map((d) => `"${d.key}"`).join(', ')}; kept as disputed alongside`;
  } else if (r.status === 'denied' && affirmations.length > 0) {
    contradiction = `relation ${r.from} ${r.type} ${r.to} (denied) contradicts ${affirmations.map((d) => `"${d.key}"`).join(', ')}; kept as denied alongside`;
  }
  const relation: LoadedRelation = { ...r, status, key: '' };
  // Imported before, and stored then as disputed: the same claim again.
  const asStored = status === r.status ? null : knownClaim(relation, kb, symmetric);
  if (asStored) return asStored;
  relation.key = relationKey(relation);
  return { kind: 'new', relation, ...(contradiction ? { contradiction } : {}) };
}

/** The existing claim with the same key (either way round when symmetric), as known or as needing new citations. */
function knownClaim(relation: LoadedRelation, kb: KnowledgeBase, symmetric: boolean): RelationDecision | null {
  const key = relationKey(relation);
  const reversedKey = symmetric ? relationKey({ ...relation, from: relation.to, to: relation.from }) : key;
  const same = kb.relations.find((o) => o.key === key || (!relation.id && o.key === reversedKey));
  if (!same) return null;
  const have = new Set(same.evidence.map((c) => `${c.source}#${c.paragraph}`));
  const missing = relation.evidence
    .filter((c) => !have.has(`${c.source}#${c.paragraph}`))
    .map((c) => `${c.source} ¶${c.paragraph}`);
  return missing.length === 0
    ? { kind: 'known', key: same.key }
    : { kind: 'new-evidence', key: same.key, citations: missing };
}

function writeData(
  report: ImportReport,
  options: ImportOptions,
  loadOptions: { displayRoot: string; sourcesDir?: string },
  tmp: string,
  inputs: string[],
): string[] {
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const stem = (inputs.length === 1 && fileSlug(inputs[0]!)) || 'claims';
  const next = path.join(tmp, 'data');
  if (existsSync(options.dataDir)) cpSync(options.dataDir, next, { recursive: true });
  else mkdirSync(next, { recursive: true });
  const written: string[] = [];
  const write = (rel: string, text: string, append = false) => {
    const file = path.join(next, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    const before = append && existsSync(file) ? readFileSync(file, 'utf8') : '';
    writeFileSync(file, before + (before && !before.endsWith('\n') ? '\n' : '') + text);
    written.push(path.join(options.dataDir, rel));
  };
  const header = `# Imported by kg import on ${(options.now ?? new Date()).toISOString()} from ${inputs.map((i) => path.basename(i)).join(', ')}.\n`;
  if (report.added.sources.length > 0) write('sources.yaml', renderDataFile(header, report.added.sources), true);
  if (report.added.entities.length > 0)
    write(path.join('entities', `${stamp}-${stem}.yaml`), renderDataFile(header, report.added.entities));
  if (report.added.relations.length > 0)
    write(
      path.join('relations', `${stamp}-${stem}.yaml`),
      renderDataFile(
        header,
        report.added.relations.map((r) => ({ ...r, value: withoutKey(r.value) })),
      ),
    );

  const check = loadKnowledgeBase([options.seedDir, next], loadOptions);
  if (!check.kb)
    throw new Error(
      `internal error: the merged data does not load (${errorsOf(check.problems)
        .map((p) => p.message)
        .join('; ')}); nothing written`,
    );
  // Swap the checked copy in: two renames, so the data folder is never half-written.
  const old = `${options.dataDir}.old-${process.pid}`;
  if (existsSync(options.dataDir)) renameSync(options.dataDir, old);
  renameSync(next, options.dataDir);
  rmSync(old, { recursive: true, force: true });
  return written;
}

function withoutKey(r: LoadedRelation): Relation {
  const { key: _key, ...rest } = r;
  return rest;
}
