import type { ClaimView, SchemaResponse } from '../api/types';
import { typeColor, typeLabel } from '../appearance/palette';
import { citationList } from '../panels/citations';
import { dateRange } from '../panels/entity-panel';
import type { Passages } from '../panels/passages';
import { statusBadge } from '../panels/status-badge';
import { withoutCitations } from '../paths/path-finder';
import { h, swatch } from '../ui/dom';

export interface AnswerListOptions {
  schema: SchemaResponse;
  passages: Passages | null;
  /** Pointing at a claim lights it up in the graph (null: pointing left the list). */
  onHover: (claimKey: string | null) => void;
}

/**
 * The claims that answer a question, one per item: the API's plain sentence (contested claims say
 * who asserts them) with its type, status, dates and citations listed under it, as in the paths
 * and claims panels.
 */
export function renderAnswerList(claims: readonly ClaimView[], o: AnswerListOptions): HTMLElement {
  if (claims.length === 0) return h('p', { class: 'message answer-empty' }, 'No claim answers this question.');
  return h(
    'ol',
    { class: 'answer-claims', on: { mouseleave: () => o.onHover(null) } },
    ...claims.map((c) =>
      h(
        'li',
        {
          class: `claim status-${c.status}`,
          attrs: { 'data-key': c.key, 'data-from': c.from.id, 'data-to': c.to.id, 'data-status': c.status },
          on: { mouseenter: () => o.onHover(c.key) },
        },
        h('p', { class: 'sentence' }, swatch(typeColor(o.schema, c.type), 'swatch line'), withoutCitations(c.sentence)),
        h(
          'p',
          { class: 'claim-meta' },
          typeLabel(o.schema, c.type),
          ' ',
          statusBadge(c.status),
          c.since || c.until ? h('span', { class: 'dates' }, ` ${dateRange(c.since, c.until)}`) : null,
        ),
        c.note ? h('p', { class: 'note' }, c.note) : null,
        citationList(c.evidence, o.passages && { passages: o.passages, ends: [c.from.id, c.to.id] }),
      ),
    ),
  );
}
