import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ENTITY_KIND_IDS, RELATION_TYPE_IDS, RELATION_TYPES, type EntityKind, type RelationType } from '../model';
import { Prng } from './prng';

/**
 * A synthetic knowledge base in the seed format, for benchmarks. It uses the real vocabulary
 * (kinds, relation types that fit the kinds they join, statuses with asserters, partial dates,
 * cited evidence) and grows by preferential attachment, so degrees are heavy-tailed like a real
 * actor network: a few states, big groups and provinces touch thousands of relations, most
 * entities a handful. Files are split so that none comes near the loader's size cap.
 */
export interface GenerateOptions {
  nodes: number;
  /** Relations added per new entity (the mean degree is about twice this). */
  edgesPerNode: number;
  seed: number;
  outDir: string;
  entitiesPerFile?: number;
  relationsPerFile?: number;
}

export interface GeneratedManifest {
  generator: number;
  nodes: number;
  edges: number;
  edgesPerNode: number;
  seed: number;
  files: number;
  bytes: number;
}

/** Bumped whenever the output changes, so cached data sets are regenerated. */
const GENERATOR_VERSION = 1;
const SOURCE_COUNT = 40;
const PARAGRAPHS_PER_SOURCE = 200;
/** The first entities become the hubs of preferential attachment; they get hub-like kinds. */
const HUB_COUNT = 50;

const KIND_WEIGHTS: Record<EntityKind, number> = {
  MilitantGroup: 20, Person: 25, Place: 12, Event: 12, Operation: 8, StateBody: 6, Policy: 5,
  PoliticalParty: 4, Project: 3, Population: 2, Government: 1, InternationalBody: 1, State: 1,
};
const HUB_KIND_WEIGHTS: Partial<Record<EntityKind, number>> = { State: 4, MilitantGroup: 4, StateBody: 3, Place: 3, Government: 2, InternationalBody: 1 };
const STATUS_WEIGHTS = { reported: 85, alleged: 8, denied: 4, disputed: 3 } as const;

const SYLLABLES = ['ka', 'la', 'mar', 'noor', 'zai', 'tan', 'sha', 'beh', 'gul', 'dar', 'ras', 'hak', 'qan', 'tee', 'wal', 'bad', 'khan', 'jan', 'ul', 'mir', 'raz', 'sab', 'fat', 'hid', 'zar', 'oor', 'pesh', 'ban', 'nu', 'qi'];
const GROUP_PREFIXES = ['Tehreek', 'Lashkar', 'Jaish', 'Harkat', 'Sipah', 'Jamaat'];
const NOTE_WORDS = ['claims', 'follows', 'reported', 'after', 'raid', 'talks', 'border', 'funding', 'denial', 'statement', 'sources', 'officials', 'region', 'attack', 'ceasefire'];

function word(rng: Prng): string {
  const n = 2 + rng.int(2);
  let w = '';
  for (let i = 0; i < n; i++) w += rng.pick(SYLLABLES);
  return w[0]!.toUpperCase() + w.slice(1);
}

function entityName(rng: Prng, kind: EntityKind): string {
  switch (kind) {
    case 'MilitantGroup':
      return rng.chance(0.6) ? `${rng.pick(GROUP_PREFIXES)}-e-${word(rng)}` : `${word(rng)} Liberation ${rng.pick(['Army', 'Front'])}`;
    case 'Person':
      return `${word(rng)} ${word(rng)}`;
    case 'Place':
      return rng.chance(0.5) ? `${word(rng)}abad` : `${word(rng)} District`;
    case 'Event':
      return `${word(rng)} ${rng.pick(['attack', 'bombing', 'raid', 'election', 'riot'])} ${2005 + rng.int(20)}`;
    case 'Operation':
      return `Operation ${word(rng)}-e-${word(rng)}`;
    case 'StateBody':
      return `${word(rng)} ${rng.pick(['Corps', 'Counter Terrorism Department', 'Frontier Force', 'Ministry'])}`;
    case 'Policy':
      return `${word(rng)} ${rng.pick(['Action Plan', 'Accord', 'Act', 'Initiative'])}`;
    case 'PoliticalParty':
      return `${word(rng)} ${rng.pick(['Movement', 'Party', 'League'])}`;
    case 'Project':
      return `${word(rng)} ${rng.pick(['Dam', 'Corridor', 'Port', 'Highway'])}`;
    case 'Population':
      return `${word(rng)} ${rng.pick(['refugees', 'workers', 'traders'])}`;
    case 'Government':
      return `Government of ${word(rng)}stan`;
    case 'InternationalBody':
      return `${word(rng)} ${rng.pick(['Council', 'Forum', 'Task Force'])}`;
    case 'State':
      return `${word(rng)}stan`;
  }
}

