import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import { fetchJson, type NeighborhoodResponse, type SchemaResponse, type SearchResponse } from './api';

/**
 * Viewer shell: search an entity and draw its neighbourhood. The full viewer (panels, legend,
 * paths, time, Cypher) grows from here; it talks to the HTTP API only.
 */
const searchInput = document.querySelector<HTMLInputElement>('#search')!;
const resultsList = document.querySelector<HTMLUListElement>('#results')!;
const statusLine = document.querySelector<HTMLElement>('#status')!;
const container = document.querySelector<HTMLElement>('#graph')!;

let schema: SchemaResponse | null = null;
let renderer: Sigma | null = null;

async function showNeighborhood(id: string): Promise<void> {
  statusLine.textContent = `loading ${id}…`;
  const data = await fetchJson<NeighborhoodResponse>(`/api/entities/${encodeURIComponent(id)}/neighborhood?depth=1`);
  const graph = Graph.from(data.graph as Parameters<typeof Graph.from>[0], { multi: true, type: 'directed' });
  const count = graph.order;
  let i = 0;
  graph.forEachNode((node, attrs) => {
    const angle = (2 * Math.PI * i++) / Math.max(1, count);
    graph.mergeNodeAttributes(node, {
      x: node === id ? 0 : Math.cos(angle),
      y: node === id ? 0 : Math.sin(angle),
      label: String(attrs.name ?? node),
      size: 4 + Math.sqrt(graph.degree(node)) * 3,
      color: schema?.kinds[String(attrs.kind)]?.color ?? '#999',
    });
  });
  graph.forEachEdge((edge, attrs) => {
    graph.mergeEdgeAttributes(edge, {
      color: schema?.relationTypes[String(attrs.type)]?.color ?? '#bbb',
      label: String(attrs.type),
      size: 1.5,
    });
  });
  if (count > 1) forceAtlas2.assign(graph, { iterations: 100, settings: forceAtlas2.inferSettings(graph) });

  renderer?.kill();
  renderer = new Sigma(graph, container, {
    defaultEdgeType: 'arrow',
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: 0,
    // Our edges carry the relation type in `type`, which sigma would read as its edge program:
    // the reducer maps data to display without touching the data.
    edgeReducer: (_edge, data) => ({ ...data, type: 'arrow' }),
  });
  const focus = graph.getNodeAttribute(id, 'label');
  statusLine.textContent = `${graph.order} nodes · ${graph.size} edges — neighbourhood of ${focus}`;
  document.body.dataset.focus = id;
  history.replaceState(null, '', `?focus=${encodeURIComponent(id)}`);
}

let active = -1;
let lastResults: SearchResponse['results'] = [];

function renderResults(): void {
  resultsList.replaceChildren(
    ...lastResults.map((r, index) => {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(index === active));
      const badge = document.createElement('span');
      badge.className = 'kind';
      badge.textContent = r.kind;
      badge.style.background = schema?.kinds[r.kind]?.color ?? '#999';
      const name = document.createElement('span');
      name.textContent = r.name; // names are data: always text, never markup
      li.append(badge, name);
      if (r.matched !== r.name) {
        const matched = document.createElement('span');
        matched.className = 'matched';
        matched.textContent = `(${r.matched})`;
        li.append(matched);
      }
      li.addEventListener('click', () => choose(index));
      return li;
    }),
  );
  resultsList.hidden = lastResults.length === 0;
}

function choose(index: number): void {
  const hit = lastResults[index];
  if (!hit) return;
  resultsList.hidden = true;
  searchInput.value = hit.name;
  void showNeighborhood(hit.id).catch(showError);
}

let searchSeq = 0;
searchInput.addEventListener('input', async () => {
  const q = searchInput.value.trim();
  const seq = ++searchSeq;
  if (!q) {
    lastResults = [];
    renderResults();
    return;
  }
  const data = await fetchJson<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}&limit=10`);
  if (seq !== searchSeq) return; // a newer keystroke already answered
  lastResults = data.results;
  active = lastResults.length > 0 ? 0 : -1;
  renderResults();
});

searchInput.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    if (lastResults.length === 0) return;
    active = (active + (e.key === 'ArrowDown' ? 1 : -1) + lastResults.length) % lastResults.length;
    renderResults();
  } else if (e.key === 'Enter') {
    choose(Math.max(0, active));
  } else if (e.key === 'Escape') {
    resultsList.hidden = true;
  }
});

document.addEventListener('keydown', (e) => {
  if (e.key === '/' && document.activeElement !== searchInput) {
    e.preventDefault();
    searchInput.focus();
  }
});

function showError(err: unknown): void {
  statusLine.textContent = `error: ${(err as Error).message}`;
}

async function start(): Promise<void> {
  schema = await fetchJson<SchemaResponse>('/api/schema');
  const focus = new URLSearchParams(location.search).get('focus') ?? 'ttp';
  await showNeighborhood(focus);
}

start().catch(showError);
