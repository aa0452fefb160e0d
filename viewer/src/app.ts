import { answerUrls, api, ApiError } from './api/client';
import type { EntityAttributes, EntityDetail, GraphPath, QuestionAnswer, SchemaResponse, Source } from './api/types';
import { emptyEmphasis, type Emphasis } from './appearance/reducers';
import { briefingActions } from './briefing/briefing-actions';
import { CypherConsole } from './cypher/cypher-console';
import { download, serialise, snapshotPng, viewGraph, type ExportFormat } from './export/export-view';
import { countFolded, countGraph, visibleCounts } from './filters/counts';
import { renderLegend } from './filters/legend';
import { edgesBetween, emptyDataGraph, mergePaths, mergeSubgraph, type DataGraph } from './graph/data-graph';
import { claimsView, emptyDisplayGraph, syncDisplayGraph, type DisplayGraph } from './graph/display-graph';
import { EXPAND_ASK_ABOVE, formatExpansion, parseExpansion } from './graph/expansions';
import { foldView, type Fold } from './graph/fold';
import { readableLayout, type Area } from './layout/readable-layout';
import { renderClaimsPanel } from './panels/claims-panel';
import { renderEntityPanel } from './panels/entity-panel';
import { apiPassages, type Passages } from './panels/passages';
import { PathFinder } from './paths/path-finder';
import { QuestionsPanel } from './questions/questions-panel';
import { GraphView } from './renderer/graph-view';
import { SearchBox } from './search/search-box';
import { statusText } from './status/status-line';
import { TimeControls } from './time/time-controls';
import { heldInRange } from './timeline/brush-filter';
import { TimelineController } from './timeline/timeline-controller';
import { $, h, listen } from './ui/dom';
import { ViewStore } from './url-state/store';
import type { Tab, ViewState } from './url-state/view-state';

/** The state keys that change which data is fetched; the rest only changes what is shown. */
const dataKey = (s: ViewState) =>
  askedQuestion(s)
    ? JSON.stringify(['question', s.question])
    : JSON.stringify([s.focus, s.depth, s.expanded, s.asOf, s.knownBy, s.path]);

/** The Questions tab with a question asked: the graph is its answer, not the focus's neighbourhood. */
const askedQuestion = (s: ViewState) => (s.tab === 'questions' ? s.question : undefined);

/**
 * The viewer: owns the data graph (what the API returned), the display graph sigma draws (derived
 * from it), and the panels; reacts to the view state, which the URL mirrors.
 */
export class App {
  private readonly store = new ViewStore();
  private data: DataGraph = emptyDataGraph();
  /** What the API returned, before a period brushed on the timeline filtered it into `data`. */
  private loaded: DataGraph = emptyDataGraph();
  /** The brushed period `data` was filtered by (JSON; 'null': none). */
  private brushedKey = 'null';
  private readonly timeline: TimelineController;
  private readonly display: DisplayGraph = emptyDisplayGraph();
  private readonly view: GraphView;
  /** What the busy-view folding drew and what it gathered into "N more" groups. */
  private fold: Fold = { kept: new Set(), groups: [], groupOf: new Map() };
  /** "N more" groups the user opened in this view. */
  private readonly openGroups = new Set<string>();
  /** The area the current layout was made for. */
  private layoutArea: Area = { width: 0, height: 0 };
  private settled = true;
  private emphasis: Emphasis = emptyEmphasis();
  private readonly sources = new Map<string, Source>();
  private readonly entityCache = new Map<string, EntityDetail>();
  private readonly cleanups: (() => void)[] = [];
  private readonly searchBox: SearchBox;
  private readonly pathFinder: PathFinder;
  private readonly questions: QuestionsPanel;
  /** The question's answer drawn (none: a neighbourhood is). */
  private answer: QuestionAnswer | null = null;
  private readonly time: TimeControls;
  private cypher: CypherConsole | null = null;
  private paths: GraphPath[] = [];
  private truncated = false;
  private loadSeq = 0;
  private loadedKey = '';
  private readonly els = {
    status: $('#status'),
    legend: $('#legend'),
    panel: $('#panel'),
    graph: $('#graph'),
    explore: $('#explore'),
    cypherTab: $('#cypher'),
    undo: $('#undo') as HTMLButtonElement,
    depth: $('#depth') as HTMLSelectElement,
  };

