import { byCodeUnits, firstDay, lastDay, type ClaimView, type GraphJson } from '../model';
import { UnknownEntityError } from '../model/errors';
import { PARAMETER_REF, PREVIOUS, type Question, type RecipeStep } from '../model/questions';
import { citeEvidence, explainRelation } from '../store/explain';
import type { GraphFilters, GraphStore, NeighborhoodOptions } from '../store/port';
import { resolveParameters, type ParameterValues } from './parameters';

/** Far above the seed's size: a question's neighbourhood is never silently cut. */
const NEIGHBORHOOD_LIMIT = 5000;
const FILTERS = ['types', 'excludeTypes', 'kinds', 'status', 'asOf', 'knownBy'] as const;

type Step<Op> = Extract<RecipeStep, { op: Op }>;
/** A step's subgraph, its focus (which @previous leaves out) and the store's last graph (options, attributes). */
type Piece = Pick<GraphJson, 'nodes' | 'edges'> & { focus: string[]; graph?: GraphJson };

/** The step with every `$name` (a changedWithin window's ends too) replaced by the parameter's value. */
function withValues(step: RecipeStep, params: ParameterValues): RecipeStep {
  return JSON.parse(JSON.stringify(step), (_key, value: unknown) => {
    const ref = typeof value === 'string' ? PARAMETER_REF.exec(value) : null;
    return ref ? params[ref[1]!] : value;
  }) as RecipeStep;
}

const filtersOf = (step: RecipeStep): GraphFilters =>
  Object.fromEntries(FILTERS.flatMap((f) => (step[f] === undefined ? [] : [[f, step[f]]])));

async function neighborhood(store: GraphStore, id: string, options: Omit<NeighborhoodOptions, 'limit'>) {
  const graph = (await store.neighborhood(id, { ...options, limit: NEIGHBORHOOD_LIMIT }))?.graph;
  if (!graph) throw new UnknownEntityError(id);
  return graph;
}

async function neighborhoodPiece(store: GraphStore, step: Step<'neighborhood'>, before?: Piece) {
  // The schema allows @previous only after a first step.
  const ids =
    step.focus === PREVIOUS
      ? [...new Set(before!.nodes.map((n) => n.key))].filter((id) => !before!.focus.includes(id))
      : [step.focus].flat();
  const graphs = [];
  for (const id of ids) graphs.push(await neighborhood(store, id, { ...filtersOf(step), depth: step.depth }));
  const nodes = graphs.flatMap((g) => g.nodes);
  const piece: Piece = { focus: ids, nodes, edges: graphs.flatMap((g) => g.edges), graph: graphs.at(-1) };
  const { direction, changedWithin: window } = step;
  if (!direction && !window) return piece;
  const { from, to } = window ?? {};
  // Whether a relation began or ended inside the window (partial dates read generously).
  const inside = (d?: string) =>
    d !== undefined && (!from || lastDay(d) >= firstDay(from)) && (!to || firstDay(d) <= lastDay(to));
  const ends = new Set(ids); // a Set: up to 5,000 focus ids against every relation of their neighbourhoods
  const edges = piece.edges.filter(
    (e) =>
      (direction !== 'outgoing' || ends.has(e.source)) &&
      (direction !== 'incoming' || ends.has(e.target)) &&
      (!window || inside(e.attributes?.since) || inside(e.attributes?.until)),
  );
  // Only what the kept relations join stays, with the focus entities.
  const kept = new Set([...ids, ...edges.flatMap((e) => [e.source, e.target])]);
  return { ...piece, nodes: piece.nodes.filter((n) => kept.has(n.key)), edges };
}

/** The paths' entities and relations, read from each hop's neighbourhood so attributes (knownBy's cut too) match it. */
async function pathsPiece(store: GraphStore, step: Step<'paths'>): Promise<Piece> {
  // Entity kinds chose the path's entities already; the lookup must not drop an end for its kind.
  const { kinds: _kinds, ...lookup } = filtersOf(step);
  const { from, to, maxHops, k, directed, weighted } = step;
  const { paths } = await store.paths(from, to, { ...filtersOf(step), maxHops, k, directed, weighted });
  const nodeIds = new Set(paths.flatMap((p) => p.nodes));
  const edgesFrom = new Map<string, Set<string>>();
  for (const hop of paths.flatMap((p) => p.hops))
    edgesFrom.set(hop.from, new Set([...(edgesFrom.get(hop.from) ?? []), ...hop.claims.map((c) => c.edge)]));
  const piece: Piece = { focus: [from, to], nodes: [], edges: [] };
  for (const [id, keys] of edgesFrom) {
    const graph = await neighborhood(store, id, { ...lookup, depth: 1 });
    piece.nodes.push(...graph.nodes.filter((n) => nodeIds.has(n.key)));
    piece.edges.push(...graph.edges.filter((e) => keys.has(e.key!)));
    piece.graph = graph;
  }
  return piece;
}

/** Every relation of the graph as a claim: its ends, citations resolved, and its sentence. */
async function claimsOf(store: GraphStore, graph: GraphJson): Promise<ClaimView[]> {
  const sourceById = new Map((await store.sources()).map((s) => [s.id, s]));
  const refs = new Map(graph.nodes.map(({ key: id, attributes: a }) => [id, { id, name: a!.name, kind: a!.kind }]));
  // Asserters may be outside the graph: looked up once each.
  const names = new Map([...refs.values()].map((r) => [r.id, r.name]));
  const nameOf = async (id: string) => names.get(id) ?? names.set(id, (await store.getEntity(id))?.name ?? id).get(id)!;
  const claims: ClaimView[] = [];
  for (const e of graph.edges) {
    // Unset fields are undefined, which JSON leaves out.
    const { type, status, since, until, assertedBy, credibility, note } = e.attributes!;
    const evidence = citeEvidence(e.attributes!.evidence, sourceById);
    const [from, to] = [refs.get(e.source)!, refs.get(e.target)!];
    const assertedByNames = await Promise.all(assertedBy.map(nameOf));
    const sentence = explainRelation({ type, fromName: from.name, toName: to.name, status, assertedByNames, evidence });
    const key = e.key!;
    claims.push({ key, type, from, to, status, since, until, assertedBy, credibility, note, evidence, sentence });
  }
  return claims;
}

/** Answers through the port alone, so both stores answer alike: the steps' subgraphs, each relation a cited claim. */
export async function runQuestion(store: GraphStore, question: Question, given: Record<string, unknown> = {}) {
  const parameters = await resolveParameters(store, question, given);
  const pieces: Piece[] = [];
  for (const step of question.recipe.map((s) => withValues(s, parameters)))
    pieces.push(
      step.op === 'neighborhood' ? await neighborhoodPiece(store, step, pieces.at(-1)) : await pathsPiece(store, step),
    );
  const first = pieces.find((p) => p.graph)?.graph;
  // The union, entities by id and relations by key (the canonical order).
  const graph: GraphJson = {
    options: first?.options ?? { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: first?.attributes ?? { sources: [] },
    nodes: firstOfEach(pieces.flatMap((p) => p.nodes)),
    edges: firstOfEach(pieces.flatMap((p) => p.edges)),
  };
  const { id, title, description, parameters: declared } = question;
  const claims = await claimsOf(store, graph);
  return { question: { id, title, description, parameters: declared }, parameters, graph, claims };
}

/** The first entity or relation of each key, in the keys' code-unit order. */
function firstOfEach<T extends { key?: string }>(items: T[]): T[] {
  const byKey = new Map(items.toReversed().map((item) => [item.key!, item]));
  return [...byKey.values()].sort((a, b) => byCodeUnits(a.key!, b.key!));
}
