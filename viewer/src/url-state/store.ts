import { decodeViewState, encodeViewState } from './url-codec';
import type { ViewState } from './view-state';

export type Listener = (next: ViewState, prev: ViewState) => void;

/**
 * The one place the view state changes. Each user action pushes a history entry (so back and
 * forward walk through views); popstate replays the URL's state to the listeners.
 */
export class ViewStore {
  private state: ViewState;
  private readonly listeners = new Set<Listener>();
  private readonly onPop = () => this.set(decodeViewState(location.search), 'none');

  constructor() {
    this.state = decodeViewState(location.search);
    history.replaceState(null, '', encodeViewState(this.state));
    window.addEventListener('popstate', this.onPop);
  }

  get(): ViewState {
    return this.state;
  }

  /** history: 'push' for a new view, 'replace' for a refinement of the current one. */
  update(patch: Partial<ViewState>, history: 'push' | 'replace' = 'push'): void {
    const next: ViewState = { ...this.state, ...patch };
    for (const [k, v] of Object.entries(patch))
      if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
    this.set(next, history);
  }

  private set(next: ViewState, mode: 'push' | 'replace' | 'none'): void {
    const prev = this.state;
    this.state = next;
    const url = encodeViewState(next);
    if (mode === 'push' && url !== location.search) history.pushState(null, '', url);
    else if (mode !== 'none') history.replaceState(null, '', url);
    for (const l of this.listeners) l(next, prev);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  kill(): void {
    window.removeEventListener('popstate', this.onPop);
    this.listeners.clear();
  }
}