  /** Cited passages, or null when the server has no source texts (the control is then not shown). */
  private readonly passages: Passages | null;

  constructor(
    private readonly schema: SchemaResponse,
    options: { passages: boolean } = { passages: false },
  ) {
    this.passages = options.passages ? apiPassages(api.passage, (id) => this.namesOf(id)) : null;
    this.view = new GraphView(this.display, this.els.graph, () => this.emphasis, {
      clickNode: (node) => {
        if (this.display.getNodeAttribute(node, 'group')) return this.openGroup(node);
        this.store.update({
          selected: node,
          tab: this.store.get().tab === 'cypher' ? 'explore' : this.store.get().tab,
        });
      },
      clickEdge: (edge) => this.selectEdge(edge),
      clickStage: () => this.store.get().selected && this.store.update({ selected: undefined }),
      resized: () => this.relayOutSoon(),
      hover: (node) => {
        const { hoveredNode: _previous, ...rest } = this.emphasis;
        this.emphasis = node ? { ...rest, hoveredNode: node } : rest;
        this.view.refresh();
        this.timeline.pointedInGraph(node ? { node } : null);
      },
      hoverEdge: (line) => this.timeline.pointedInGraph(line ? { line } : null),
    });
    this.searchBox = new SearchBox($('#search') as HTMLInputElement, schema, (hit) =>
      this.store.update({
        focus: hit.id,
        expanded: [],
        selected: hit.id,
        // A neighbourhood is drawn on Explore and Paths; the other tabs show something else.
        tab: ['cypher', 'questions'].includes(this.store.get().tab) ? 'explore' : this.store.get().tab,
      }),
    );
    this.pathFinder = new PathFinder({
      schema,
      nameOf: (id) => this.nameOf(id),
      onSubmit: (path) => this.store.update({ path, tab: 'paths' }),
      onClear: () => this.store.update({ path: undefined }),
      onHover: (i) => this.emphasisePaths(i),
    });
    this.questions = new QuestionsPanel({
      schema,
      entityName: async (id) => (await this.entity(id)).name,
      passages: this.passages,
      onRun: (question) => this.store.update({ question, tab: 'questions', selected: undefined }),
      onHover: (claim) => this.emphasiseClaim(claim),
    });
    // As of and a brushed period both say "what held": setting As of clears the brush.
    this.time = new TimeControls((d) =>
      this.store.update({ asOf: d.asOf, knownBy: d.knownBy, ...(d.asOf ? { during: undefined } : {}) }),
    );
    $('#time').append(this.time.element);
    this.timeline = new TimelineController($('#timeline'), {
      schema,
      point: (target) => {
        const { hoveredNode: _n, hoveredEdges: _e, ...rest } = this.emphasis;
        this.emphasis = {
          ...rest,
          ...(target?.node ? { hoveredNode: target.node } : {}),
          ...(target?.lines ? { hoveredEdges: target.lines } : {}),
        };
        this.view.refresh();
      },
      select: (selected) =>
        this.store.update({ selected, tab: this.store.get().tab === 'cypher' ? 'explore' : this.store.get().tab }),
      // A brushed period clears As of (see the time controls above).
      brush: (during) => this.store.update({ during, asOf: undefined, timeline: true }),
      toggle: (open) => this.store.update({ timeline: open || undefined, ...(open ? {} : { during: undefined }) }),
    });
    $('#time').append(this.timeline.toggle);
    this.bindToolbar();
    this.cleanups.push(this.store.subscribe((next, prev) => void this.apply(next, prev)));
    this.exposeTestHook();
  }

  start(): Promise<void> {
    return this.apply(this.store.get(), undefined);
  }

  private bindToolbar(): void {
    this.cleanups.push(
      listen(this.els.depth, 'change', () => this.store.update({ depth: Number(this.els.depth.value) })),
      listen(this.els.undo, 'click', () => this.store.update({ expanded: this.store.get().expanded.slice(0, -1) })),
      listen($('#recentre'), 'click', () => this.view.focusOn(undefined)),
      listen(document, 'keydown', (e) => {
        const target = e.target as HTMLElement | null;
        const typing =
          target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');
        if (e.key === '/' && !typing) {
          e.preventDefault();
          ($('#search') as HTMLInputElement).focus();
        }
      }),
    );
    for (const btn of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
      this.cleanups.push(listen(btn, 'click', () => this.store.update({ tab: btn.dataset.tab as Tab })));
    }
    for (const btn of document.querySelectorAll<HTMLButtonElement>('[data-export]')) {
      this.cleanups.push(listen(btn, 'click', () => void this.export(btn.dataset.export as ExportFormat)));
    }
  }

