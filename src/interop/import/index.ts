import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { z } from 'zod';
import { knowledgeRoots } from '../../config';
import { EntitySchema, RELATION_TYPES, relationKey, RelationSchema, SourceSchema } from '../../model';
import type { Entity, KnowledgeBase, LoadedRelation, Relation, Source } from '../../model';
import { errorsOf, loadKnowledgeBase, parseYamlList, verifyCitations } from '../../seed';
import type { LoadOptions, LocatedItem, Problem } from '../../seed';
import { DRAFT_PLACEHOLDER, fileSlug } from '../mentions/draft';
import { SECTIONS, stageInput, type Section, type StagedFile } from './stage';

export interface ImportOptions {
  seedDir: string;
  dataDir: string;
  sourcesDir?: string;
  /** Paths in messages are relative to this folder (default: the working directory). */
  displayRoot?: string;
  /** Stamp for the new data files (default: now). */
  now?: Date;
}

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

/**
 * `kg import`: validates claim files (stage.ts) exactly like the seed, against the seed plus all
 * imported before, and adds them to the data folder as seed-layout files. On any error nothing is written.
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
  const loadOptions = { displayRoot, sourcesDir: options.sourcesDir };
  const existingRoots = knowledgeRoots(options);
  const { kb, problems: existingProblems } = loadKnowledgeBase(existingRoots, loadOptions);
  if (!kb) {
    report.problems.push(...errorsOf(existingProblems), {
      severity: 'error',
      file: display(options.dataDir),
      line: 1,
      message: 'the seed and the data imported so far do not validate; fix them first (kg validate)',
    });
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
      const s = byStagedPath.get(p.file);
      let message = p.message;
      for (const [stagedPath, st] of byStagedPath) message = message.split(stagedPath).join(st.origin);
      if (!s) return { ...p, message };
      const renamed = { ...p, file: s.origin, message };
      return s.mapProblem ? s.mapProblem(renamed) : renamed;
    };
    const at = (item: LocatedItem<unknown>) => {
      const p = toOrigin({ severity: 'warning', file: item.file, line: item.line, message: '' });
      return `${p.file}:${p.line}`;
    };

    // 2. Validate seed + data + inputs together, as the seed loader does.
    const loaded = loadKnowledgeBase([...existingRoots, ...roots], loadOptions);
    const inputProblems = loaded.problems.filter((p) => byStagedPath.has(p.file));

    // 3. Decide, item by item, what is new, what is known, what conflicts.
    const itemsOf = <S extends z.ZodType>(section: Section, schema: S) =>
      [...byStagedPath].flatMap(([file, s]) =>
        s.section === section ? parseYamlList(file, s.text, schema, () => '').items : [],
      );
    const placeholders = [...byStagedPath].flatMap(([file, s]) => placeholderProblems(file, s.text).map(toOrigin));
    report.problems.push(...placeholders);
    const placeholderLines = new Set(placeholders.map((p) => `${p.file}:${p.line}`));

    const suppressed = new Set<string>(); // `${file}:${line}` of items whose duplicate error we handle
    const conflict = (item: LocatedItem<unknown>, subject: string, field: string, message: string) => {
      suppressed.add(`${item.file}:${item.line}`);
      report.problems.push(
        toOrigin({ severity: 'error', file: item.file, line: item.lineOf(field), subject, field, message }),
      );
    };
    const isKnown = (item: LocatedItem<unknown>, what: string) => {
      suppressed.add(`${item.file}:${item.line}`);
      report.known.push(what);
    };
    /** Items whose id the graph has: the same item again is known, one that differs in `field` refused. */
    const keepNew = <T extends { id: string }>(
      what: string,
      items: LocatedItem<T>[],
      existing: T[],
      field: keyof T & string,
      refusal: (old: T, item: T) => string,
    ) => {
      const byId = new Map(existing.map((o) => [o.id, o]));
      return items.filter((item) => {
        const old = byId.get(item.value.id);
        if (!old) return true;
        if (old[field] === item.value[field]) isKnown(item, `${what} ${item.value.id}`);
        else conflict(item, `${what} ${item.value.id}`, field, refusal(old, item.value));
        return false;
      });
    };
    const newSources = keepNew(
      'source',
      itemsOf('sources', SourceSchema),
      kb.sources,
      'file',
      (old, s) => `refused: source "${s.id}" already exists for file "${old.file}"; use another id for "${s.file}"`,
    );
    const newEntities = keepNew(
      'entity',
      itemsOf('entities', EntitySchema),
      kb.entities,
      'kind',
      (old, e) =>
        `refused: entity "${e.id}" already exists as ${old.kind}; an import cannot change its kind (use another id)`,
    );
    const newRelations: LocatedItem<LoadedRelation>[] = [];
    for (const item of itemsOf('relations', RelationSchema)) {
      const { same, relation, contradiction } = decideRelation(item.value, kb);
      const subject = `relation ${item.value.from} ${item.value.type} ${item.value.to}`;
      if (same?.missing.length === 0) isKnown(item, `${subject} (${same.key})`);
      else if (same)
        conflict(
          item,
          subject,
          'evidence',
          `this claim exists already (key "${same.key}") without ${same.missing.join(', ')}; add the citations to the existing claim, or give this one an "id" to keep it as a separate claim`,
        );
      else {
        if (contradiction) report.contradictions.push(`${at(item)}: ${contradiction}`);
        newRelations.push({ ...item, value: relation });
      }
    }

    for (const p of inputProblems) {
      if (/^duplicate (id|relation)/.test(p.message) && suppressed.has(`${p.file}:${p.line}`)) continue;
      const mapped = toOrigin(p);
      if (placeholderLines.has(`${mapped.file}:${mapped.line}`)) continue; // the placeholder message says it better
      report.problems.push(mapped);
    }
    // 4. Citations of what is new, checked as kg verify checks them (once all else is valid: verify
    // needs a knowledge base that loads). The graph as it would be holds only the new relations:
    // verify builds its name finder from every entity and checks the relations given and the new entities.
    if (errorsOf(report.problems).length === 0 && options.sourcesDir) {
      const values = <T>(items: LocatedItem<T>[]) => items.map((i) => i.value);
      const merged = {
        sources: [...kb.sources, ...values(newSources)],
        entities: [...kb.entities, ...values(newEntities)],
        relations: values(newRelations),
      };
      const old = kb.entities.length;
      const place = (item: LocatedItem<unknown>, f?: string) => ({
        file: item.file,
        line: f ? item.lineOf(f) : item.line,
      });
      const locate = {
        relation: (i: number, field?: string) => place(newRelations[i]!, field),
        entity: (i: number, field?: string) => place(newEntities[i - old]!, field),
      };
      const verified = verifyCitations(merged, options.sourcesDir, locate, {
        relations: () => true,
        entities: (i) => i >= old,
      });
      report.problems.push(...verified.problems.map(toOrigin));
    }
    report.problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file.localeCompare(b.file)));
    if (errorsOf(report.problems).length > 0) return report;

    const added = <T>(items: LocatedItem<T>[]) => items.map((i) => ({ value: i.value, from: at(i) }));
    report.added = { sources: added(newSources), entities: added(newEntities), relations: added(newRelations) };
    if (newSources.length + newEntities.length + newRelations.length === 0) return report;

    // 5. Write into a copy of the data folder, check the result loads, then swap it in.
    report.written = writeData(report, options, loadOptions, tmp, inputs);
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

