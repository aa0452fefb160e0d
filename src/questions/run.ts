import { byCodeUnits, firstDay, lastDay, type GraphJson, type Source } from '../model';
import { UnknownEntityError } from '../model/errors';
import type { ClaimView, Question, QuestionAnswer, RecipeStep, StepFilters } from '../model/questions';
import { citeEvidence, explainRelation } from '../store/explain';
import type { GraphFilters, GraphStore } from '../store/port';
import { resolveParameters, type ParameterValues } from './parameters';
import { PARAMETER_REF, PREVIOUS } from './schema';

/**
 * Runs a question's recipe through the GraphStore port alone (so either store answers it the
 * same way): each step is a neighbourhood or a paths request, the answer is the union of their
 * subgraphs, and every relation in it is listed as a cited claim, by relation key.
 */

/** Far above the seed's size: a question's neighbourhood is never silently cut. */
const NEIGHBORHOOD_LIMIT = 5000;

type Node = GraphJson['nodes'][number];
type Edge = GraphJson['edges'][number];

/** The subgraph one step contributes. */
interface Piece {
  /** The entities the step started from (left out when a later step widens it with @previous). */
  focus: string[];
  nodes: Node[];
  edges: Edge[];
  /** The graph's own attributes and options, as the store serialised them (empty before any call). */
  attributes?: GraphJson['attributes'];
  options?: GraphJson['options'];
}

/** A recipe value with `$name` replaced by the parameter's value. */
function valueOf<T>(value: T, params: ParameterValues): T {
  const ref = typeof value === 'string' ? PARAMETER_REF.exec(value) : null;
  return (ref ? params[ref[1]!] : value) as T;
}

function filtersOf(step: StepFilters, params: ParameterValues): GraphFilters {
  const f: GraphFilters = {};
  if (step.types) f.types = valueOf(step.types, params) as GraphFilters['types'];
  if (step.excludeTypes) f.excludeTypes = valueOf(step.excludeTypes, params) as GraphFilters['excludeTypes'];
  if (step.kinds) f.kinds = step.kinds;
  if (step.status) f.status = step.status;
  if (step.asOf) f.asOf = valueOf(step.asOf, params);
  if (step.knownBy) f.knownBy = valueOf(step.knownBy, params);
  return f;
}

/** Whether a relation began or ended inside the window (partial dates read generously). */
function changedWithin(edge: Edge, from?: string, to?: string): boolean {
  const inside = (d?: string) =>
    d !== undefined &&
    (from === undefined || lastDay(d) >= firstDay(from)) &&
    (to === undefined || firstDay(d) <= lastDay(to));
  return inside(edge.attributes?.since) || inside(edge.attributes?.until);
}

async function neighborhoodPiece(
  store: GraphStore,
  step: Extract<RecipeStep, { op: 'neighborhood' }>,
  params: ParameterValues,
  previous: Piece | undefined,
): Promise<Piece> {
  const focus = valueOf(step.focus, params);
  const ids =
    focus === PREVIOUS
      ? [...new Set((previous?.nodes ?? []).map((n) => n.key))].filter((id) => !previous?.focus.includes(id))
      : Array.isArray(focus)
        ? focus
        : [focus];
  const filters = filtersOf(step, params);
  const piece: Piece = { focus: ids, nodes: [], edges: [] };
  for (const id of ids) {
    const result = await store.neighborhood(id, { ...filters, depth: step.depth, limit: NEIGHBORHOOD_LIMIT });
    if (!result) throw new UnknownEntityError(id);
    piece.nodes.push(...result.graph.nodes);
    piece.edges.push(...result.graph.edges);
    piece.attributes = result.graph.attributes;
    piece.options = result.graph.options;
  }
  const focusSet = new Set(ids);
  if (step.direction === 'outgoing') piece.edges = piece.edges.filter((e) => focusSet.has(e.source));
  if (step.direction === 'incoming') piece.edges = piece.edges.filter((e) => focusSet.has(e.target));
  if (step.changedWithin) {
    const from = step.changedWithin.from && valueOf(step.changedWithin.from, params);
    const to = step.changedWithin.to && valueOf(step.changedWithin.to, params);
    piece.edges = piece.edges.filter((e) => changedWithin(e, from, to));
  }
  if (step.direction || step.changedWithin) {
    // Only what the kept relations join stays, with the focus entities.
    const kept = new Set([...ids, ...piece.edges.flatMap((e) => [e.source, e.target])]);
    piece.nodes = piece.nodes.filter((n) => kept.has(n.key));
  }
  return piece;
}

/**
 * The paths' entities and relations (every claim of every hop), as the graph serialises them:
 * read from the one-hop neighbourhood of each hop's first entity under the same filters, so that
 * attributes (evidence cut by knownBy included) are exactly what a neighbourhood would show.
 */