  /** Brings the screen in line with the view state. */
  private async apply(next: ViewState, prev: ViewState | undefined): Promise<void> {
    this.els.depth.value = String(next.depth);
    this.time.set(next);
    this.showTab(next.tab);
    this.emphasis = {
      ...this.emphasis,
      hiddenKinds: new Set(next.hiddenKinds),
      hiddenTypes: new Set(next.hiddenTypes),
    };
    if (dataKey(next) !== this.loadedKey) {
      const ok = await this.load(next);
      if (!ok) return;
    } else {
      // Selecting a folded entity (from the panel) draws it.
      const sel = selectedEntity(next);
      if (sel && this.data.hasNode(sel) && !this.display.hasNode(sel)) this.draw(next);
    }
    if (JSON.stringify(next.during ?? null) !== this.brushedKey) {
      this.brushData(next);
      this.openGroups.clear();
      this.draw(next);
    }
    if (next.tab === 'paths' || next.path) this.pathFinder.setQuery(next.path ?? {});
    this.emphasisePaths(null);
    this.updateSelection(next);
    this.renderLegend();
    this.renderStatus();
    this.renderTimeline(next);
    this.view.refresh();
    if (prev && prev.focus !== next.focus) {
      this.view.focusOn(undefined);
      // The box showed the last pick; after back/forward it would name the wrong entity.
      const search = $('#search') as HTMLInputElement;
      if (search.value !== this.nameOf(next.focus)) search.value = '';
    }
    void this.renderPanel(next);
  }

  private async load(state: ViewState): Promise<boolean> {
    const seq = ++this.loadSeq;
    const key = dataKey(state);
    document.body.dataset.ready = 'false';
    this.els.status.textContent = 'loading…';
    const dates = { ...(state.asOf ? { asOf: state.asOf } : {}), ...(state.knownBy ? { knownBy: state.knownBy } : {}) };
    const data = emptyDataGraph();
    let truncated: boolean;
    let paths: GraphPath[] = [];
    const question = askedQuestion(state);
    let answer: QuestionAnswer | null = null;
    try {
      if (question) {
        answer = await api.question(question.id, question.params);
        truncated = false;
        this.absorbSources(answer.graph.attributes?.sources);
        mergeSubgraph(data, answer.graph);
      } else {
        const main = await api.neighborhood(state.focus, { depth: state.depth, limit: 500, ...dates });
        truncated = main.truncated;
        this.absorbSources(main.graph.attributes?.sources);
        mergeSubgraph(data, main.graph);
        const expansions = await Promise.all(
          state.expanded
            .map(parseExpansion)
            .map((e) => api.neighborhood(e.id, { depth: 1, limit: 500, types: e.types, ...dates }).catch(() => null)),
        );
        for (const x of expansions) if (x) mergeSubgraph(data, x.graph);
        if (state.path) {
          const pathOptions = { ...state.path, excludeTypes: state.path.avoid, ...dates };
          const res = await api.paths(pathOptions);
          paths = res.paths;
          await this.addPathEntities(data, paths);
          if (seq === this.loadSeq)
            this.pathFinder.showResults(
              res,
              briefingActions({
                url: answerUrls.paths(pathOptions),
                name: `${state.path.from}-to-${state.path.to}`,
                passages: this.passages !== null,
              }),
            );
        } else {
          this.pathFinder.clear();
        }
      }
    } catch (err) {
      if (seq !== this.loadSeq) return false;
      this.showError(err, state);
      this.loadedKey = '';
      return false;
    }
    if (seq !== this.loadSeq) return false; // a newer view was asked for meanwhile
    this.loaded = data;
    this.brushData(state);
    this.paths = paths;
    this.truncated = truncated;
    this.answer = answer;
    if (question && answer) void this.questions.showAnswer(question, answer);
    this.loadedKey = key;
    this.openGroups.clear();
    this.draw(state);
    document.body.dataset.focus = state.focus;
    this.els.undo.disabled = state.expanded.length === 0;
    document.body.dataset.ready = 'true';
    return true;
  }

