import type { MultiDirectedGraph } from 'graphology';

/**
 * GraphML writer (graphology-graphml only parses). Attributes must already be scalars; keys are
 * declared per attribute with the GraphML type of their values. Everything goes through escapeXml.
 */
export function writeGraphml(graph: MultiDirectedGraph): string {
  type Kind = 'string' | 'double' | 'boolean';
  const keys = new Map<string, { domain: 'node' | 'edge'; name: string; kind: Kind }>();
  const kindOf = (v: unknown): Kind =>
    typeof v === 'number' ? 'double' : typeof v === 'boolean' ? 'boolean' : 'string';
  const declare = (domain: 'node' | 'edge', attrs: Record<string, unknown>) => {
    for (const [name, v] of Object.entries(attrs)) {
      const id = `${domain[0]}_${name}`;
      const prev = keys.get(id);
      const kind = kindOf(v);
      if (!prev) keys.set(id, { domain, name, kind });
      else if (prev.kind !== kind) prev.kind = 'string';
    }
  };
  graph.forEachNode((_n, a) => declare('node', a));
  graph.forEachEdge((_e, a) => declare('edge', a));

  const data = (domain: 'node' | 'edge', attrs: Record<string, unknown>) =>
    Object.entries(attrs)
      .map(([name, v]) => `      <data key="${escapeXml(`${domain[0]}_${name}`)}">${escapeXml(String(v))}</data>`)
      .join('\n');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...[...keys].map(
      ([id, k]) =>
        `  <key id="${escapeXml(id)}" for="${k.domain}" attr.name="${escapeXml(k.name)}" attr.type="${k.kind}"/>`,
    ),
    '  <graph edgedefault="directed">',
  ];
  graph.forEachNode((n, a) => lines.push(`    <node id="${escapeXml(n)}">`, data('node', a), '    </node>'));
  graph.forEachEdge((e, a, s, t) =>
    lines.push(
      `    <edge id="${escapeXml(e)}" source="${escapeXml(s)}" target="${escapeXml(t)}">`,
      data('edge', a),
      '    </edge>',
    ),
  );
  lines.push('  </graph>', '</graphml>');
  return lines.filter((l) => l.length > 0).join('\n') + '\n';
}

export function escapeXml(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped rather than escaped.

  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
