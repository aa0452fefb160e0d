import type { Citation, PassageResponse } from '../api/types';
import { h } from '../ui/dom';

/**
 * "Show passage": the cited paragraph (and its context paragraphs) read from the server, shown
 * under the citation so a reader can check the claim against the source's own words. Texts and
 * names go into the page as text nodes and <mark> elements only, never as markup.
 */
export interface Passages {
  load(citation: Citation): Promise<PassageResponse>;
  /** Every spelling of an entity the viewer knows (name, aliases, demonyms), to highlight. */
  namesOf(id: string): string[];
}

/** A citation's passage control, with the entities whose names are highlighted in it. */
export interface PassageEnds {
  passages: Passages;
  ends: readonly string[];
}

export interface Segment {
  text: string;
  mark: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Short all-capital names (US, TTP, PTI) match only as written: "us" is a word of its own. */
const isAcronym = (name: string) => /^[\p{Lu}\p{N}&]{2,6}$/u.test(name);

function namePattern(name: string): RegExp {
  // Spaces and hyphens are interchangeable in the sources' spellings (Tehreek-e-Taliban, Tehreek e Taliban).
  const body = name
    .trim()
    .split(/[\s\u2010-\u2015-]+/)
    .map(escapeRegExp)
    .join('[\\s\\u2010-\\u2015-]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, isAcronym(name.trim()) ? 'gu' : 'giu');
}

/**
 * Splits a text into plain and highlighted runs: every whole-word occurrence of a name, the
 * longest name winning where two overlap ("Pakistani Taliban" over "Pakistani").
 */
export function highlightSegments(text: string, names: readonly string[]): Segment[] {
  const unique = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2))];
  const found: { start: number; end: number }[] = [];
  for (const name of unique) {
    for (const m of text.matchAll(namePattern(name))) found.push({ start: m.index, end: m.index + m[0].length });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let at = 0;
  for (const f of found) {
    if (f.start < at) continue;
    if (f.start > at) segments.push({ text: text.slice(at, f.start), mark: false });
    segments.push({ text: text.slice(f.start, f.end), mark: true });
    at = f.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), mark: false });
  return segments;
}

function paragraphBlock(paragraph: number, text: string, cited: boolean, names: readonly string[]): HTMLElement {
  const body = h(
    'span',
    { class: 'passage-text' },
    ...highlightSegments(text, names).map((s) => (s.mark ? h('mark', {}, s.text) : s.text)),
  );
  return h(
    'blockquote',
    { class: `passage-paragraph ${cited ? 'cited' : 'context'}`, attrs: { 'data-paragraph': String(paragraph) } },
    h('span', { class: 'pnum', title: cited ? 'the cited paragraph' : 'context paragraph' }, `¶${paragraph}`),
    ' ',
    body,
  );
}

/** The passage, paragraphs in reading order, the cited one set apart from its context. */
export function renderPassage(p: PassageResponse, names: readonly string[]): HTMLElement {
  const all = [{ paragraph: p.paragraph, text: p.text }, ...(p.context ?? [])].sort(
    (a, b) => a.paragraph - b.paragraph,
  );
  return h(
    'div',
    { class: 'passage-body' },
    ...all.map((x) => paragraphBlock(x.paragraph, x.text, x.paragraph === p.paragraph, names)),
  );
}

/** The "show passage" toggle and the place the passage opens in, under one citation. */
export function passageControl(citation: Citation, { passages, ends }: PassageEnds): HTMLElement {
  const box = h('div', { class: 'passage', attrs: { 'aria-live': 'polite' } });
  box.hidden = true;
  let loaded = false;
  let busy = false;
  const button = h(
    'button',
    {
      class: 'link passage-toggle',
      attrs: { type: 'button', 'data-action': 'show-passage', 'aria-expanded': 'false' },
    },
    'show passage',
  );
  const setOpen = (open: boolean) => {
    box.hidden = !open;
    button.textContent = open ? 'hide passage' : 'show passage';
    button.setAttribute('aria-expanded', String(open));
  };
  button.addEventListener('click', async () => {
    if (busy) return;
    if (loaded || !box.hidden) return setOpen(box.hidden);
    busy = true;
    box.replaceChildren(h('p', { class: 'hint' }, 'loading…'));
    setOpen(true);
    try {
      const passage = await passages.load(citation);
      box.replaceChildren(
        renderPassage(
          passage,
          ends.flatMap((id) => passages.namesOf(id)),
        ),
      );
      loaded = true;
    } catch (err) {
      // Shown in place; closing and opening again retries (the folder may be back by then).
      box.replaceChildren(h('p', { class: 'error' }, `Cannot show the passage: ${(err as Error).message}`));
    } finally {
      busy = false;
    }
  });
  return h('div', { class: 'passage-control' }, button, box);
}

/**
 * Passages from the HTTP API, each asked for once per page: a passage does not change, and a
 * reader often opens the same one from the entity panel and from the claims panel.
 */
export function apiPassages(
  fetchPassage: (source: string, paragraph: number, context: readonly number[]) => Promise<PassageResponse>,
  namesOf: (id: string) => string[],
): Passages {
  const cache = new Map<string, Promise<PassageResponse>>();
  return {
    namesOf,
    load(c) {
      const key = `${c.source}|${c.paragraph}|${(c.context ?? []).join(',')}`;
      let p = cache.get(key);
      if (!p) {
        p = fetchPassage(c.source, c.paragraph, c.context ?? []);
        // A failure is not kept: the next try asks the server again.
        p.catch(() => cache.delete(key));
        cache.set(key, p);
      }
      return p;
    },
  };
}
