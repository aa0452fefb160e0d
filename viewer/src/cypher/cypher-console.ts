import { api, ApiError } from '../api/client';
import type { CypherResponse, SchemaResponse, SerializedGraph } from '../api/types';
import { mergeSubgraph, emptyDataGraph } from '../graph/data-graph';
import { emptyDisplayGraph, syncDisplayGraph } from '../graph/display-graph';
import { emptyEmphasis } from '../appearance/reducers';
import { SettlingLayout } from '../layout/fa2-layout';
import { GraphView } from '../renderer/graph-view';
import { h, listen } from '../ui/dom';
import { highlightCypher } from './highlight';

const EXAMPLE = `// Who opposes the operation, and on whose word?
MATCH (a:Entity)-[r:OPPOSES]->(op:Operation {id: 'azm-i-istehkam'})
RETURN a.name AS actor, r.status AS status
LIMIT 25`;

/**
 * The Cypher tab: an editor with highlighting (a coloured <pre> under a transparent textarea),
 * results as a table and, when nodes come back, as a graph. Refusals, syntax errors and the
 * "connect Neo4j" answer are shown as plain messages. kill() stops the graph and listeners.
 */
export class CypherConsole {
  readonly element: HTMLElement;
  private readonly editor: HTMLTextAreaElement;
  private readonly code: HTMLElement;
  private readonly message: HTMLElement;
  private readonly table: HTMLElement;
  private readonly graphBox: HTMLElement;
  private readonly cleanups: (() => void)[] = [];
  private view: GraphView | null = null;
  private layout: SettlingLayout | null = null;

  constructor(private readonly schema: SchemaResponse) {
    this.editor = h('textarea', { attrs: { id: 'cypher-input', spellcheck: 'false', 'aria-label': 'Cypher query', rows: '8' } });
    this.editor.value = EXAMPLE;
    this.code = h('code', {});
    const run = h('button', { attrs: { type: 'button', id: 'cypher-run' }, on: { click: () => void this.run() } }, 'Run (Ctrl+Enter)');
    this.message = h('div', { class: 'cypher-message', attrs: { id: 'cypher-message', role: 'status' } });
    this.table = h('div', { class: 'cypher-table', attrs: { id: 'cypher-table' } });
    this.graphBox = h('div', { class: 'cypher-graph', attrs: { id: 'cypher-graph' } });
    this.graphBox.hidden = true;
    this.element = h(
      'section',
      { class: 'cypher-console' },
      h('div', { class: 'cypher-editor' }, h('pre', { attrs: { 'aria-hidden': 'true' } }, this.code), this.editor),
      h('div', { class: 'row' }, run, h('span', { class: 'hint' }, 'Read-only queries; writes, admin commands and file loads are refused by the server.')),
      this.message,
      h('div', { class: 'cypher-results' }, this.table, this.graphBox),
    );
    this.paint();
    this.cleanups.push(
      listen(this.editor, 'input', () => this.paint()),
      listen(this.editor, 'scroll', () => {
        const pre = this.code.parentElement!;
        pre.scrollTop = this.editor.scrollTop;
        pre.scrollLeft = this.editor.scrollLeft;
      }),
      listen(this.editor, 'keydown', (e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void this.run();
        }
      }),
    );
  }

  private paint(): void {
    this.code.replaceChildren(highlightCypher(this.editor.value));
  }

  setQuery(q: string): void {
    this.editor.value = q;
    this.paint();
  }

  async run(): Promise<void> {
    const query = this.editor.value.trim();
    if (!query) return;
    this.say('running…', 'info');
    try {
      this.show(await api.cypher(query));
    } catch (err) {
      this.clearResults();
      this.explain(err);
    }
  }

  private explain(err: unknown): void {
    if (!(err instanceof ApiError)) return this.say(`Error: ${(err as Error).message}`, 'error');
    if (err.code === 'NEO4J_REQUIRED') return this.say(`Cypher needs Neo4j. ${err.message}`, 'neo4j');
    if (err.code === 'CYPHER_REFUSED') return this.say(`Refused: ${err.message}`, 'refused');
    if (err.code === 'CYPHER_SYNTAX') {
      const d = err.details as { line?: number; column?: number } | undefined;
      const where = d?.line ? ` (line ${d.line}${d.column ? `, column ${d.column}` : ''})` : '';
      return this.say(`Syntax error${where}: ${err.message}`, 'error');
    }
    this.say(`Error ${err.status || ''} ${err.code}: ${err.message}`.replace(/\s+/g, ' '), 'error');
  }

  private say(text: string, kind: 'info' | 'error' | 'refused' | 'neo4j'): void {
    this.message.className = `cypher-message ${kind}`;
    this.message.dataset.kind = kind;
    this.message.textContent = text;
  }

  private clearResults(): void {
    this.table.replaceChildren();
    this.killGraph();
    this.graphBox.hidden = true;
  }

  private show(res: CypherResponse): void {
    this.clearResults();
    this.say(`${res.rows.length} row${res.rows.length === 1 ? '' : 's'}${res.truncated ? ' (truncated: more rows exist)' : ''}`, 'info');
    this.table.append(
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...res.columns.map((c) => h('th', {}, c)))),
        h('tbody', {}, ...res.rows.map((row) => h('tr', {}, ...row.map((v) => h('td', {}, formatValue(v)))))),
      ),
    );
    if (res.graph && res.graph.nodes.length > 0) this.drawGraph(res.graph);
  }

  private drawGraph(sub: SerializedGraph): void {
    const data = emptyDataGraph();
    mergeSubgraph(data, normaliseNodes(sub));
    const display = emptyDisplayGraph();
    syncDisplayGraph(display, data, this.schema, '');
    this.graphBox.hidden = false;
    const emphasis = emptyEmphasis();
    this.view = new GraphView(display, this.graphBox, () => emphasis, { clickNode: () => {}, clickEdge: () => {}, clickStage: () => {}, hover: () => {} });
    this.layout = new SettlingLayout(display);
    this.layout.run();
  }

  private killGraph(): void {
    this.layout?.kill();
    this.layout = null;
    this.view?.kill();
    this.view = null;
  }

  kill(): void {
    this.killGraph();
    for (const c of this.cleanups.splice(0)) c();
  }
}

