import { byCodeUnits, firstDay, lastDay, type GraphJson } from '../model';
import { UnknownEntityError } from '../model/errors';
import {
  PARAMETER_REF,
  PREVIOUS,
  type ClaimView,
  type Question,
  type QuestionAnswer,
  type RecipeStep,
} from '../model/questions';
import { citeEvidence, explainRelation } from '../store/explain';
import type { GraphFilters, GraphStore } from '../store/port';
import { resolveParameters, type ParameterValues } from './parameters';

/**
 * Runs a question's recipe through the GraphStore port alone (so either store answers it the
 * same way): each step is a neighbourhood or a paths request, the answer is the union of their
 * subgraphs, and every relation in it is listed as a cited claim, by relation key.
 */

/** Far above the seed's size: a question's neighbourhood is never silently cut. */
const NEIGHBORHOOD_LIMIT = 5000;
const FILTERS = ['types', 'excludeTypes', 'kinds', 'status', 'asOf', 'knownBy'] as const;

type Node = GraphJson['nodes'][number];
type Edge = GraphJson['edges'][number];
type Step<Op> = Extract<RecipeStep, { op: Op }>;

/** The subgraph one step contributes; `graph` is the last one the store gave (for its attributes and options). */
interface Piece {
  /** The entities the step started from (left out when a later step widens it with @previous). */
  focus: string[];
  nodes: Node[];
  edges: Edge[];
  graph?: GraphJson;
}

/** A recipe value with `$name` replaced by the parameter's value. */
function valueOf<T>(value: T, params: ParameterValues): T {
  const ref = typeof value === 'string' ? PARAMETER_REF.exec(value) : null;
  return (ref ? params[ref[1]!] : value) as T;
}

function filtersOf(step: RecipeStep, params: ParameterValues): GraphFilters {
  return Object.fromEntries(FILTERS.flatMap((f) => (step[f] === undefined ? [] : [[f, valueOf(step[f], params)]])));
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
  step: Step<'neighborhood'>,
  params: ParameterValues,
  previous: Piece | undefined,
): Promise<Piece> {
  const focus = valueOf(step.focus, params);
  // The schema allows @previous only after a first step.
  const ids =
    focus === PREVIOUS
      ? [...new Set(previous!.nodes.map((n) => n.key))].filter((id) => !previous!.focus.includes(id))
      : [focus].flat();
  const piece: Piece = { focus: ids, nodes: [], edges: [] };
  for (const id of ids) {
    const limits = { depth: step.depth, limit: NEIGHBORHOOD_LIMIT };
    const graph = (await store.neighborhood(id, { ...filtersOf(step, params), ...limits }))?.graph;
    if (!graph) throw new UnknownEntityError(id);
    piece.nodes.push(...graph.nodes);
    piece.edges.push(...graph.edges);
    piece.graph = graph;
  }
  const { direction, changedWithin: window } = step;
  if (!direction && !window) return piece;
  const ends = new Set(ids);
  const [from, to] = [window?.from && valueOf(window.from, params), window?.to && valueOf(window.to, params)];
  piece.edges = piece.edges.filter(
    (e) =>
      (direction !== 'outgoing' || ends.has(e.source)) &&
      (direction !== 'incoming' || ends.has(e.target)) &&
      (!window || changedWithin(e, from, to)),
  );
  // Only what the kept relations join stays, with the focus entities.
  const kept = new Set([...ids, ...piece.edges.flatMap((e) => [e.source, e.target])]);
  piece.nodes = piece.nodes.filter((n) => kept.has(n.key));
  return piece;
}

/**
 * The paths' entities and relations (every claim of every hop), as the graph serialises them:
 * read from the one-hop neighbourhood of each hop's first entity under the same filters, so that
 * attributes (evidence cut by knownBy included) are exactly what a neighbourhood would show.
 */
