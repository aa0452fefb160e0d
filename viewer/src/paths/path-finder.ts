import type { PathClaim, PathHop, PathsResponse, SchemaResponse, SearchHit } from '../api/types';
import { typeColor, typeLabel } from '../appearance/palette';
import { citationList } from '../panels/citations';
import { SearchBox } from '../search/search-box';
import { h, swatch } from '../ui/dom';
import type { PathQuery } from '../url-state/view-state';

export interface PathFinderOptions {
  schema: SchemaResponse;
  /** Names for ids already known (to fill the from/to boxes from a link). */
  nameOf: (id: string) => string;
  onSubmit: (query: PathQuery) => void;
  onClear: () => void;
  onHover: (pathIndex: number | null) => void;
}

/**
 * The path finder: from, to, max hops, how many paths, relation types to use or avoid. Results
 * list each hop as a sentence with its citations. kill() removes its search boxes' listeners.
 */
export class PathFinder {
  readonly element: HTMLElement;
  private readonly boxes: SearchBox[] = [];
  private readonly results: HTMLElement;
  private readonly fromInput: HTMLInputElement;
  private readonly toInput: HTMLInputElement;
  private readonly maxHops: HTMLSelectElement;
  private readonly k: HTMLSelectElement;
  private readonly useTypes: HTMLSelectElement;
  private readonly avoidTypes: HTMLSelectElement;

  constructor(private readonly o: PathFinderOptions) {
    const mkInput = (id: string, label: string) =>
      h('input', { attrs: { id, type: 'search', placeholder: label, autocomplete: 'off', 'aria-label': label } });
    this.fromInput = mkInput('path-from', 'From (search)');
    this.toInput = mkInput('path-to', 'To (search)');
    const numbers = (id: string, max: number, value: number) => {
      const s = h(
        'select',
        { attrs: { id } },
        ...Array.from({ length: max }, (_, i) => h('option', { attrs: { value: String(i + 1) } }, String(i + 1))),
      );
      s.value = String(value);
      return s;
    };
    this.maxHops = numbers('path-max-hops', 6, 4);
    this.k = numbers('path-k', 10, 3);
    const typeSelect = (id: string) =>
      h(
        'select',
        { attrs: { id, multiple: '', size: '5' } },
        ...Object.keys(o.schema.relationTypes)
          .sort()
          .map((t) => h('option', { attrs: { value: t } }, typeLabel(o.schema, t))),
      );
    this.useTypes = typeSelect('path-use-types');
    this.avoidTypes = typeSelect('path-avoid-types');
    this.results = h('div', { class: 'path-results', attrs: { 'aria-live': 'polite' } });
    const form = h(
      'form',
      { class: 'path-form', on: { submit: (e) => (e.preventDefault(), this.submit()) } },
      h('div', { class: 'field search' }, h('label', { attrs: { for: 'path-from' } }, 'From'), this.fromInput),
      h('div', { class: 'field search' }, h('label', { attrs: { for: 'path-to' } }, 'To'), this.toInput),
      h('div', { class: 'row' }, h('label', {}, 'Max hops ', this.maxHops), h('label', {}, 'Paths ', this.k)),
      h(
        'div',
        { class: 'row types' },
        h('label', {}, 'Use only', this.useTypes),
        h('label', {}, 'Avoid', this.avoidTypes),
      ),
      h(
        'div',
        { class: 'row' },
        h('button', { attrs: { type: 'submit', id: 'path-go' } }, 'Find paths'),
        h('button', { attrs: { type: 'button' }, on: { click: () => o.onClear() } }, 'Clear'),
      ),
    );
    this.element = h('section', { class: 'path-finder' }, h('h2', {}, 'Who links to whom?'), form, this.results);
    this.boxes.push(
      new SearchBox(this.fromInput, o.schema, (hit: SearchHit) => (this.fromInput.dataset.id = hit.id)),
      new SearchBox(this.toInput, o.schema, (hit: SearchHit) => (this.toInput.dataset.id = hit.id)),
    );
  }

