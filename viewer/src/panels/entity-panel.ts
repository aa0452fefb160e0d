import type { EntityDetail, RelationView, SchemaResponse, Source } from '../api/types';
import { kindColor, kindLabel, typeColor, typeLabel } from '../appearance/palette';
import { badge, h, swatch } from '../ui/dom';
import { citationList } from './citations';
import type { Passages } from './passages';
import { statusBadge } from './status-badge';

export interface EntityPanelActions {
  expand(id: string): void;
  focus(id: string): void;
  select(id: string): void;
  pathFrom(id: string): void;
  pathTo(id: string): void;
}

/**
 * The evidence panel for an entity: kind, aliases, description, facts with their sources, and
 * relations grouped by type, each with status and citations. All data goes in as text.
 * `passages` (null when the server has no source texts) lets each citation show its passage.
 */
export function renderEntityPanel(
  e: EntityDetail,
  schema: SchemaResponse,
  sources: ReadonlyMap<string, Source>,
  actions: EntityPanelActions,
  focus: string,
  passages: Passages | null = null,
): HTMLElement {
  const actionsBar = h(
    'div',
    { class: 'actions' },
    h(
      'button',
      { attrs: { type: 'button', 'data-action': 'expand' }, on: { click: () => actions.expand(e.id) } },
      'Expand',
    ),
    e.id !== focus
      ? h(
          'button',
          { attrs: { type: 'button', 'data-action': 'focus' }, on: { click: () => actions.focus(e.id) } },
          'Focus',
        )
      : null,
    h(
      'button',
      { attrs: { type: 'button', 'data-action': 'path-from' }, on: { click: () => actions.pathFrom(e.id) } },
      'Path from',
    ),
    h(
      'button',
      { attrs: { type: 'button', 'data-action': 'path-to' }, on: { click: () => actions.pathTo(e.id) } },
      'Path to',
    ),
  );
  const groups = Object.entries(e.relations).sort(([a], [b]) => a.localeCompare(b));
  return h(
    'article',
    { class: 'entity-panel', attrs: { 'data-entity': e.id } },
    h(
      'header',
      {},
      badge(kindLabel(schema, e.kind), kindColor(schema, e.kind), 'badge kind'),
      h('h2', { class: 'entity-name' }, e.name),
    ),
    e.aliases.length
      ? h('p', { class: 'aliases' }, h('span', { class: 'label' }, 'Also: '), e.aliases.join(' · '))
      : null,
    e.since || e.until ? h('p', { class: 'dates' }, dateRange(e.since, e.until)) : null,
    h('p', { class: 'description' }, e.description),
    actionsBar,
    e.facts.length
      ? h(
          'section',
          { class: 'facts' },
          h('h3', {}, 'Facts'),
          h(
            'ul',
            {},
            ...e.facts.map((f) => {
              const s = sources.get(f.source);
              return h(
                'li',
                {},
                h('strong', {}, `${f.name}: `),
                `${f.value}${f.unit ? ` ${f.unit}` : ''}${f.date ? ` (${f.date})` : ''}`,
                citationList(
                  [
                    {
                      source: f.source,
                      paragraph: f.paragraph,
                      title: s?.title ?? f.source,
                      published: s?.published ?? '',
                      ...(s?.publisher ? { publisher: s.publisher } : {}),
                      ...(f.note ? { note: f.note } : {}),
                    },
                  ],
                  passages && { passages, ends: [e.id] },
                ),
              );
            }),
          ),
        )
      : null,
    h(
      'section',
      { class: 'relations' },
      h('h3', {}, `Relations (${e.degree})`),
      ...groups.map(([type, rels]) => relationGroup(e.id, type, rels, schema, actions, passages)),
    ),
  );
}

function relationGroup(
  self: string,
  type: string,
  rels: RelationView[],
  schema: SchemaResponse,
  actions: EntityPanelActions,
  passages: Passages | null,
): HTMLElement {
  return h(
    'details',
    { class: 'relation-group', attrs: { open: '', 'data-type': type } },
    h('summary', {}, swatch(typeColor(schema, type)), `${typeLabel(schema, type)} (${rels.length})`),
    h(
      'ul',
      {},
      ...rels.map((r) =>
        h(
          'li',
          { class: `relation status-${r.status}` },
          h('span', { class: 'direction' }, r.direction === 'outgoing' ? '→ ' : '← '),
          h(
            'a',
            {
              attrs: { href: '#', 'data-entity': r.other.id },
              on: { click: (ev) => (ev.preventDefault(), actions.select(r.other.id)) },
            },
            r.other.name,
          ),
          ' ',
          statusBadge(r.status),
          r.since || r.until ? h('span', { class: 'dates' }, ` ${dateRange(r.since, r.until)}`) : null,
          r.note ? h('div', { class: 'note' }, r.note) : null,
          citationList(r.evidence, passages && { passages, ends: [self, r.other.id] }),
        ),
      ),
    ),
  );
}

export function dateRange(since?: string, until?: string): string {
  if (since && until) return `${since} – ${until}`;
  if (since) return `since ${since}`;
  return `until ${until}`;
}
