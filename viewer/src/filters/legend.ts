import type { SchemaResponse } from '../api/types';
import { edgeColor, kindColor, kindLabel, LAYERS, typeLabel, typeLayer } from '../appearance/palette';
import { h, swatch } from '../ui/dom';
import type { GraphCounts } from './counts';

export interface LegendChange {
  hiddenKinds: string[];
  hiddenTypes: string[];
}

/**
 * The legend is the filter: one checkbox per entity kind and relation type present in the view,
 * with counts (and how many of them are folded into "N more" groups). Relation types are listed
 * under their layer: cooperative, hostile, structural, as their colours are. Unticking hides
 * through the reducers; the data stays.
 */
export function renderLegend(
  container: HTMLElement,
  schema: SchemaResponse,
  counts: GraphCounts,
  folded: GraphCounts,
  hiddenKinds: ReadonlySet<string>,
  hiddenTypes: ReadonlySet<string>,
  onChange: (change: LegendChange) => void,
): void {
  const kinds = [...counts.byKind.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const types = [...counts.byType.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // Hidden entries stay listed even at zero so they can be shown again.
  for (const k of hiddenKinds) if (!counts.byKind.has(k)) kinds.push([k, 0]);
  for (const t of hiddenTypes) if (!counts.byType.has(t)) types.push([t, 0]);

  const emit = () => {
    const read = (group: string) =>
      [...container.querySelectorAll<HTMLInputElement>(`input[data-group="${group}"]`)]
        .filter((i) => !i.checked)
        .map((i) => i.value);
    onChange({ hiddenKinds: read('kind'), hiddenTypes: read('type') });
  };
  const row = (group: 'kind' | 'type', id: string, label: string, color: string, count: number, hidden: boolean) => {
    const inGroups = (group === 'kind' ? folded.byKind : folded.byType).get(id) ?? 0;
    const box = h('input', { attrs: { type: 'checkbox', 'data-group': group, value: id }, on: { change: emit } });
    box.checked = !hidden;
    return h(
      'li',
      {},
      h(
        'label',
        {},
        box,
        swatch(color, group === 'type' ? 'swatch line' : 'swatch'),
        h('span', { class: 'legend-label' }, label),
        h('span', { class: 'count' }, String(count)),
        ...(inGroups > 0
          ? [
              h(
                'span',
                { class: 'folded', attrs: { title: `${inGroups} of them in "N more" groups` } },
                `${inGroups} folded`,
              ),
            ]
          : []),
      ),
    );
  };
  const all = (group: 'kind' | 'type', show: boolean) =>
    h(
      'button',
      {
        class: 'link',
        attrs: { type: 'button' },
        on: {
          click: () => {
            container
              .querySelectorAll<HTMLInputElement>(`input[data-group="${group}"]`)
              .forEach((i) => (i.checked = show));
            emit();
          },
        },
      },
      show ? 'all' : 'none',
    );

  container.replaceChildren(
    h('h3', {}, 'Entities ', all('kind', true), ' ', all('kind', false)),
    h(
      'ul',
      { class: 'legend-kinds' },
      ...kinds.map(([k, n]) => row('kind', k, kindLabel(schema, k), kindColor(schema, k), n, hiddenKinds.has(k))),
    ),
    h('h3', {}, 'Relations ', all('type', true), ' ', all('type', false)),
    ...LAYERS.flatMap((layer) => {
      const mine = types.filter(([t]) => typeLayer(schema, t) === layer.id);
      if (mine.length === 0) return [];
      return [
        h('h4', { class: `legend-layer layer-${layer.id}` }, layer.label),
        h(
          'ul',
          { class: 'legend-types', attrs: { 'data-layer': layer.id } },
          ...mine.map(([t, n]) =>
            row('type', t, typeLabel(schema, t), edgeColor(schema, t, false), n, hiddenTypes.has(t)),
          ),
        ),
      ];
    }),
    h(
      'p',
      { class: 'legend-note' },
      h('span', { class: 'swatch line contested-sample' }),
      ' pale and thinner: alleged, denied or disputed claim. One line stands for all the claims one way between two entities: wider for more claims, coloured by the strongest (click it to compare them). Arrow: direction; no arrow: symmetric relation. Grey "N more" nodes hold folded entities: click one to show them.',
    ),
  );
}