  /** Folds the data to a readable number of entities, lays it out in the graph area, frames it. */
  private draw(state: ViewState): void {
    const sel = selectedEntity(state);
    const focus = this.drawnFocus(state);
    const centres = askedQuestion(state) ? [focus] : [focus, ...state.expanded.map((x) => parseExpansion(x).id)];
    const pinned = new Set([...centres, ...(sel ? [sel] : []), ...this.paths.flatMap((p) => p.nodes)]);
    this.fold = foldView(this.data, { pinned, centres, open: this.openGroups });
    syncDisplayGraph(this.display, this.data, this.schema, focus, this.fold);
    this.layOut();
  }

  /**
   * The entity drawn at the middle: the focus, or for a question's answer the first entity it was
   * asked about, else (a question about fixed entities) its most tied entity.
   */
  private drawnFocus(state: ViewState): string {
    const question = askedQuestion(state);
    if (!question) return state.focus;
    // The values used, defaults included; only entity ids name a node.
    const used = Object.values(this.answer?.parameters ?? question.params).flat();
    const asked = used.find((id) => this.data.hasNode(id));
    if (asked) return asked;
    let busiest = '';
    this.data.forEachNode((id) => {
      if (!busiest || this.data.degree(id) > this.data.degree(busiest)) busiest = id;
    });
    return busiest;
  }

  private layOut(): void {
    this.settled = false;
    const { width, height } = this.view.area();
    // A hidden container (the Cypher tab) measures nothing: lay out for a usual area, and again
    // for the real one when it shows (showTab).
    this.layoutArea = width > 50 && height > 50 ? { width, height } : { width: 1000, height: 700 };
    readableLayout(this.display, this.layoutArea);
    this.view.fitToArea(this.layoutArea);
    this.view.focusOn(undefined);
    this.settled = true;
  }

  private relayoutFrame = 0;

  /**
   * The picture is made to the area's measure: when the area changes (a resized window, the
   * explore tab shown again), it is made again, once per frame at most.
   */
  private relayOutSoon(): void {
    if (this.relayoutFrame) return;
    this.relayoutFrame = requestAnimationFrame(() => {
      this.relayoutFrame = 0;
      const { width, height } = this.view.area();
      const changed = Math.abs(width - this.layoutArea.width) > 1 || Math.abs(height - this.layoutArea.height) > 1;
      if (changed && width > 50 && height > 50 && this.display.order > 0) this.layOut();
    });
  }

  /** Opens an "N more" group: its entities are drawn (on top of the readable number). */
  private openGroup(key: string): void {
    this.openGroups.add(key);
    this.draw(this.store.get());
    this.updateSelection(this.store.get());
    this.renderLegend();
    this.renderStatus();
    this.renderTimeline(this.store.get());
    this.view.refresh();
  }

  /** The loaded data less what did not hold in the brushed period (all of it without one). */
  private brushData(state: ViewState): void {
    const centres = [
      state.focus,
      ...state.expanded.map((x) => parseExpansion(x).id),
      ...(state.path ? [state.path.from, state.path.to] : []),
    ];
    this.data = state.during ? heldInRange(this.loaded, state.during, centres) : this.loaded;
    this.brushedKey = JSON.stringify(state.during ?? null);
  }

  private renderTimeline(state: ViewState): void {
    this.timeline.update(state, {
      loaded: this.loaded,
      shown: this.data,
      display: this.display,
      hiddenKinds: this.emphasis.hiddenKinds,
      hiddenTypes: this.emphasis.hiddenTypes,
    });
  }

  private async addPathEntities(data: DataGraph, paths: GraphPath[]): Promise<void> {
    const missing = [...new Set(paths.flatMap((p) => p.nodes))].filter((id) => !data.hasNode(id));
    const details = await Promise.all(missing.map((id) => this.entity(id)));
    const attrs = new Map<string, EntityAttributes>(details.map((d) => [d.id, d]));
    mergePaths(data, paths, attrs);
  }

  private absorbSources(list: Source[] | undefined): void {
    for (const s of list ?? []) this.sources.set(s.id, s);
  }

