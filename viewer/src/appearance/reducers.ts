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
  /** Lines pointed at from outside the graph (a relation's mark on the timeline). */
  hoveredEdges?: ReadonlySet<string>;
}

export function emptyEmphasis(): Emphasis {
  return {
    selectedEdges: new Set(),
    pathNodes: new Set(),
    pathEdges: new Set(),
    hiddenKinds: new Set(),
    hiddenTypes: new Set(),
  };
}

/*
 * Sigma v3 passes each reducer its own shallow copy of the item's attributes (it copies before
 * calling), so the reducers change that copy and return it rather than copying again: with nothing
 * emphasised they allocate nothing, which counts when a refresh runs them over 20k nodes and 100k
 * edges. The graph's attributes are never touched.
 */
type NodeOut = DisplayNode & Partial<NodeDisplayData>;
type EdgeOut = DisplayEdge & Partial<EdgeDisplayData> & { type: string };

/**
 * Every node is a label candidate (`forceLabel`): the renderer's placement decides which labels
 * fit. `labelPriority` says who wins the room: the neighbours of what the user points at and
 * the entities on found paths before the rest.
 */
export function makeNodeReducer(graph: DisplayGraph, emphasis: () => Emphasis) {
  return (node: string, attrs: Attributes): Partial<NodeDisplayData> => {
    const out = attrs as NodeOut & { labelPriority?: number };
    const e = emphasis();
    if (e.hiddenKinds.has(out.kind)) return Object.assign(out, { hidden: true });
    out.forceLabel = true;
    out.labelPriority = out.zIndex;
    if (e.hoveredEdges?.size && !e.hoveredNode) {
      const touched = [...e.hoveredEdges].some((l) => graph.hasEdge(l) && graph.hasExtremity(l, node));
      return touched
        ? Object.assign(out, { zIndex: 2, labelPriority: 2 })
        : Object.assign(out, { color: DIMMED_NODE, label: null, zIndex: 0 });
    }
    const focusNode = e.hoveredNode ?? e.selectedNode;
    if (focusNode && graph.hasNode(focusNode)) {
      // The hovered entity shows its whole name (sigma draws it in its hover box).
      if (node === focusNode)
        return Object.assign(out, {
          label: node === e.hoveredNode ? (out.fullLabel ?? out.label) : out.label,
          zIndex: 3,
          labelPriority: 3,
        });
      if (graph.areNeighbors(node, focusNode)) return Object.assign(out, { zIndex: 2, labelPriority: 2 });
      if (e.hoveredNode) return Object.assign(out, { color: DIMMED_NODE, label: null, zIndex: 0 });
    }
    if (e.pathNodes.size > 0) {
      if (e.pathNodes.has(node)) return Object.assign(out, { zIndex: 2, labelPriority: 2 });
      return Object.assign(out, { color: DIMMED_NODE, label: null, zIndex: 0 });
    }
    return out;
  };
}

/** Edge emphasis sets hold display edge keys (one line per direction between two entities). */
export function makeEdgeReducer(graph: DisplayGraph, emphasis: () => Emphasis) {
  return (edge: string, attrs: Attributes): Partial<EdgeDisplayData> & { type: string } => {
    const out = attrs as EdgeOut;
    const e = emphasis();
    // `type` is sigma's program name; the relation types stay in `relation` and `relations`.
    out.type = out.program;
    if (e.hiddenTypes.size > 0 && (out.relations ?? [out.relation]).every((t) => e.hiddenTypes.has(t)))
      return Object.assign(out, { hidden: true });
    if (e.hoveredEdges?.size && !e.hoveredNode)
      return e.hoveredEdges.has(edge)
        ? Object.assign(out, { size: out.size + 2, zIndex: 3 })
        : Object.assign(out, { color: DIMMED_EDGE });
    if (e.selectedEdges.has(edge))
      return Object.assign(out, {
        color: out.status === 'reported' ? out.color : mix(out.color, '#000000', 0.35),
        size: out.size + 2,
        zIndex: 3,
      });
    if (e.hoveredNode && graph.hasNode(e.hoveredNode)) {
      return graph.hasExtremity(edge, e.hoveredNode)
        ? Object.assign(out, { zIndex: 2 })
        : Object.assign(out, { color: DIMMED_EDGE });
    }
    if (e.pathEdges.size > 0) {
      return e.pathEdges.has(edge)
        ? Object.assign(out, {
            color: out.status === 'reported' ? HIGHLIGHT_EDGE : out.color,
            size: out.size + 1.5,
            zIndex: 2,
          })
        : Object.assign(out, { color: DIMMED_EDGE });
    }
    return out;
  };
}
