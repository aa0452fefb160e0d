import { api } from '../api/client';
import type { SchemaResponse, SearchHit } from '../api/types';
import { kindColor, kindLabel } from '../appearance/palette';
import { badge, h, listen } from '../ui/dom';

/** Entity kinds a box offers (any when absent or empty): a question's parameter may take only some. */
export interface SearchBoxOptions {
  kinds?: readonly string[];
}

/** How many hits a box lists. */
const SHOWN = 10;

/**
 * Autocomplete over names and aliases: kind badges, arrows to move, Enter to pick, Esc to close.
 * Used by the main search, the path finder's ends and the questions' entity parameters. kill()
 * removes its listeners.
 */
export class SearchBox {
  private hits: SearchHit[] = [];
  private active = -1;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly cleanups: (() => void)[] = [];
  private readonly list: HTMLUListElement;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly schema: SchemaResponse,
    private readonly onChoose: (hit: SearchHit) => void,
    private readonly options: SearchBoxOptions = {},
  ) {
    this.list = h('ul', { class: 'results', attrs: { role: 'listbox', id: `${input.id}-results` } });
    this.list.hidden = true;
    input.after(this.list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', this.list.id);
    input.setAttribute('aria-expanded', 'false');
    this.cleanups.push(
      listen(input, 'input', () => this.schedule()),
      listen(input, 'keydown', (e) => this.onKey(e)),
      listen(input, 'blur', () =>
        setTimeout(() => {
          if (document.activeElement !== this.input) this.close();
        }, 150),
      ),
    );
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.lookup(), 80);
  }

  private async lookup(): Promise<void> {
    const q = this.input.value.trim();
    const seq = ++this.seq;
    if (!q) return this.show([]);
    try {
      const results = await this.search(q);
      if (seq === this.seq) this.show(results); // a newer keystroke wins
    } catch {
      if (seq === this.seq) this.show([]);
    }
  }

  /** The API filters by one kind; for several, the best hits of any kind are kept when of one of them. */
  private async search(q: string): Promise<SearchHit[]> {
    const kinds = this.options.kinds ?? [];
    if (kinds.length === 0) return (await api.search(q, SHOWN)).results;
    if (kinds.length === 1) return (await api.search(q, SHOWN, kinds[0])).results;
    const { results } = await api.search(q, 100);
    return results.filter((hit) => kinds.includes(hit.kind)).slice(0, SHOWN);
  }

  private show(hits: SearchHit[]): void {
    this.hits = hits;
    this.active = hits.length > 0 ? 0 : -1;
    this.render();
  }

  private render(): void {
    this.list.replaceChildren(
      ...this.hits.map((hit, i) =>
        h(
          'li',
          {
            attrs: { role: 'option', 'aria-selected': String(i === this.active), 'data-id': hit.id },
            on: { mousedown: (e) => (e.preventDefault(), this.choose(i)) },
          },
          badge(kindLabel(this.schema, hit.kind), kindColor(this.schema, hit.kind), 'badge kind'),
          h('span', { class: 'name' }, hit.name),
          hit.matched !== hit.name ? h('span', { class: 'matched' }, hit.matched) : null,
        ),
      ),
    );
    if (this.hits.length === 0 && this.input.value.trim()) this.list.append(h('li', { class: 'empty' }, 'no match'));
    this.list.hidden = this.list.childElementCount === 0;
    this.input.setAttribute('aria-expanded', String(!this.list.hidden));
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (this.hits.length === 0) return;
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + this.hits.length) % this.hits.length;
      this.render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (this.hits.length > 0) this.choose(Math.max(0, this.active));
    } else if (e.key === 'Escape') {
      e.preventDefault(); // a search input would also clear its text; Esc only closes the list
      this.close();
      this.input.blur();
    }
  }

  private choose(i: number): void {
    const hit = this.hits[i];
    if (!hit) return;
    this.input.value = hit.name;
    this.input.dataset.id = hit.id;
    this.close();
    this.onChoose(hit);
  }

  close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
  }

  kill(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const c of this.cleanups.splice(0)) c();
    this.list.remove();
  }
}
