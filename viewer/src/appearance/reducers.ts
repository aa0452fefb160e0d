import type { Attributes } from 'graphology-types';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { DisplayEdge, DisplayGraph, DisplayNode } from '../graph/display-graph';
import { DIMMED_EDGE, DIMMED_NODE, HIGHLIGHT_EDGE, mix } from './palette';

/**
 * What the user is pointing at or asked to see. Reducers turn it into looks at draw time; the
 * graph's attributes never change for hover, highlight or filtering.
 */
export interface Emphasis {
  hoveredNode?: string;
  selectedNode?: string;
  /** Edges of the selected pair (a claim and its counter-claims). */
  selectedEdges: ReadonlySet<string>;
  /** Nodes and edges on found paths; when non-empty everything else is dimmed. */
  pathNodes: ReadonlySet<string>;
  pathEdges: ReadonlySet<string>;
  hiddenKinds: ReadonlySet<string>;
  hiddenTypes: ReadonlySet<string>;
}

export function emptyEmphasis(): Emphasis {
  return { selectedEdges: new Set(), pathNodes: new Set(), pathEdges: new Set(), hiddenKinds: new Set(), hiddenTypes: new Set() };
}

export function makeNodeReducer(graph: DisplayGraph, emphasis: () => Emphasis) {
  return (node: string, attrs: Attributes): Partial<NodeDisplayData> => {
    const data = attrs as DisplayNode;
    const e = emphasis();
    const out: Partial<NodeDisplayData> = { ...data };
    if (e.hiddenKinds.has(data.kind)) return { ...out, hidden: true };
    const focusNode = e.hoveredNode ?? e.selectedNode;
    if (focusNode && graph.hasNode(focusNode)) {
      if (node === focusNode) return { ...out, highlighted: true, forceLabel: true, zIndex: 3 };
      if (graph.areNeighbors(node, focusNode)) return { ...out, forceLabel: true, zIndex: 2 };
      if (e.hoveredNode) return { ...out, color: DIMMED_NODE, label: null, zIndex: 0 };
    }
    if (e.pathNodes.size > 0) {
      if (e.pathNodes.has(node)) return { ...out, forceLabel: true, zIndex: 2 };
      return { ...out, color: DIMMED_NODE, label: null, zIndex: 0 };
    }
    return out;
  };
}

export function makeEdgeReducer(graph: DisplayGraph, emphasis: () => Emphasis) {
  return (edge: string, attrs: Attributes): Partial<EdgeDisplayData> & { type: string } => {
    const data = attrs as DisplayEdge;
    const e = emphasis();
    // `type` is sigma's program name; the relation type stays in `relation`.
    const out = { color: data.color, size: data.size, type: data.program, hidden: false, zIndex: 0 };
    if (e.hiddenTypes.has(data.relation)) return { ...out, hidden: true };
    if (e.selectedEdges.has(edge)) return { ...out, color: data.status === 'reported' ? out.color : mix(out.color, '#000000', 0.35), size: data.size + 2, zIndex: 3 };
    if (e.hoveredNode && graph.hasNode(e.hoveredNode)) {
      return graph.hasExtremity(edge, e.hoveredNode) ? { ...out, zIndex: 2 } : { ...out, color: DIMMED_EDGE };
    }
    if (e.pathEdges.size > 0) {
      return e.pathEdges.has(edge) ? { ...out, color: data.status === 'reported' ? HIGHLIGHT_EDGE : out.color, size: data.size + 1.5, zIndex: 2 } : { ...out, color: DIMMED_EDGE };
    }
    return out;
  };
}
