import type { CitedEvidence } from '../api/types';
import { h } from '../ui/dom';
import { passageControl, type PassageEnds } from './passages';

/**
 * "Title — Publisher, 2024-07, ¶12": everything a reader needs to find the passage; with
 * `passage`, also a control that shows it (only when the server has the source texts).
 */
export function citationItem(c: CitedEvidence, passage?: PassageEnds | null): HTMLLIElement {
  const where = [c.publisher, c.published, `¶${c.paragraph}`].filter((x): x is string => Boolean(x)).join(', ');
  return h(
    'li',
    {
      class: 'citation',
      attrs: {
        'data-source': c.source,
        'data-paragraph': String(c.paragraph),
        ...(c.context?.length ? { 'data-context': c.context.join(',') } : {}),
      },
    },
    h('cite', {}, c.title),
    ' — ',
    h('span', { class: 'where' }, where),
    c.context?.length
      ? h(
          'span',
          { class: 'context-ref', title: 'context paragraphs the claim also rests on' },
          ` (with ${c.context.map((p) => `¶${p}`).join(', ')})`,
        )
      : null,
    c.note ? h('div', { class: 'note' }, c.note) : null,
    passage ? passageControl(c, passage) : null,
  );
}

export function citationList(evidence: readonly CitedEvidence[], passage?: PassageEnds | null): HTMLUListElement {
  return h('ul', { class: 'citations' }, ...evidence.map((c) => citationItem(c, passage)));
}
