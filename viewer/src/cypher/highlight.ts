import { h } from '../ui/dom';
import { tokenize } from './tokenize';

/** The query as coloured spans, built from text nodes only. */
export function highlightCypher(query: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const t of tokenize(query))
    frag.append(t.kind === 'space' || t.kind === 'other' ? t.text : h('span', { class: `tok-${t.kind}` }, t.text));
  // A trailing newline needs a character after it to take up a line in a <pre>.
  frag.append(' ');
  return frag;
}
