import { api, ApiError } from '../api/client';
import type {
  CypherResponse,
  EntityAttributes,
  RelationAttributes,
  SchemaResponse,
  SerializedGraph,
} from '../api/types';
import { mergeSubgraph, emptyDataGraph } from '../graph/data-graph';
import { emptyDisplayGraph, syncDisplayGraph } from '../graph/display-graph';
import { emptyEmphasis } from '../appearance/reducers';
import { keepAll } from '../graph/fold';
import { readableLayout } from '../layout/readable-layout';
import { GraphView } from '../renderer/graph-view';
import { h, listen } from '../ui/dom';
import { highlightCypher } from './highlight';

const EXAMPLE = `// Who opposes the operation, and on whose word?
MATCH (a:Entity)-[r:OPPOSES]->(op:Operation {id: 'azm-i-istehkam'})
RETURN a.name AS actor, r.status AS status
LIMIT 25`;

/**
 * The Cypher tab: an editor with highlighting (a coloured <pre> under a transparent textarea),
 * results as a table and, when nodes come back, as a graph. Refusals, syntax errors, timeouts and
 * the "connect Neo4j" answer are shown as plain messages. A new run cancels the one still
 * running, so a slow answer never replaces a newer one; the section is aria-busy meanwhile.
 * kill() stops the graph, the running request and the listeners.
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
  private running: AbortController | null = null;

  constructor(private readonly schema: SchemaResponse) {
    this.editor = h('textarea', {
      attrs: { id: 'cypher-input', spellcheck: 'false', 'aria-label': 'Cypher query', rows: '8' },
    });
    this.editor.value = EXAMPLE;
    this.code = h('code', {});
    const run = h(
      'button',
      { attrs: { type: 'button', id: 'cypher-run' }, on: { click: () => void this.run() } },
      'Run (Ctrl+Enter)',
    );
    this.message = h('div', { class: 'cypher-message', attrs: { id: 'cypher-message', role: 'status' } });
    this.table = h('div', { class: 'cypher-table', attrs: { id: 'cypher-table' } });
    this.graphBox = h('div', { class: 'cypher-graph', attrs: { id: 'cypher-graph' } });
    this.graphBox.hidden = true;
    this.element = h(
      'section',
      { class: 'cypher-console' },
      h('div', { class: 'cypher-editor' }, h('pre', { attrs: { 'aria-hidden': 'true' } }, this.code), this.editor),
      h(
        'div',
        { class: 'row' },
        run,
        h(
          'span',
          { class: 'hint' },
          'Read-only queries; writes, admin commands and file loads are refused by the server.',
        ),
      ),
      this.message,
      h('div', { class: 'cypher-results' }, this.table, this.graphBox),
    );
    this.element.setAttribute('aria-busy', 'false');
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
    this.running?.abort();
    const run = new AbortController();
    this.running = run;
    this.element.setAttribute('aria-busy', 'true');
    this.say('running…', 'info');
    try {
      const res = await api.cypher(query, {}, run.signal);
      if (this.running === run) this.show(res);
    } catch (err) {
      if (this.running !== run) return;
      this.clearResults();
      this.explain(err);
    } finally {
      if (this.running === run) {
        this.running = null;
        this.element.setAttribute('aria-busy', 'false');
      }
    }
  }

  private explain(err: unknown): void {
    if (!(err instanceof ApiError)) return this.say(`Error: ${(err as Error).message}`, 'error');
    if (err.code === 'NEO4J_REQUIRED') return this.say(`Cypher needs Neo4j. ${err.message}`, 'neo4j');
    if (err.code === 'CYPHER_REFUSED') return this.say(`Refused: ${err.message}`, 'refused');
    if (err.code === 'CYPHER_TIMEOUT') return this.say(`Timed out: ${err.message}`, 'timeout');
    if (err.code === 'CYPHER_SYNTAX') {
      const d = err.details as { line?: number; column?: number } | undefined;
      const where = d?.line ? ` (line ${d.line}${d.column ? `, column ${d.column}` : ''})` : '';
      return this.say(`Syntax error${where}: ${err.message}`, 'error');
    }
    this.say(`Error ${err.status || ''} ${err.code}: ${err.message}`.replace(/\s+/g, ' '), 'error');
  }

  private say(text: string, kind: 'info' | 'error' | 'refused' | 'timeout' | 'neo4j'): void {
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
    const graph = res.graph && res.graph.nodes.length > 0 ? res.graph : null;
    this.say(resultSummary(res.rows.length, res.truncated, graph), 'info');
    this.table.append(
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...res.columns.map((c) => h('th', {}, c)))),
        h('tbody', {}, ...res.rows.map((row) => h('tr', {}, ...row.map((v) => h('td', {}, formatValue(v)))))),
      ),
    );
    if (graph) this.drawGraph(graph);
  }

  private drawGraph(sub: SerializedGraph): void {
    const data = emptyDataGraph();
    mergeSubgraph(data, normaliseNodes(sub));
    const display = emptyDisplayGraph();
    // A query's answer is drawn whole: the user asked for exactly these rows.
    syncDisplayGraph(display, data, this.schema, '', keepAll(data));
    this.graphBox.hidden = false;
    this.graphBox.dataset.settled = 'false';
    const emphasis = emptyEmphasis();
    this.view = new GraphView(display, this.graphBox, () => emphasis, {
      clickNode: () => {},
      clickEdge: () => {},
      clickStage: () => {},
      hover: () => {},
    });
    const area = this.view.area();
    readableLayout(display, area);
    this.view.fitToArea(area);
    this.graphBox.dataset.settled = 'true';
  }

  private killGraph(): void {
    this.view?.kill();
    this.view = null;
  }

  kill(): void {
    this.running?.abort();
    this.running = null;
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
          // An arbitrary query may return labels outside the registry: they are drawn grey.
          kind: String(
            a.kind ?? props.kind ?? labels.find((l) => l !== 'Entity') ?? 'Entity',
          ) as EntityAttributes['kind'],
          name: String(a.name ?? props.name ?? n.key),
          aliases: [],
          demonyms: [],
          description: String(a.description ?? props.description ?? ''),
          facts: [],
          mentions: [],
        },
      };
    }),
    edges: sub.edges.map((e) => {
      const a = (e.attributes ?? {}) as unknown as Record<string, unknown>;
      return {
        ...e,
        attributes: {
          type: String(a.type ?? 'related')
            .toLowerCase()
            .replace(/_/g, '-') as RelationAttributes['type'],
          status: (a.status as 'reported') ?? 'reported',
          assertedBy: [],
          evidence: [],
        },
      };
    }),
  };
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** "34 rows · graph: 23 nodes, 34 relationships"; a capped result says where it was cut. */
export function resultSummary(rows: number, truncated: boolean, graph: SerializedGraph | null): string {
  const parts = [plural(rows, 'row')];
  if (graph) parts.push(`graph: ${plural(graph.nodes.length, 'node')}, ${plural(graph.edges.length, 'relationship')}`);
  const summary = parts.join(' · ');
  return truncated
    ? `${summary}. Truncated at ${plural(rows, 'row')}: the query returns more; add LIMIT or narrow it to see the rest.`
    : summary;
}

