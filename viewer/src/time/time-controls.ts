import { h, listen } from '../ui/dom';
import { dateText, monthIndex, monthLabel } from './months';

export interface DateSetting {
  asOf?: string;
  knownBy?: string;
}

const FIRST = monthIndex('2000-01');

/**
 * Two month sliders: "as of" (what was true then: relations and entities by their dates) and
 * "known by" (what the sources had published by then). Each has an on/off box; moving a slider
 * applies when it is released, so dragging does not flood the API.
 */
export class TimeControls {
  readonly element: HTMLElement;
  private readonly cleanups: (() => void)[] = [];
  private readonly parts: Record<
    'asOf' | 'knownBy',
    { box: HTMLInputElement; range: HTMLInputElement; out: HTMLOutputElement }
  >;

  constructor(onChange: (d: DateSetting) => void) {
    const last = monthIndex(`${new Date().getFullYear()}-12`);
    const make = (key: 'asOf' | 'knownBy', label: string, help: string) => {
      const box = h('input', { attrs: { type: 'checkbox', id: `${key}-on`, 'aria-label': `use ${label}` } });
      const range = h('input', {
        attrs: {
          type: 'range',
          id: `${key}-range`,
          min: String(FIRST),
          max: String(last),
          step: '1',
          'aria-label': label,
        },
      });
      range.value = String(last);
      range.disabled = true;
      const out = h('output', { attrs: { for: `${key}-range`, id: `${key}-value` } }, 'any date');
      const el = h(
        'div',
        { class: 'date-control', title: help },
        h('label', { attrs: { for: `${key}-on` } }, box, ` ${label}`),
        range,
        out,
      );
      return { el, box, range, out };
    };
    const asOf = make(
      'asOf',
      'As of',
      'Show what was true on this date: relations by their start and end, entities from their start.',
    );
    const knownBy = make(
      'knownBy',
      'Known by',
      'Show only claims whose sources were surely published by the end of this month (a source dated only by its year counts from December of that year).',
    );
    this.parts = { asOf, knownBy };
    const read = (): DateSetting => {
      const out: DateSetting = {};
      if (asOf.box.checked) out.asOf = monthLabel(Number(asOf.range.value));
      if (knownBy.box.checked) out.knownBy = monthLabel(Number(knownBy.range.value));
      return out;
    };
    for (const [key, p] of [
      ['asOf', asOf],
      ['knownBy', knownBy],
    ] as const) {
      this.cleanups.push(
        listen(p.range, 'input', () => (p.out.textContent = dateText(key, Number(p.range.value)))),
        listen(p.range, 'change', () => onChange(read())),
        listen(p.box, 'change', () => {
          p.range.disabled = !p.box.checked;
          p.out.textContent = p.box.checked ? dateText(key, Number(p.range.value)) : 'any date';
          onChange(read());
        }),
      );
    }
    this.element = h('div', { class: 'time-controls' }, asOf.el, knownBy.el);
  }

  /** Shows the dates of the current view (after a link, reload or back/forward). */
  set(d: DateSetting): void {
    for (const key of ['asOf', 'knownBy'] as const) {
      const p = this.parts[key];
      const v = d[key];
      p.box.checked = Boolean(v);
      p.range.disabled = !v;
      if (v) p.range.value = String(monthIndex(v));
      p.out.textContent = v ? dateText(key, monthIndex(v)) : 'any date';
    }
  }

  kill(): void {
    for (const c of this.cleanups.splice(0)) c();
  }
}
