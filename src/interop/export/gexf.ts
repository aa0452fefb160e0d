import { write } from 'graphology-gexf';
import { MultiDirectedGraph } from 'graphology';
import type { EntityAttributes, GraphJson, RelationAttributes } from '../../model';
import { edgeDisplay, flatten, nodeDisplay, unsafeListFields, type FlatAttributes } from '../flat-attributes';
import { xmlText } from '../xml';

/**
 * GEXF 1.3 for Gephi, written by graphology-gexf: node label = name, viz:color from the kind
 * registry, edge label = relation label, viz:color from the relation-type registry, weight = number
 * of citations; every data attribute is declared and typed (see flat-attributes.ts for how lists
 * and objects are flattened). The sources list travels as JSON in a `<sources>` element of
 * `<meta>`, which Gephi ignores. Characters XML cannot carry are dropped first: graphology-gexf
 * writes them as they are, and Gephi refuses such a file.
 */
export function exportGexf(json: GraphJson): string {
  const graph = new MultiDirectedGraph<EntityAttributes, RelationAttributes>();
  graph.import({ nodes: json.nodes, edges: json.edges });
  const nodeJsonLists = unsafeListFields(json.nodes.map((n) => n.attributes ?? {}));
  const edgeJsonLists = unsafeListFields(json.edges.map((e) => e.attributes ?? {}));
  graph.replaceAttributes({
    creator: 'ct-actor-graph',
    description: 'Pakistan counterterrorism actor graph: entities, cited relations and their sources',
    sources: xmlText(JSON.stringify(json.attributes?.sources ?? [])),
  });
  return write(graph, {
    version: '1.3',
    formatNode: (_key, a) => {
      const { label, color, ...display } = nodeDisplay(a);
      return {
        label: xmlText(String(label)),
        viz: { color: String(color) },
        attributes: xmlSafe({ ...flatten(a, nodeJsonLists), ...display }),
      };
    },
    formatEdge: (_key, a) => {
      const { label, color, weight, ...display } = edgeDisplay(a);
      return {
        label: xmlText(String(label)),
        weight: Number(weight),
        viz: { color: String(color) },
        attributes: xmlSafe({ ...flatten(a, edgeJsonLists), ...display }),
      };
    },
  });
}

function xmlSafe(attributes: FlatAttributes): FlatAttributes {
  const clean = (v: string | number) => (typeof v === 'string' ? xmlText(v) : v);
  return Object.fromEntries(
    Object.entries(attributes).map(([k, v]) => [k, Array.isArray(v) ? v.map(clean) : clean(v)]),
  ) as FlatAttributes;
}
