import {
  ENTITY_KIND_IDS,
  partialDateProblem,
  RELATION_TYPE_IDS,
  type Citation,
  type Entity,
  type Fact,
  type Relation,
} from '../model';

/**
 * Hand-written checks for entities and relations that give what `EntitySchema.safeParse` and
 * `RelationSchema.safeParse` give on valid input (the same values, defaults and key order), at a
 * fraction of the cost: zod walks a generic schema tree per field, a million relations at a time.
 *
 * The zod schemas stay the definition. These functions only ever answer "valid, and here is the
 * value" or "not sure" (undefined); on "not sure" the caller runs the schema, which decides and
 * words every message. So a gap here costs speed, never a wrong answer or a different message.
 * tests/seed/fast-validate.test.ts holds the two to the same output on valid items and on
 * thousands of broken ones.
 *
 * Strings the graph keeps are copies of the file's text, not views into it (see `own`).
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MAX = 80;
// The same character classes as src/model/schemas.ts (names one line; texts may break lines).
const MULTILINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

// Enumerations map to one shared copy of each name (see `own` below).
const canonical = (names: readonly string[]) => new Map(names.map((n) => [n, n]));
const KINDS = canonical(ENTITY_KIND_IDS);
const TYPES = canonical(RELATION_TYPE_IDS);
const STATUSES = canonical(['reported', 'alleged', 'denied', 'disputed']);

const ENTITY_KEYS = new Set(['id', 'kind', 'name', 'aliases', 'demonyms', 'description', 'since', 'until', 'facts', 'mentions']);
const RELATION_KEYS = new Set(['id', 'type', 'from', 'to', 'since', 'until', 'status', 'assertedBy', 'credibility', 'note', 'evidence']);
const CITATION_KEYS = new Set(['source', 'paragraph', 'context', 'note']);
const FACT_KEYS = new Set(['name', 'value', 'unit', 'date', 'source', 'paragraph', 'note']);

/** Thrown inside a check to answer "not sure"; caught once per item. */
const UNSURE = Symbol('unsure');
const unsure = (): never => {
  throw UNSURE;
};

/**
 * A string of our own for one read from a file. V8 makes a substring of 13 or more characters a
 * view into its parent, so one kept note would keep its whole file's text alive: 240 MB of YAML
 * at a million relations. Strings kept in the graph are copied (a join allocates a flat string).
 */
function own(s: string): string {
  return s.length < 13 ? s : [s.slice(0, 1), s.slice(1)].join('');
}

/** Citation sources repeat across a million citations: one copy of each (bounded, in case of a flood of ids). */
const sourceIds = new Map<string, string>();
function sourceId(value: unknown): string {
  // Only checked slugs are ever stored, so a known one needs no second check.
  const known = typeof value === 'string' ? sourceIds.get(value) : undefined;
  if (known !== undefined) return known;
  const copy = own(slug(value));
  if (sourceIds.size < 10_000) sourceIds.set(copy, copy);
  return copy;
}

function hasOnly(raw: Record<string, unknown>, allowed: ReadonlySet<string>): void {
  // for-in rather than Object.keys: no array per object (record() has checked the prototype is Object.prototype).
  for (const key in raw) if (!allowed.has(key) || raw[key] === undefined) unsure();
}

function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) unsure();
  return value as Record<string, unknown>;
}

function slug(value: unknown): string {
  // A reserved name ("constructor") goes to zod, which says why it is refused.
  if (typeof value !== 'string' || value.length > SLUG_MAX || !SLUG.test(value) || value in Object.prototype) unsure();
  return value as string;
}
const ownSlug = (value: unknown) => own(slug(value));

/** zod's `.trim().min(1).max(max)` plus the control-character refinement. */
function plain(value: unknown, max: number, forbidden: RegExp): string {
  if (typeof value !== 'string') unsure();
  const s = (value as string).trim();
  if (s.length < 1 || s.length > max || forbidden.test(s)) unsure();
  return own(s);
}
const line = (value: unknown, max: number) => plain(value, max, LINE_FORBIDDEN);
const text = (value: unknown, max: number) => plain(value, max, MULTILINE_FORBIDDEN);

function positiveInt(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) unsure();
  return value as number;
}