/** Neo4j nodes may come back as { labels, properties }: give them the entity shape the viewer draws. */
function normaliseNodes(sub: SerializedGraph): SerializedGraph {
  return {
    ...sub,
    nodes: sub.nodes.map((n) => {
      const a = (n.attributes ?? {}) as unknown as Record<string, unknown>;
      const props = (a.properties ?? {}) as Record<string, unknown>;
      const labels = Array.isArray(a.labels) ? (a.labels as string[]) : [];
      return {
        key: n.key,
        attributes: {
          kind: String(a.kind ?? props.kind ?? labels.find((l) => l !== 'Entity') ?? 'Entity'),
          name: String(a.name ?? props.name ?? n.key),
          aliases: [],
          description: String(a.description ?? props.description ?? ''),
          facts: [],
        },
      };
    }),
    edges: sub.edges.map((e) => {
      const a = (e.attributes ?? {}) as unknown as Record<string, unknown>;
      return {
        ...e,
        attributes: {
          type: String(a.type ?? 'related').toLowerCase().replace(/_/g, '-'),
          status: (a.status as 'reported') ?? 'reported',
          assertedBy: [],
          evidence: [],
        },
      };
    }),
  };
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const o = v as Record<string, unknown>;
  if (o.properties && typeof o.properties === 'object') {
    const p = o.properties as Record<string, unknown>;
    const labels = Array.isArray(o.labels) ? `:${(o.labels as string[]).join(':')}` : '';
    return `(${labels} ${String(p.name ?? p.id ?? '')})`.replace('( ', '(');
  }
  return JSON.stringify(v);
}