async function pathsPiece(store: GraphStore, step: Step<'paths'>, params: ParameterValues): Promise<Piece> {
  const filters = filtersOf(step, params);
  const [from, to] = [valueOf(step.from, params), valueOf(step.to, params)];
  const { maxHops, k, directed, weighted } = step;
  const result = await store.paths(from, to, { ...filters, maxHops, k, directed, weighted });
  const nodeIds = new Set(result.paths.flatMap((p) => p.nodes));
  const edgesFrom = new Map<string, Set<string>>();
  for (const hop of result.paths.flatMap((p) => p.hops)) {
    const keys = edgesFrom.get(hop.from) ?? new Set<string>();
    edgesFrom.set(hop.from, keys);
    for (const claim of hop.claims) keys.add(claim.edge);
  }
  const piece: Piece = { focus: [from, to], nodes: [], edges: [] };
  // Entity kinds chose the path's entities already; the lookup must not drop an end for its kind.
  const { kinds: _kinds, ...lookup } = filters;
  for (const [id, keys] of edgesFrom) {
    const graph = (await store.neighborhood(id, { ...lookup, depth: 1, limit: NEIGHBORHOOD_LIMIT }))?.graph;
    if (!graph) throw new UnknownEntityError(id);
    piece.nodes.push(...graph.nodes.filter((n) => nodeIds.has(n.key)));
    piece.edges.push(...graph.edges.filter((e) => keys.has(e.key!)));
    piece.graph = graph;
  }
  return piece;
}

/** The union of the pieces, entities by id and relations by key (the canonical order). */
function union(pieces: Piece[]): GraphJson {
  const nodes = new Map<string, Node>();
  const edges = new Map<string, Edge>();
  for (const p of pieces) {
    for (const n of p.nodes) if (!nodes.has(n.key)) nodes.set(n.key, n);
    for (const e of p.edges) if (!edges.has(e.key!)) edges.set(e.key!, e);
  }
  const first = pieces.find((p) => p.graph)?.graph;
  return {
    options: first?.options ?? { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: first?.attributes ?? { sources: [] },
    nodes: [...nodes.values()].sort((a, b) => byCodeUnits(a.key, b.key)),
    edges: [...edges.values()].sort((a, b) => byCodeUnits(a.key!, b.key!)),
  };
}

/** Every relation of the graph as a claim: its ends, citations resolved, and its sentence. */
async function claimsOf(store: GraphStore, graph: GraphJson): Promise<ClaimView[]> {
  const sourceById = new Map((await store.sources()).map((s) => [s.id, s]));
  const refs = new Map(graph.nodes.map(({ key: id, attributes: a }) => [id, { id, name: a!.name, kind: a!.kind }]));
  // Asserters may be outside the graph: looked up once each.
  const names = new Map([...refs.values()].map((r) => [r.id, r.name]));
  const nameOf = async (id: string): Promise<string> => {
    if (!names.has(id)) names.set(id, (await store.getEntity(id))?.name ?? id);
    return names.get(id)!;
  };
  const claims: ClaimView[] = [];
  for (const e of graph.edges) {
    const { type, status, since, until, assertedBy, credibility, note } = e.attributes!;
    const evidence = citeEvidence(e.attributes!.evidence, sourceById);
    const [from, to] = [refs.get(e.source)!, refs.get(e.target)!];
    const assertedByNames = await Promise.all(assertedBy.map(nameOf));
    claims.push({
      key: e.key!,
      type,
      from,
      to,
      status,
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
      assertedBy,
      ...(credibility !== undefined ? { credibility } : {}),
      ...(note ? { note } : {}),
      evidence,
      sentence: explainRelation({ type, fromName: from.name, toName: to.name, status, assertedByNames, evidence }),
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
  const { id, title, description, parameters: declared } = question;
  return {
    question: { id, title, description, parameters: declared },
    parameters,
    graph,
    claims: await claimsOf(store, graph),
  };
}