function partialDate(value: unknown): string {
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isSafeInteger(value))) unsure();
  const s = String(value);
  if (partialDateProblem(s) !== null) unsure();
  return s;
}

function list<T>(value: unknown, item: (v: unknown) => T): T[] {
  if (!Array.isArray(value)) unsure();
  const input = value as unknown[];
  const out = new Array<T>(input.length);
  for (let i = 0; i < input.length; i++) out[i] = item(input[i]);
  return out;
}

const line200 = (v: unknown) => line(v, 200);
const line100 = (v: unknown) => line(v, 100);

function citation(value: unknown): Citation {
  const raw = record(value);
  hasOnly(raw, CITATION_KEYS);
  const c = { source: sourceId(raw.source), paragraph: positiveInt(raw.paragraph) } as Citation;
  if ('context' in raw) {
    const context = list(raw.context, positiveInt);
    if (context.length < 1 || context.length > 3) unsure();
    c.context = context;
  }
  if ('note' in raw) c.note = text(raw.note, 1000);
  return c;
}

function fact(value: unknown): Fact {
  const raw = record(value);
  hasOnly(raw, FACT_KEYS);
  const v = raw.value;
  const f = { name: line(raw.name, 120) } as Fact;
  f.value = typeof v === 'number' ? (Number.isFinite(v) ? v : unsure()) : line(v, 200);
  if ('unit' in raw) f.unit = line(raw.unit, 60);
  if ('date' in raw) f.date = partialDate(raw.date);
  f.source = sourceId(raw.source);
  f.paragraph = positiveInt(raw.paragraph);
  if ('note' in raw) f.note = text(raw.note, 1000);
  return f;
}

function checked<T>(check: () => T): T | undefined {
  try {
    return check();
  } catch (e) {
    if (e === UNSURE) return undefined;
    throw e;
  }
}

/** The value `EntitySchema.safeParse(raw)` gives when it succeeds, or undefined when not sure. */
export function validEntity(input: unknown): Entity | undefined {
  return checked(() => {
    const raw = record(input);
    hasOnly(raw, ENTITY_KEYS);
    const kind = typeof raw.kind === 'string' ? KINDS.get(raw.kind) : undefined;
    if (kind === undefined) unsure();
    const e = { id: ownSlug(raw.id), kind, name: line(raw.name, 200) } as Entity;
    e.aliases = 'aliases' in raw ? list(raw.aliases, line200) : [];
    e.demonyms = 'demonyms' in raw ? list(raw.demonyms, line100) : [];
    e.description = text(raw.description, 2000);
    if ('since' in raw) e.since = partialDate(raw.since);
    if ('until' in raw) e.until = partialDate(raw.until);
    e.facts = 'facts' in raw ? list(raw.facts, fact) : [];
    e.mentions = 'mentions' in raw ? list(raw.mentions, citation) : [];
    return e;
  });
}

/** The value `RelationSchema.safeParse(raw)` gives when it succeeds, or undefined when not sure. */
export function validRelation(input: unknown): Relation | undefined {
  return checked(() => {
    const raw = record(input);
    hasOnly(raw, RELATION_KEYS);
    const r = {} as Relation;
    if ('id' in raw) r.id = ownSlug(raw.id);
    const type = typeof raw.type === 'string' ? TYPES.get(raw.type) : undefined;
    if (type === undefined) unsure();
    r.type = type as Relation['type'];
    r.from = slug(raw.from);
    r.to = slug(raw.to);
    if ('since' in raw) r.since = partialDate(raw.since);
    if ('until' in raw) r.until = partialDate(raw.until);
    const status = 'status' in raw ? (typeof raw.status === 'string' ? STATUSES.get(raw.status) : undefined) : 'reported';
    if (status === undefined) unsure();
    r.status = status as Relation['status'];
    r.assertedBy = 'assertedBy' in raw ? list(raw.assertedBy, ownSlug) : [];
    if ('credibility' in raw) {
      const c = raw.credibility;
      if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < 1 || c > 6) unsure();
      r.credibility = c as number;
    }
    if ('note' in raw) r.note = text(raw.note, 1000);
    r.evidence = list(raw.evidence, citation);
    if (r.evidence.length < 1) unsure();
    return r;
  });
}
