import { write as writeGexf } from 'graphology-gexf';
import { edgeDisplay, flatten, nodeDisplay, unsafeListFields } from '../../../src/interop/flat-attributes';
import { graphFromJson } from '../../../src/interop/graph-json';
import type { GraphJson } from '../../../src/model';

/**
 * REFERENCE, for tests only: the exporter as it was before it wrote element by element (commit
 * 33ed7d3), kept unchanged so tests can hold the streaming exporter's bytes equal to it. It builds
 * the whole document in memory; never use it for real exports.
 */

/**
 * GEXF 1.3 for Gephi: node label = name, viz:color from the kind registry, edge label = relation
 * label, viz:color from the relation-type registry, weight = number of citations; every data
 * attribute is declared and typed (see flat-attributes.ts for how lists and objects are
 * flattened). The sources list travels as JSON in a `<sources>` element of `<meta>`, which Gephi
 * ignores and our reader uses.
 */
export function referenceGexf(json: GraphJson): string {
  const graph = graphFromJson(json);
  const nodeJsonLists = unsafeListFields(json.nodes.map((n) => n.attributes ?? {}));
  const edgeJsonLists = unsafeListFields(json.edges.map((e) => e.attributes ?? {}));
  graph.replaceAttributes({
    creator: 'ct-actor-graph',
    description: 'Pakistan counterterrorism actor graph: entities, cited relations and their sources',
    sources: JSON.stringify(json.attributes?.sources ?? []),
  } as never);
  return writeGexf(graph, {
    version: '1.3',
    formatNode: (_key, a) => {
      const { label, color, ...display } = nodeDisplay(a);
      return {
        label: String(label),
        viz: { color: String(color) },
        attributes: { ...flatten(a, nodeJsonLists), ...display },
      };
    },
    formatEdge: (_key, a) => {
      const { label, color, weight, ...display } = edgeDisplay(a);
      return {
        label: String(label),
        weight: Number(weight),
        viz: { color: String(color) },
        attributes: { ...flatten(a, edgeJsonLists), ...display },
      };
    },
  });
}