  private async entity(id: string): Promise<EntityDetail> {
    const cached = this.entityCache.get(id);
    if (cached) return cached;
    const e = await api.entity(id);
    this.entityCache.set(id, e);
    return e;
  }

  private nameOf(id: string): string {
    if (this.data.hasNode(id)) return this.data.getNodeAttribute(id, 'name');
    return this.entityCache.get(id)?.name ?? id;
  }

  /** Every spelling of an entity the viewer has seen, for highlighting it in a passage. */
  private namesOf(id: string): string[] {
    const a = this.data.hasNode(id) ? this.data.getNodeAttributes(id) : this.entityCache.get(id);
    return a ? [a.name, ...a.aliases, ...(a.demonyms ?? [])] : [this.nameOf(id)];
  }

  private showError(err: unknown, state: ViewState): void {
    const msg = err instanceof ApiError ? err.message : (err as Error).message;
    this.els.status.textContent = `error: ${msg}`;
    document.body.dataset.ready = 'error';
    const question = askedQuestion(state);
    // The form is where the user can mend it, even when a link opened the view on the error.
    if (question) void this.renderPanel(state).then(() => this.questions.showError(question, err));
    else if (err instanceof ApiError && err.status === 404 && state.path) this.pathFinder.showMessage(msg);
  }

  private showTab(tab: Tab): void {
    for (const btn of document.querySelectorAll<HTMLButtonElement>('[data-tab]'))
      btn.setAttribute('aria-selected', String(btn.dataset.tab === tab));
    const wasHidden = this.els.explore.hidden;
    this.els.explore.hidden = tab === 'cypher';
    // Sigma measured a hidden container as empty; measure again once it is back.
    if (wasHidden && tab !== 'cypher') requestAnimationFrame(() => this.view.resize());
    this.els.cypherTab.hidden = tab !== 'cypher';
    if (tab === 'cypher' && !this.cypher) {
      this.cypher = new CypherConsole(this.schema);
      this.els.cypherTab.append(this.cypher.element);
    }
    document.body.dataset.tab = tab;
  }

  private updateSelection(state: ViewState): void {
    const sel = state.selected ?? state.focus;
    const pair = sel.includes('|') ? sel.split('|') : null;
    this.emphasis = {
      ...this.emphasis,
      selectedEdges: new Set(pair ? this.linesBetween(pair[0]!, pair[1]!) : []),
    };
    if (!pair && this.display.hasNode(sel)) this.emphasis.selectedNode = sel;
    else delete this.emphasis.selectedNode;
  }

  /** The drawn lines between two entities, both directions. */
  private linesBetween(a: string, b: string): string[] {
    if (!this.display.hasNode(a) || !this.display.hasNode(b)) return [];
    return [...this.display.edges(a, b), ...this.display.edges(b, a)];
  }

  private emphasisePaths(index: number | null): void {
    const chosen = index === null ? this.paths : this.paths.slice(index, index + 1);
    this.emphasis = {
      ...this.emphasis,
      pathNodes: new Set(chosen.flatMap((p) => p.nodes)),
      // Every claim of every hop: a hop over an allegation and its denial lights up both.
      pathEdges: linesOfClaims(
        this.display,
        new Set(chosen.flatMap((p) => p.hops.flatMap((hop) => hop.claims.map((c) => c.edge)))),
      ),
    };
    this.view.refresh();
  }

  /** A claim of a question's answer pointed at in its list: its line and ends light up. */
  private emphasiseClaim(claim: string | null): void {
    const ends = claim && this.data.hasEdge(claim) ? this.data.extremities(claim) : [];
    this.emphasis = {
      ...this.emphasis,
      pathNodes: new Set(ends),
      pathEdges: linesOfClaims(this.display, new Set(claim ? [claim] : [])),
    };
    this.view.refresh();
  }

  private selectEdge(edge: string): void {
    if (!this.display.hasEdge(edge)) return;
    const [s, t] = this.display.extremities(edge);
    if (this.display.getNodeAttribute(t, 'group')) return this.openGroup(t);
    this.store.update({ selected: `${s}|${t}`, tab: 'explore' });
  }

