import type { CitedEvidence } from '../api/types';
import { h } from '../ui/dom';

/** "Title — Publisher, 2024-07, ¶12": everything a reader needs to find the passage. */
export function citationItem(c: CitedEvidence): HTMLLIElement {
  const where = [c.publisher, c.published, `¶${c.paragraph}`].filter((x): x is string => Boolean(x)).join(', ');
  return h(
    'li',
    { class: 'citation' },
    h('cite', {}, c.title),
    ' — ',
    h('span', { class: 'where' }, where),
    c.note ? h('div', { class: 'note' }, c.note) : null,
  );
}

export function citationList(evidence: readonly CitedEvidence[]): HTMLUListElement {
  return h('ul', { class: 'citations' }, ...evidence.map(citationItem));
}