/** A Neo4j value as the server sends it (see src/store/neo4j/values.ts), read as Cypher reads. */
interface PlainNode {
  elementId: string;
  labels: string[];
  properties: Record<string, unknown>;
}
interface PlainRelationship {
  elementId: string;
  type: string;
  start: string;
  end: string;
  properties: Record<string, unknown>;
}
interface PlainPath {
  start: PlainNode;
  end: PlainNode;
  segments: { start: PlainNode; relationship: PlainRelationship; end: PlainNode }[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isNode = (v: unknown): v is PlainNode => isObject(v) && Array.isArray(v.labels) && isObject(v.properties);
const isRelationship = (v: unknown): v is PlainRelationship =>
  isObject(v) &&
  typeof v.type === 'string' &&
  typeof v.start === 'string' &&
  typeof v.end === 'string' &&
  isObject(v.properties);
const isPath = (v: unknown): v is PlainPath =>
  isObject(v) && isNode(v.start) && isNode(v.end) && Array.isArray(v.segments);

function nodeText(n: PlainNode, withLabels: boolean): string {
  const p = n.properties;
  const name = String(p.name ?? p.title ?? p.id ?? '');
  const labels = withLabels && n.labels.length > 0 ? `:${n.labels.join(':')}` : '';
  return `(${[labels, name].filter(Boolean).join(' ')})`;
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isNode(v)) return nodeText(v, true);
  if (isRelationship(v)) return `[:${v.type}]`;
  if (isPath(v)) {
    // Each step in the direction the path walks, its arrow the way the relationship points.
    let text = nodeText(v.start, false);
    for (const s of v.segments) {
      const forward = s.relationship.start === s.start.elementId;
      text += `${forward ? '-' : '<-'}[:${s.relationship.type}]${forward ? '->' : '-'}${nodeText(s.end, false)}`;
    }
    return text;
  }
  if (Array.isArray(v))
    return `[${v.map((x) => (typeof x === 'string' ? JSON.stringify(x) : formatValue(x))).join(', ')}]`;
  return JSON.stringify(v);
}