  private renderLegend(): void {
    renderLegend(
      this.els.legend,
      this.schema,
      countGraph(this.data),
      countFolded(this.data, (n) => this.fold.groupOf.has(n)),
      this.emphasis.hiddenKinds,
      this.emphasis.hiddenTypes,
      (c) => this.store.update({ hiddenKinds: c.hiddenKinds, hiddenTypes: c.hiddenTypes }, 'replace'),
    );
  }

  private renderStatus(): void {
    const s = this.store.get();
    this.els.status.textContent = statusText({
      counts: visibleCounts(this.data, this.emphasis.hiddenKinds, this.emphasis.hiddenTypes),
      focusName: this.nameOf(s.focus),
      depth: s.depth,
      expanded: s.expanded.length,
      ...(s.asOf ? { asOf: s.asOf } : {}),
      ...(s.knownBy ? { knownBy: s.knownBy } : {}),
      truncated: this.truncated,
      ...(s.path ? { paths: this.paths.length } : {}),
      folded: { entities: this.fold.groupOf.size, groups: this.fold.groups.length },
      ...(this.answer && askedQuestion(s) ? { question: this.answer.question.title } : {}),
    });
  }

  private panelSeq = 0;

  private async renderPanel(state: ViewState): Promise<void> {
    const seq = ++this.panelSeq;
    const panel = this.els.panel;
    if (state.tab === 'paths') {
      if (this.pathFinder.element.parentElement !== panel) panel.replaceChildren(this.pathFinder.element);
      return;
    }
    if (state.tab === 'questions') {
      if (this.questions.element.parentElement !== panel) panel.replaceChildren(this.questions.element);
      await this.questions.setQuery(state.question);
      return;
    }
    // The focus is selected until the user picks something else.
    const sel = state.selected ?? state.focus;
    if (!sel) {
      panel.replaceChildren(
        h(
          'div',
          { class: 'hint' },
          h('h2', {}, 'Evidence'),
          h(
            'p',
            {},
            'Click an entity to read what the sources say about it, or a line to compare the claims between two entities.',
          ),
        ),
      );
      return;
    }
    try {
      const [a, b] = sel.split('|') as [string, string | undefined];
      const detail = await this.entity(a);
      if (seq !== this.panelSeq) return;
      if (b) {
        panel.replaceChildren(
          renderClaimsPanel(
            detail,
            b,
            this.schema,
            (id) => this.nameOf(id),
            (id) => this.store.update({ selected: id }),
            this.passages,
          ),
        );
      } else {
        const entityPanel = renderEntityPanel(
          detail,
          this.schema,
          this.sources,
          {
            expand: (id) => void this.expand(id),
            focus: (id) => this.store.update({ focus: id, expanded: [], selected: id }),
            select: (id) => this.store.update({ selected: id }),
            pathFrom: (id) => this.startPath({ from: id }),
            pathTo: (id) => this.startPath({ to: id }),
          },
          state.focus,
          this.passages,
        );
        entityPanel
          .querySelector('.actions')
          ?.after(
            briefingActions({ url: answerUrls.entity(detail.id), name: detail.id, passages: this.passages !== null }),
          );
        panel.replaceChildren(entityPanel);
      }
      panel.scrollTop = 0;
    } catch (err) {
      if (seq === this.panelSeq)
        panel.replaceChildren(h('p', { class: 'error' }, `Cannot show ${sel}: ${(err as Error).message}`));
    }
  }

  private startPath(end: { from?: string; to?: string }): void {
    this.store.update({ tab: 'paths' });
    this.pathFinder.setQuery(end);
  }