/** Spellings a source might use instead: acronyms, -e-/-i- connectives, k/q and ee/i swaps. */
function aliasesOf(rng: Prng, name: string): string[] {
  const aliases = new Set<string>();
  const words = name.split(/[\s-]+/).filter((w) => /^[A-Z]/.test(w));
  if (words.length >= 2 && rng.chance(0.6)) aliases.add(words.map((w) => w[0]).join(''));
  if (name.includes('-e-')) aliases.add(name.replace(/-e-/g, '-i-'));
  if (rng.chance(0.4)) {
    const variant = name.replace(/q/g, 'k').replace(/ee/g, 'i');
    if (variant !== name) aliases.add(variant);
  }
  if (rng.chance(0.2)) aliases.add(`${words[0] ?? name} ${rng.pick(['group', 'network', 'faction'])}`);
  aliases.delete(name);
  return [...aliases];
}

function partialDate(rng: Prng, fromYear: number, span: number): string {
  const y = fromYear + rng.int(span);
  const precision = rng.int(3);
  if (precision === 0) return String(y);
  const m = String(1 + rng.int(12)).padStart(2, '0');
  if (precision === 1) return `${y}-${m}`;
  return `${y}-${m}-${String(1 + rng.int(28)).padStart(2, '0')}`;
}

function note(rng: Prng): string {
  const n = 4 + rng.int(6);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(NOTE_WORDS));
  const s = words.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

/** For each (from kind, to kind), the relation types whose usual kinds fit. */
function fittingTypes(): Map<string, RelationType[]> {
  const fits = new Map<string, RelationType[]>();
  for (const from of ENTITY_KIND_IDS) {
    for (const to of ENTITY_KIND_IDS) {
      const types = RELATION_TYPE_IDS.filter((t) => (RELATION_TYPES[t].from as readonly string[]).includes(from) && (RELATION_TYPES[t].to as readonly string[]).includes(to));
      fits.set(`${from}>${to}`, types);
    }
  }
  return fits;
}

const sourceId = (i: number) => `bench-src-${String(i + 1).padStart(2, '0')}`;

function sourcesYaml(): string {
  let out = '# Synthetic sources for benchmarks (no source texts exist for them).\n';
  for (let i = 0; i < SOURCE_COUNT; i++) {
    out += `- id: ${sourceId(i)}\n  title: Synthetic benchmark report ${i + 1}\n  authors: [Bench Author ${(i % 7) + 1}]\n  published: ${2010 + (i % 16)}-${String((i % 12) + 1).padStart(2, '0')}\n  file: bench-${i + 1}.txt\n`;
  }
  return out;
}

function evidenceYaml(rng: Prng): string {
  const n = 1 + (rng.chance(0.3) ? 1 + rng.int(2) : 0);
  let out = '  evidence:\n';
  for (let i = 0; i < n; i++) {
    const cite = `source: ${sourceId(rng.int(SOURCE_COUNT))}, paragraph: ${1 + rng.int(PARAGRAPHS_PER_SOURCE)}`;
    out += rng.chance(0.2) ? `    - { ${cite}, note: ${note(rng)} }\n` : `    - { ${cite} }\n`;
  }
  return out;
}

