import { describe, expect, it } from 'vitest';
import { emptyEmphasis, makeEdgeReducer, makeNodeReducer, type Emphasis } from '../../viewer/src/appearance/reducers';
import { DIMMED_EDGE, DIMMED_NODE, HIGHLIGHT_EDGE, mix } from '../../viewer/src/appearance/palette';
import {
  emptyDisplayGraph,
  type DisplayEdge,
  type DisplayGraph,
  type DisplayNode,
} from '../../viewer/src/graph/display-graph';

/**
 * The reducers change the copy sigma hands them instead of copying again (a first render of 20k
 * nodes runs them 120k times). These tests hold them to the straightforward definition, which
 * copies, in every emphasis state the viewer uses, and check the graph itself is never changed.
 */
function straightNode(graph: DisplayGraph, e: Emphasis, node: string, data: DisplayNode): Record<string, unknown> {
  const out = { ...data };
  if (e.hiddenKinds.has(data.kind)) return { ...out, hidden: true };
  // Every node is a label candidate; the renderer's placement decides, by labelPriority.
  const shown = { ...out, forceLabel: true, labelPriority: data.zIndex };
  const focusNode = e.hoveredNode ?? e.selectedNode;
  if (focusNode && graph.hasNode(focusNode)) {
    if (node === focusNode)
      return {
        ...shown,
        label: node === e.hoveredNode ? (data.fullLabel ?? data.label) : data.label,
        zIndex: 3,
        labelPriority: 3,
      };
    if (graph.areNeighbors(node, focusNode)) return { ...shown, zIndex: 2, labelPriority: 2 };
    if (e.hoveredNode) return { ...shown, color: DIMMED_NODE, label: null, zIndex: 0 };
  }
  if (e.pathNodes.size > 0) {
    if (e.pathNodes.has(node)) return { ...shown, zIndex: 2, labelPriority: 2 };
    return { ...shown, color: DIMMED_NODE, label: null, zIndex: 0 };
  }
  return shown;
}

function straightEdge(graph: DisplayGraph, e: Emphasis, edge: string, data: DisplayEdge): Record<string, unknown> {
  const out = { color: data.color, size: data.size, type: data.program, hidden: false, zIndex: 0 };
  if (e.hiddenTypes.size > 0 && (data.relations ?? [data.relation]).every((t) => e.hiddenTypes.has(t)))
    return { ...out, hidden: true };
  if (e.selectedEdges.has(edge))
    return {
      ...out,
      color: data.status === 'reported' ? out.color : mix(out.color, '#000000', 0.35),
      size: data.size + 2,
      zIndex: 3,
    };
  if (e.hoveredNode && graph.hasNode(e.hoveredNode))
    return graph.hasExtremity(edge, e.hoveredNode) ? { ...out, zIndex: 2 } : { ...out, color: DIMMED_EDGE };
  if (e.pathEdges.size > 0)
    return e.pathEdges.has(edge)
      ? { ...out, color: data.status === 'reported' ? HIGHLIGHT_EDGE : out.color, size: data.size + 1.5, zIndex: 2 }
      : { ...out, color: DIMMED_EDGE };
  return out;
}

/** What sigma reads from a reducer's answer, with its defaults for what is left out. */
const NODE_KEYS = [
  'x',
  'y',
  'size',
  'color',
  'label',
  'zIndex',
  'hidden',
  'highlighted',
  'forceLabel',
  'labelPriority',
] as const;
const EDGE_KEYS = ['color', 'size', 'type', 'hidden', 'zIndex'] as const;
const DEFAULTS: Record<string, unknown> = { hidden: false, highlighted: false, forceLabel: false, zIndex: 0 };
const seen = (o: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k] ?? DEFAULTS[k] ?? null]));

function world(): DisplayGraph {
  const g = emptyDisplayGraph();
  const kinds = ['Organization', 'Person', 'State'];
  for (let i = 0; i < 8; i++)
    g.addNode(`n${i}`, {
      x: i,
      y: -i,
      size: 4 + i,
      color: `#00000${i}`,
      label: `Node ${i}`,
      ...(i === 1 ? { fullLabel: 'Node 1, whose whole name is long' } : {}),
      kind: kinds[i % 3]!,
      zIndex: i % 2,
    });
  const edges: [number, number, string, DisplayEdge['status'], DisplayEdge['program']][] = [
    [0, 1, 'supports', 'reported', 'arrow'],
    [1, 0, 'supports', 'alleged', 'arrow'],
    [1, 2, 'allied-with', 'reported', 'line'],
    [2, 3, 'targets', 'disputed', 'arrow'],
    [3, 4, 'targets', 'reported', 'arrow'],
    [4, 5, 'allied-with', 'denied', 'line'],
    [0, 6, 'part-of', 'reported', 'arrow'],
  ];
  edges.forEach(([s, t, relation, status, program], i) =>
    g.addDirectedEdgeWithKey(`e${i}`, `n${s}`, `n${t}`, {
      relation,
      status,
      color: '#3366cc',
      size: status === 'reported' ? 5 : 3,
      program,
      ...(i === 0 ? { relations: ['supports', 'targets'] } : {}),
    }),
  );
  return g;
}

const STATES: [string, Partial<Emphasis>][] = [
  ['nothing emphasised', {}],
  ['a hidden kind and type', { hiddenKinds: new Set(['Person']), hiddenTypes: new Set(['targets']) }],
  ['every type of a mixed line hidden', { hiddenTypes: new Set(['supports', 'targets']) }],
  ['a hovered node', { hoveredNode: 'n1' }],
  ['a selected node', { selectedNode: 'n3' }],
  ['a hovered node over a selected one', { hoveredNode: 'n4', selectedNode: 'n0' }],
  ['a selected pair of claims', { selectedEdges: new Set(['e0', 'e1']) }],
  ['a found path', { pathNodes: new Set(['n0', 'n1', 'n2']), pathEdges: new Set(['e0', 'e2']) }],
  ['a focus that left the graph', { hoveredNode: 'gone', selectedNode: 'gone' }],
];

describe('viewer reducers', () => {
  it.each(STATES)(
    'draw what the straightforward definition draws with %s, and leave the graph as it was',
    (_name, partial) => {
      const graph = world();
      const before = graph.export();
      const e: Emphasis = { ...emptyEmphasis(), ...partial };
      const nodeReducer = makeNodeReducer(graph, () => e);
      const edgeReducer = makeEdgeReducer(graph, () => e);
      graph.forEachNode((node, attrs) => {
        // Sigma calls a reducer with its own shallow copy of the attributes.
        const got = nodeReducer(node, { ...attrs }) as Record<string, unknown>;
        expect(seen(got, NODE_KEYS), node).toEqual(seen(straightNode(graph, e, node, attrs), NODE_KEYS));
      });
      graph.forEachEdge((edge, attrs) => {
        const got = edgeReducer(edge, { ...attrs }) as Record<string, unknown>;
        expect(seen(got, EDGE_KEYS), edge).toEqual(seen(straightEdge(graph, e, edge, attrs), EDGE_KEYS));
      });
      expect(graph.export()).toEqual(before);
    },
  );
});