/** The existing claim an imported one repeats, and the citations it lacks (none: the claim is known). */
type SameClaim = { key: string; missing: string[] };

/** The statuses an imported claim with this status contradicts. */
const OPPOSED: Partial<Record<Relation['status'], Relation['status'][]>> = {
  reported: ['denied', 'disputed'],
  denied: ['reported', 'alleged'],
};

/**
 * Whether an imported claim is already in the graph, adds citations to one that is, or is new;
 * and whether it contradicts an existing claim about the same pair. A plain `reported` claim that
 * meets an existing denial (or dispute) is kept as `disputed`: the graph holds both sides.
 */
function decideRelation(r: Relation, kb: KnowledgeBase) {
  const symmetric = RELATION_TYPES[r.type].symmetric;
  const relation: LoadedRelation = { ...r, key: '' };
  // The claim as written may be in the graph already, whatever else the pair holds: importing
  // what is there adds nothing (a reported claim beside a denial is not re-stored as disputed).
  const asWritten = sameClaim(relation, kb, symmetric);
  if (asWritten) return { same: asWritten, relation };
  const opposed = kb.relations.filter(
    (o) =>
      o.type === r.type &&
      ((o.from === r.from && o.to === r.to) || (symmetric && o.from === r.to && o.to === r.from)) &&
      OPPOSED[r.status]?.includes(o.status),
  );
  if (opposed.length === 0) return { relation: { ...relation, key: relationKey(relation) } };
  if (r.status === 'reported') relation.status = 'disputed';
  const claim = `relation ${r.from} ${r.type} ${r.to}${r.status === 'denied' ? ' (denied)' : ''}`;
  const keys = opposed.map((d) => `"${d.key}"`).join(', ');
  const contradiction = `${claim} contradicts ${keys}; kept as ${relation.status} alongside`;
  // Imported before, and stored then as disputed: the same claim again.
  const asStored = relation.status === r.status ? null : sameClaim(relation, kb, symmetric);
  if (asStored) return { same: asStored, relation };
  return { relation: { ...relation, key: relationKey(relation) }, contradiction };
}

/** The existing claim with the same key (either way round when symmetric). */
function sameClaim(relation: LoadedRelation, kb: KnowledgeBase, symmetric: boolean): SameClaim | null {
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

function writeData(
  report: ImportReport,
  options: ImportOptions,
  loadOptions: LoadOptions,
  tmp: string,
  inputs: string[],
) {
  const now = (options.now ?? new Date()).toISOString();
  const stamp = now.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const name = `${stamp}-${(inputs.length === 1 && fileSlug(inputs[0]!)) || 'claims'}.yaml`;
  const header = `# Imported by kg import on ${now} from ${inputs.map((i) => path.basename(i)).join(', ')}.\n`;
  const next = path.join(tmp, 'data');
  if (existsSync(options.dataDir)) cpSync(options.dataDir, next, { recursive: true });
  const written: string[] = [];
  for (const section of SECTIONS) {
    const items: Added<object>[] = report.added[section];
    if (items.length === 0) continue;
    const rel = section === 'sources' ? 'sources.yaml' : path.join(section, name);
    const file = path.join(next, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    const body = items.map((i) => `# from ${i.from}\n${stringify([asWritten(i.value)], { lineWidth: 0 })}`);
    // Added after what the file has: sources.yaml is one file, and an import in the same second
    // from a file of the same name finds its entities and relations files there already.
    const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
    writeFileSync(file, before + (before && !before.endsWith('\n') ? '\n' : '') + header + body.join(''));
    written.push(path.join(options.dataDir, rel));
  }

  const check = loadKnowledgeBase([options.seedDir, next], loadOptions);
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