async function pathsPiece(
  store: GraphStore,
  step: Extract<RecipeStep, { op: 'paths' }>,
  params: ParameterValues,
): Promise<Piece> {
  const filters = filtersOf(step, params);
  const from = valueOf(step.from, params);
  const to = valueOf(step.to, params);
  const result = await store.paths(from, to, {
    ...filters,
    maxHops: step.maxHops,
    k: step.k,
    directed: step.directed,
    weighted: step.weighted,
  });
  const nodeIds = new Set(result.paths.flatMap((p) => p.nodes));
  const edgesFrom = new Map<string, Set<string>>();
  for (const hop of result.paths.flatMap((p) => p.hops)) {
    const keys = edgesFrom.get(hop.from) ?? new Set<string>();
    for (const claim of hop.claims) keys.add(claim.edge);
    edgesFrom.set(hop.from, keys);
  }
  const piece: Piece = { focus: [from, to], nodes: [], edges: [] };
  // Entity kinds chose the path's entities already; the lookup must not drop an end for its kind.
  const { kinds: _kinds, ...lookup } = filters;
  void _kinds;
  for (const [id, keys] of edgesFrom) {
    const around = await store.neighborhood(id, { ...lookup, depth: 1, limit: NEIGHBORHOOD_LIMIT });
    if (!around) throw new UnknownEntityError(id);
    piece.attributes = around.graph.attributes;
    piece.options = around.graph.options;
    piece.nodes.push(...around.graph.nodes.filter((n) => nodeIds.has(n.key)));
    piece.edges.push(...around.graph.edges.filter((e) => e.key !== undefined && keys.has(e.key)));
  }
  return piece;
}

/** The union of the pieces, entities by id and relations by key (the canonical order). */
function union(pieces: Piece[]): GraphJson {
  const nodes = new Map<string, Node>();
  const edges = new Map<string, Edge>();
  for (const p of pieces) {
    for (const n of p.nodes) if (!nodes.has(n.key)) nodes.set(n.key, n);
    for (const e of p.edges) if (e.key !== undefined && !edges.has(e.key)) edges.set(e.key, e);
  }
  const first = pieces.find((p) => p.attributes !== undefined);
  return {
    options: first?.options ?? { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: first?.attributes ?? { sources: [] },
    nodes: [...nodes.values()].sort((a, b) => byCodeUnits(a.key, b.key)),
    edges: [...edges.values()].sort((a, b) => byCodeUnits(a.key!, b.key!)),
  };
}

/** Every relation of the graph as a claim: its ends, citations resolved, and its sentence. */
async function claimsOf(store: GraphStore, graph: GraphJson): Promise<ClaimView[]> {
  const sourceById = new Map<string, Source>((await store.sources()).map((s) => [s.id, s]));
  const entities = new Map(
    graph.nodes.map((n) => [n.key, { id: n.key, name: n.attributes!.name, kind: n.attributes!.kind }]),
  );
  const nameOf = async (id: string): Promise<string> => {
    const known = entities.get(id);
    if (known) return known.name;
    const entity = await store.getEntity(id);
    if (entity) entities.set(id, { id, name: entity.name, kind: entity.kind });
    return entity?.name ?? id;
  };
  const claims: ClaimView[] = [];
  for (const e of graph.edges) {
    const a = e.attributes!;
    const evidence = citeEvidence(a.evidence, sourceById);
    const assertedByNames = await Promise.all(a.assertedBy.map(nameOf));
    const from = entities.get(e.source)!;
    const to = entities.get(e.target)!;
    claims.push({
      key: e.key!,
      type: a.type,
      from,
      to,
      status: a.status,
      ...(a.since ? { since: a.since } : {}),
      ...(a.until ? { until: a.until } : {}),
      assertedBy: a.assertedBy,
      ...(a.credibility !== undefined ? { credibility: a.credibility } : {}),
      ...(a.note ? { note: a.note } : {}),
      evidence,
      sentence: explainRelation({
        type: a.type,
        fromName: from.name,
        toName: to.name,
        status: a.status,
        assertedByNames,
        evidence,
      }),
    });
  }
  return claims;
}

/**
 * Answers a question. `given` holds the parameters as a request gives them (strings, or lists of
 * strings); bad ones throw the domain errors the API maps to 400 and 404 (see ./parameters).
 */
export async function runQuestion(
  store: GraphStore,
  question: Question,
  given: Record<string, unknown> = {},
): Promise<QuestionAnswer> {
  const parameters = await resolveParameters(store, question, given);
  const pieces: Piece[] = [];
  for (const step of question.recipe)
    pieces.push(
      step.op === 'neighborhood'
        ? await neighborhoodPiece(store, step, parameters, pieces.at(-1))
        : await pathsPiece(store, step, parameters),
    );
  const graph = union(pieces);
  return {
    question: {
      id: question.id,
      title: question.title,
      description: question.description,
      parameters: question.parameters,
    },
    parameters,
    graph,
    claims: await claimsOf(store, graph),
  };
}