  /** Adds a node's neighbours; on a busy node, first shows per-type counts to choose from. */
  private async expand(id: string): Promise<void> {
    const s = this.store.get();
    const res = await api.neighborhood(id, {
      depth: 1,
      limit: 500,
      ...(s.asOf ? { asOf: s.asOf } : {}),
      ...(s.knownBy ? { knownBy: s.knownBy } : {}),
    });
    const fresh = res.graph.nodes.filter((n) => !this.data.hasNode(n.key)).length;
    const push = (types: string[]) => this.store.update({ expanded: [...s.expanded, formatExpansion({ id, types })] });
    if (fresh <= EXPAND_ASK_ABOVE) return push([]);
    const boxes = Object.entries(res.counts.byType)
      .sort((x, y) => y[1] - x[1])
      .map(([type, n]) => {
        const box = h('input', { attrs: { type: 'checkbox', value: type } });
        return {
          box,
          row: h(
            'li',
            {},
            h(
              'label',
              {},
              box,
              ` ${this.schema.relationTypes[type]?.label ?? type} `,
              h('span', { class: 'count' }, String(n)),
            ),
          ),
        };
      });
    const chooser = h(
      'div',
      { class: 'expand-chooser', attrs: { role: 'dialog', 'aria-label': 'Choose relation types to expand' } },
      h('p', {}, `${this.nameOf(id)} has ${fresh} neighbours not on screen. Which ties should be added?`),
      h('ul', {}, ...boxes.map((b) => b.row)),
      h(
        'button',
        {
          attrs: { type: 'button', 'data-action': 'expand-chosen' },
          on: { click: () => push(boxes.filter((b) => b.box.checked).map((b) => b.box.value)) },
        },
        'Add chosen',
      ),
      h('button', { attrs: { type: 'button' }, on: { click: () => push([]) } }, `Add all ${fresh}`),
      h('button', { attrs: { type: 'button' }, on: { click: () => chooser.remove() } }, 'Cancel'),
    );
    this.els.panel.querySelector('.actions')?.after(chooser);
  }

  private async export(format: ExportFormat): Promise<void> {
    const s = this.store.get();
    const name = `ct-graph-${s.focus}`;
    if (format === 'png') return download(await snapshotPng(this.view.sigma), `${name}.png`);
    const shown = {
      node: (n: string) => !this.emphasis.hiddenKinds.has(this.data.getNodeAttribute(n, 'kind')),
      edge: (e: string) => !this.emphasis.hiddenTypes.has(this.data.getEdgeAttribute(e, 'type')),
    };
    const g = viewGraph(this.data, claimsView(this.data, this.display), shown, format !== 'json');
    download(serialise(format, g), `${name}.${format}`);
  }

  /**
   * Read-only hook for the end-to-end tests (and the curious, from the console): where nodes are
   * on screen and whether the layout has settled. Nothing in the app reads it.
   */
  private exposeTestHook(): void {
    // The getters below must read the view current when they are called, not when the hook was made.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const app = this;
    (window as unknown as { __kg: unknown }).__kg = Object.freeze({
      get sigma() {
        return app.view.sigma;
      },
      get settled() {
        return app.settled;
      },
      state: () => structuredClone(app.store.get()),
      nodePosition: (id: string) => app.view.viewportPosition(id),
      edgeMidpoint: (edge: string) => {
        if (!app.display.hasEdge(edge)) return null;
        const [s, t] = app.display.extremities(edge);
        const a = app.view.viewportPosition(s);
        const b = app.view.viewportPosition(t);
        return a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : null;
      },
      /** The drawn lines between two entities (each stands for all claims one way). */
      edgesBetween: (a: string, b: string) => app.linesBetween(a, b),
      claimsBetween: (a: string, b: string) => edgesBetween(app.data, a, b),
      nodes: () => app.display.nodes(),
      nodeCircles: () => app.view.nodeCircles(),
      /** The area the drawn layout was made for (it follows the graph area's size). */
      layoutArea: () => ({ ...app.layoutArea }),
      labelBoxes: () => app.view.renderedLabels.map((l) => ({ ...l })),
      folded: () => ({
        drawn: app.fold.kept.size,
        groups: app.fold.groups.map((g) => ({ key: g.key, members: g.members.length })),
      }),
    });
  }

  kill(): void {
    cancelAnimationFrame(this.relayoutFrame);
    for (const c of this.cleanups.splice(0)) c();
    this.store.kill();
    this.view.kill();
    this.searchBox.kill();
    this.pathFinder.kill();
    this.questions.kill();
    this.time.kill();
    this.timeline.kill();
    this.cypher?.kill();
  }
}

/** The entity the view has selected (the focus unless the user picked another or a pair). */
function selectedEntity(state: ViewState): string | undefined {
  const sel = state.selected ?? state.focus;
  return sel.includes('|') ? undefined : sel;
}

/** The drawn lines standing for any of the given claims. */
function linesOfClaims(display: DisplayGraph, claims: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  if (claims.size === 0) return out;
  display.forEachEdge((e, a) => {
    if (a.claims?.some((c) => claims.has(c))) out.add(e);
  });
  return out;
}
