import type { EntityDetail, RelationView, SchemaResponse } from '../api/types';
import { typeColor, typeLabel } from '../appearance/palette';
import { h, swatch } from '../ui/dom';
import { citationList } from './citations';
import { dateRange } from './entity-panel';
import type { Passages } from './passages';
import { statusBadge } from './status-badge';

/**
 * Every claim between two entities, side by side: a claim and its denial (or a counter-claim in
 * the other direction) are read together, each with who asserts it and its citations.
 */
export function renderClaimsPanel(
  a: EntityDetail,
  bId: string,
  schema: SchemaResponse,
  nameOf: (id: string) => string,
  select: (id: string) => void,
  passages: Passages | null = null,
): HTMLElement {
  const claims: RelationView[] = Object.values(a.relations)
    .flat()
    .filter((r) => r.other.id === bId);
  const bName = claims[0]?.other.name ?? nameOf(bId);
  return h(
    'article',
    { class: 'claims-panel', attrs: { 'data-pair': `${a.id}|${bId}` } },
    h(
      'header',
      {},
      h(
        'h2',
        {},
        h('a', { attrs: { href: '#' }, on: { click: (e) => (e.preventDefault(), select(a.id)) } }, a.name),
        ' ↔ ',
        h('a', { attrs: { href: '#' }, on: { click: (e) => (e.preventDefault(), select(bId)) } }, bName),
      ),
      h('p', { class: 'hint' }, `${claims.length} claim${claims.length === 1 ? '' : 's'} between them`),
    ),
    h(
      'div',
      { class: 'claims' },
      ...claims.map((r) => {
        const [fromName, toName] = r.direction === 'outgoing' ? [a.name, r.other.name] : [r.other.name, a.name];
        const verb = schema.relationTypes[r.type]?.verb ?? typeLabel(schema, r.type);
        return h(
          'section',
          { class: `claim status-${r.status}`, attrs: { 'data-status': r.status, 'data-type': r.type } },
          h('h3', {}, swatch(typeColor(schema, r.type)), typeLabel(schema, r.type), ' ', statusBadge(r.status)),
          h('p', { class: 'sentence' }, `${fromName} ${verb} ${toName}`),
          r.assertedBy.length
            ? h(
                'p',
                { class: 'asserted' },
                h('span', { class: 'label' }, 'Asserted by: '),
                r.assertedBy.map(nameOf).join(', '),
              )
            : null,
          r.since || r.until ? h('p', { class: 'dates' }, dateRange(r.since, r.until)) : null,
          r.credibility !== undefined
            ? h('p', { class: 'credibility' }, `Credibility ${r.credibility} (Admiralty 1–6)`)
            : null,
          r.note ? h('p', { class: 'note' }, r.note) : null,
          citationList(r.evidence, passages && { passages, ends: [a.id, bId] }),
        );
      }),
    ),
  );
}