  /** Fills the form from a query (link, back/forward). */
  setQuery(q: Partial<PathQuery>): void {
    if (q.from) {
      this.fromInput.dataset.id = q.from;
      this.fromInput.value = this.o.nameOf(q.from);
    }
    if (q.to) {
      this.toInput.dataset.id = q.to;
      this.toInput.value = this.o.nameOf(q.to);
    }
    if (q.maxHops) this.maxHops.value = String(q.maxHops);
    if (q.k) this.k.value = String(q.k);
    if (q.types) for (const opt of this.useTypes.options) opt.selected = q.types.includes(opt.value);
    if (q.avoid) for (const opt of this.avoidTypes.options) opt.selected = q.avoid.includes(opt.value);
  }

  private submit(): void {
    const from = this.fromInput.dataset.id;
    const to = this.toInput.dataset.id;
    if (!from || !to) {
      this.showMessage('Pick both ends from the suggestions.');
      return;
    }
    const selected = (s: HTMLSelectElement) => [...s.selectedOptions].map((o) => o.value);
    this.o.onSubmit({
      from,
      to,
      maxHops: Number(this.maxHops.value),
      k: Number(this.k.value),
      types: selected(this.useTypes),
      avoid: selected(this.avoidTypes),
    });
  }

  showMessage(text: string): void {
    this.results.replaceChildren(h('p', { class: 'message' }, text));
  }

  /** The paths found; `actions` (the briefing buttons) go above them. */
  showResults(res: PathsResponse, actions?: HTMLElement): void {
    if (res.paths.length === 0) {
      this.showMessage(res.reason ? `No path: ${res.reason}.` : 'No path found.');
      return;
    }
    this.results.replaceChildren(
      actions ?? '',
      ...res.paths.map((p, i) =>
        h(
          'section',
          {
            class: 'path',
            attrs: { 'data-path': String(i) },
            on: { mouseenter: () => this.o.onHover(i), mouseleave: () => this.o.onHover(null) },
          },
          h('h3', {}, `Path ${i + 1} · ${p.hops.length} hop${p.hops.length === 1 ? '' : 's'}`),
          h('ol', { class: 'hops' }, ...p.hops.map((hop) => this.hopItem(hop))),
        ),
      ),
    );
  }

  /**
   * One hop: its claim as a sentence with citations; a hop over several claims (an allegation and
   * its denial, or two kinds of tie) lists each, and says first when they disagree.
   */
  private hopItem(hop: PathHop): HTMLLIElement {
    const claim = (c: Pick<PathClaim, 'type' | 'sentence' | 'evidence'>) => [
      h(
        'p',
        { class: 'sentence' },
        swatch(typeColor(this.o.schema, c.type), 'swatch line'),
        withoutCitations(c.sentence),
      ),
      citationList(c.evidence),
    ];
    if (hop.claims.length <= 1) return h('li', { class: `hop status-${hop.status}` }, ...claim(hop));
    const disagree = hop.sentence.startsWith(DISAGREE);
    return h(
      'li',
      { class: `hop several status-${hop.status}`, attrs: { 'data-claims': String(hop.claims.length) } },
      h(
        'p',
        { class: disagree ? 'hop-note disagree' : 'hop-note' },
        disagree ? `Sources disagree: ${hop.claims.length} claims` : `${hop.claims.length} claims`,
      ),
      h(
        'ul',
        { class: 'claims' },
        ...hop.claims.map((c) =>
          h('li', { class: `claim status-${c.status}`, attrs: { 'data-edge': c.edge } }, ...claim(c)),
        ),
      ),
    );
  }

  clear(): void {
    this.results.replaceChildren();
  }

  kill(): void {
    for (const b of this.boxes.splice(0)) b.kill();
    this.element.remove();
  }
}

/** How the API opens the sentence of a hop whose claims contradict each other. */
const DISAGREE = 'Sources disagree:';

/** A sentence without its trailing "(Title, ¶n; ...)": the citations are listed under it. */
export function withoutCitations(sentence: string): string {
  return sentence.replace(/\s*\([^()]*¶[^()]*\)$/, '');
}