/** Writes the data set and returns its manifest; reuses an existing one made with the same options. */
export function generateSeed(options: GenerateOptions): GeneratedManifest {
  const manifestFile = path.join(options.outDir, 'manifest.json');
  if (existsSync(manifestFile)) {
    const old = JSON.parse(readFileSync(manifestFile, 'utf8')) as GeneratedManifest;
    if (old.generator === GENERATOR_VERSION && old.nodes === options.nodes && old.edgesPerNode === options.edgesPerNode && old.seed === options.seed) return old;
  }
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(path.join(options.outDir, 'entities'), { recursive: true });
  mkdirSync(path.join(options.outDir, 'relations'), { recursive: true });
  const rng = new Prng(options.seed);
  const entitiesPerFile = options.entitiesPerFile ?? 5000;
  const relationsPerFile = options.relationsPerFile ?? 10000;
  let files = 1;
  let bytes = 0;
  const write = (rel: string, text: string) => {
    writeFileSync(path.join(options.outDir, rel), text);
    bytes += Buffer.byteLength(text);
  };
  write('sources.yaml', sourcesYaml());

  const ids: string[] = [];
  const kinds: EntityKind[] = [];
  let chunk = '';
  for (let i = 0; i < options.nodes; i++) {
    const kind = i < HUB_COUNT ? rng.weighted(HUB_KIND_WEIGHTS as Record<EntityKind, number>) : rng.weighted(KIND_WEIGHTS);
    const name = entityName(rng, kind);
    const id = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60)}-${i.toString(36)}`;
    ids.push(id);
    kinds.push(kind);
    const aliases = aliasesOf(rng, name);
    chunk += `- id: ${id}\n  kind: ${kind}\n  name: ${name}\n`;
    if (aliases.length > 0) chunk += `  aliases: [${aliases.join(', ')}]\n`;
    if (kind === 'State') chunk += `  demonyms: [${name.replace(/stan$/, 'i')}]\n`;
    chunk += `  description: Synthetic ${kind} for benchmarks; ${note(rng).toLowerCase()}\n`;
    if (rng.chance(0.3)) chunk += `  since: ${partialDate(rng, 1990, 30)}\n`;
    if (rng.chance(0.05)) {
      chunk += `  facts:\n    - { name: fighters, value: ${100 * (1 + rng.int(50))}, date: ${partialDate(rng, 2015, 10)}, source: ${sourceId(rng.int(SOURCE_COUNT))}, paragraph: ${1 + rng.int(PARAGRAPHS_PER_SOURCE)} }\n`;
    }
    if (rng.chance(0.1)) chunk += `  mentions:\n    - { source: ${sourceId(rng.int(SOURCE_COUNT))}, paragraph: ${1 + rng.int(PARAGRAPHS_PER_SOURCE)} }\n`;
    if ((i + 1) % entitiesPerFile === 0 || i === options.nodes - 1) {
      write(`entities/part-${String(files).padStart(4, '0')}.yaml`, chunk);
      files++;
      chunk = '';
    }
  }

  // Preferential attachment: endpoints holds one entry per relation end, so a uniform pick from it
  // is a pick proportional to degree. A tenth of the picks are uniform, so newcomers get found too.
  const fits = fittingTypes();
  const asserters = ids.slice(0, Math.min(HUB_COUNT, ids.length)).filter((_, i) => kinds[i] === 'State' || kinds[i] === 'Government' || kinds[i] === 'StateBody');
  const endpoints: number[] = [];
  const m = options.edgesPerNode;
  let edges = 0;
  let relationFiles = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    relationFiles++;
    write(`relations/part-${String(relationFiles).padStart(4, '0')}.yaml`, chunk);
    files++;
    chunk = '';
  };
  const addRelation = (a: number, b: number) => {
    let from = a;
    let to = b;
    if (rng.chance(0.5)) [from, to] = [to, from];
    let types = fits.get(`${kinds[from]}>${kinds[to]}`)!;
    if (types.length === 0) {
      [from, to] = [to, from];
      types = fits.get(`${kinds[from]}>${kinds[to]}`)!;
    }
    const type = types.length > 0 ? rng.pick(types) : 'responds-to';
    const status = rng.weighted(STATUS_WEIGHTS);
    chunk += `- type: ${type}\n  from: ${ids[from]}\n  to: ${ids[to]}\n`;
    if (status !== 'reported') {
      chunk += `  status: ${status}\n`;
      if (asserters.length > 0) chunk += `  assertedBy: [${rng.pick(asserters)}]\n`;
    }
    if (rng.chance(0.4)) {
      const since = partialDate(rng, 2000, 20);
      chunk += `  since: ${since}\n`;
      if (rng.chance(0.25)) chunk += `  until: ${Number(since.slice(0, 4)) + 1 + rng.int(5)}\n`;
    }
    if (rng.chance(0.3)) chunk += `  credibility: ${1 + rng.int(6)}\n`;
    chunk += evidenceYaml(rng);
    endpoints.push(a, b);
    edges++;
    if (edges % relationsPerFile === 0) flush();
  };
  const core = Math.min(m + 1, options.nodes);
  for (let i = 0; i < core; i++) for (let j = i + 1; j < core; j++) addRelation(i, j);
  for (let i = core; i < options.nodes; i++) {
    const chosen = new Set<number>();
    const want = Math.min(m, i);
    while (chosen.size < want) chosen.add(rng.chance(0.9) ? endpoints[rng.int(endpoints.length)]! : rng.int(i));
    for (const j of chosen) addRelation(i, j);
  }
  flush();

  const manifest: GeneratedManifest = { generator: GENERATOR_VERSION, nodes: options.nodes, edges, edgesPerNode: m, seed: options.seed, files, bytes };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return manifest;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const [nodes = '1000', out = 'bench-data'] = process.argv.slice(2);
  const started = performance.now();
  const manifest = generateSeed({ nodes: Number(nodes), edgesPerNode: 5, seed: 42, outDir: path.resolve(out) });
  console.log(`${manifest.nodes} entities, ${manifest.edges} relations, ${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${out}`);
}
