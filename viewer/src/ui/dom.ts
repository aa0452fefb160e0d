/**
 * Builds DOM from text only. Strings become text nodes, never markup: names and notes come from
 * data, and a name containing HTML must show as that HTML's text.
 */
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: {
    class?: string;
    title?: string;
    attrs?: Record<string, string>;
    on?: Partial<Record<keyof HTMLElementEventMap, (e: Event) => void>>;
  } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.title) el.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  for (const [type, fn] of Object.entries(props.on ?? {})) if (fn) el.addEventListener(type, fn);
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

/** A small coloured badge, coloured through the CSSOM (allowed by a strict style-src CSP). */
export function badge(text: string, color: string, className = 'badge'): HTMLSpanElement {
  const el = h('span', { class: className }, text);
  el.style.background = color;
  return el;
}

export function swatch(color: string, className = 'swatch'): HTMLSpanElement {
  const el = h('span', { class: className, attrs: { 'aria-hidden': 'true' } });
  el.style.background = color;
  return el;
}

export function $(selector: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`viewer: missing element ${selector}`);
  return el;
}

/** Registers a listener and returns its removal, so views can clean up in kill(). */
export function listen<K extends keyof HTMLElementEventMap>(
  target: HTMLElement | Document | Window,
  type: K,
  fn: (e: HTMLElementEventMap[K]) => void,
): () => void {
  target.addEventListener(type, fn as EventListener);
  return () => target.removeEventListener(type, fn as EventListener);
}
