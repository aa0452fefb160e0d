import type { QuestionParameter, QuestionSummary, SchemaResponse, SearchHit } from '../api/types';
import { kindLabel, typeLabel } from '../appearance/palette';
import { SearchBox } from '../search/search-box';
import { h, listen } from '../ui/dom';

/** One parameter's field: its element, the value it holds, and where its error is shown. */
interface Field {
  parameter: QuestionParameter;
  element: HTMLElement;
  /** The value to send (empty: leave it to the parameter's default). */
  value(): string;
  set(value: string): void;
  error: HTMLElement;
}

export interface QuestionFormOptions {
  schema: SchemaResponse;
  /** An entity's name from its id (an entity picker shows names, sends ids). */
  entityName: (id: string) => Promise<string>;
  onRun: (params: Record<string, string>) => void;
}

/**
 * The form of one question: a field per parameter, typed. An entity is picked with the search box
 * (offering only the kinds the parameter takes); a date is typed as the API takes it (YYYY, YYYY-MM
 * or YYYY-MM-DD: a year alone is a valid answer period, which a calendar input cannot hold);
 * relation types are a multiple choice. Errors are shown under the field they are about.
 */
export class QuestionForm {
  readonly element: HTMLFormElement;
  private readonly fields: Field[];
  private readonly boxes: SearchBox[] = [];
  private readonly cleanups: (() => void)[] = [];
  private readonly formError: HTMLElement;

  constructor(
    readonly question: QuestionSummary,
    private readonly o: QuestionFormOptions,
  ) {
    this.fields = question.parameters.map((p) => this.field(p));
    this.formError = h('p', { class: 'error form-error', attrs: { role: 'alert' } });
    this.formError.hidden = true;
    this.element = h(
      'form',
      {
        class: 'question-form',
        attrs: { 'data-question': question.id, novalidate: '' },
        on: { submit: (e) => (e.preventDefault(), this.submit()) },
      },
      ...this.fields.map((f) => f.element),
      question.parameters.length === 0 ? h('p', { class: 'hint' }, 'This question takes no parameters.') : null,
      this.formError,
      h('div', { class: 'row' }, h('button', { attrs: { type: 'submit', id: 'question-run' } }, 'Answer')),
    );
  }

  /** Fills the fields: given values, else the parameters' defaults. */
  fill(values: Record<string, string>): void {
    for (const f of this.fields) {
      const d = f.parameter.default;
      f.set(values[f.parameter.name] ?? (Array.isArray(d) ? d.join(',') : (d ?? '')));
    }
  }

  /** Shows an error: under the parameter it names when there is one, else under the form. */
  showError(message: string, parameter?: string): void {
    this.clearErrors();
    const field = this.fields.find((f) => f.parameter.name === parameter);
    const where = field?.error ?? this.formError;
    where.textContent = message;
    where.hidden = false;
    field?.element.classList.add('invalid');
  }

  clearErrors(): void {
    for (const f of this.fields) {
      f.error.hidden = true;
      f.element.classList.remove('invalid');
    }
    this.formError.hidden = true;
  }

  private submit(): void {
    this.clearErrors();
    const params: Record<string, string> = {};
    for (const f of this.fields) {
      const v = f.value();
      if (v) params[f.parameter.name] = v;
    }
    const unpicked = this.fields.find((f) => f.parameter.type === 'entity' && f.element.dataset.unpicked === 'true');
    if (unpicked) {
      const name = unpicked.parameter.name;
      return this.showError(`${name}: pick an entity from the suggestions`, name);
    }
    this.o.onRun(params);
  }

  private field(p: QuestionParameter): Field {
    const id = `question-param-${p.name}`;
    const error = h('p', { class: 'error field-error', attrs: { id: `${id}-error`, role: 'alert' } });
    error.hidden = true;
    const label = h('label', { attrs: { for: id } }, p.name, ' ', h('span', { class: 'hint' }, p.description));
    const wrap = (control: HTMLElement) =>
      h('div', { class: `field param-${p.type}`, attrs: { 'data-param': p.name } }, label, control, error);
    const describedBy = { 'aria-describedby': `${id}-error` };
    if (p.type === 'entity') return this.entityField(p, id, wrap, error);
    if (p.type === 'date') {
      const input = h('input', {
        attrs: {
          id,
          type: 'text',
          inputmode: 'numeric',
          placeholder: 'YYYY, YYYY-MM or YYYY-MM-DD',
          autocomplete: 'off',
          ...describedBy,
        },
      });
      return {
        parameter: p,
        element: wrap(input),
        value: () => input.value.trim(),
        set: (v) => (input.value = v),
        error,
      };
    }
    const select = h(
      'select',
      { attrs: { id, multiple: '', size: '6', ...describedBy } },
      ...Object.keys(this.o.schema.relationTypes)
        .sort()
        .map((t) => h('option', { attrs: { value: t } }, typeLabel(this.o.schema, t))),
    );
    return {
      parameter: p,
      element: wrap(select),
      value: () => [...select.selectedOptions].map((opt) => opt.value).join(','),
      set: (v) => {
        const chosen = v.split(',');
        for (const opt of select.options) opt.selected = chosen.includes(opt.value);
      },
      error,
    };
  }

  /** A search box that sends the picked entity's id; typed text not picked is refused by name. */
  private entityField(
    p: QuestionParameter & { type: 'entity' },
    id: string,
    wrap: (control: HTMLElement) => HTMLDivElement,
    error: HTMLElement,
  ): Field {
    const kinds = p.kinds ?? [];
    const input = h('input', {
      attrs: {
        id,
        type: 'search',
        autocomplete: 'off',
        placeholder: kinds.length ? `Search: ${kinds.map((k) => kindLabel(this.o.schema, k)).join(', ')}` : 'Search',
        'aria-describedby': `${id}-error`,
      },
    });
    const box = h('div', { class: 'search' }, input);
    const element = wrap(box);
    const picked = (entityId: string, name: string) => {
      input.dataset.id = entityId;
      input.dataset.name = name;
      input.value = name;
      delete element.dataset.unpicked;
    };
    this.boxes.push(new SearchBox(input, this.o.schema, (hit: SearchHit) => picked(hit.id, hit.name), { kinds }));
    // Text typed after a pick no longer names the picked entity.
    this.cleanups.push(
      listen(input, 'input', () => {
        if (input.value === input.dataset.name) return delete element.dataset.unpicked;
        if (input.value.trim()) element.dataset.unpicked = 'true';
        else delete element.dataset.unpicked;
      }),
    );
    return {
      parameter: p,
      element,
      value: () => (element.dataset.unpicked || !input.value.trim() ? '' : (input.dataset.id ?? '')),
      set: (v) => {
        delete element.dataset.unpicked;
        input.dataset.id = v;
        input.dataset.name = v;
        input.value = v;
        if (!v) return;
        void this.o
          .entityName(v)
          .then((name) => {
            if (input.dataset.id === v && input.value === v) picked(v, name);
          })
          .catch(() => {}); // an unknown id stays as typed; running says it is unknown, by parameter
      },
      error,
    };
  }

  kill(): void {
    for (const b of this.boxes.splice(0)) b.kill();
    for (const c of this.cleanups.splice(0)) c();
    this.element.remove();
  }
}
