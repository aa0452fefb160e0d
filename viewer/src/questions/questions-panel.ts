import { answerUrls, api, ApiError } from '../api/client';
import type { QuestionAnswer, QuestionSummary, SchemaResponse } from '../api/types';
import { briefingActions } from '../briefing/briefing-actions';
import type { Passages } from '../panels/passages';
import { h } from '../ui/dom';
import type { QuestionQuery } from '../url-state/view-state';
import { renderAnswerList } from './answer-list';
import { QuestionForm } from './question-form';

export interface QuestionsPanelOptions {
  schema: SchemaResponse;
  entityName: (id: string) => Promise<string>;
  passages: Passages | null;
  /** The user asked a question: the app puts it in the view state (and the URL) and runs it. */
  onRun: (query: QuestionQuery) => void;
  onHover: (claimKey: string | null) => void;
}

/**
 * The Questions tab's panel: the saved questions (title and description), the chosen one's form,
 * and its answer: the claims that answer it, with "Copy briefing" and "Download .md". The graph
 * of the answer is drawn by the app; this panel only speaks about it.
 */
export class QuestionsPanel {
  readonly element: HTMLElement;
  private questions: Promise<QuestionSummary[]> | null = null;
  private form: QuestionForm | null = null;
  /** The last query shown (the URL's): the form is refilled only when it changes, not on every redraw. */
  private shownKey: string | undefined = '';
  private readonly list: HTMLDetailsElement;
  private readonly formSlot: HTMLElement;
  private readonly answerSlot: HTMLElement;

  constructor(private readonly o: QuestionsPanelOptions) {
    this.list = h(
      'details',
      { class: 'question-list' },
      h('summary', {}, 'Saved questions'),
      h('p', { class: 'hint' }, 'loading…'),
    );
    this.list.open = true;
    this.formSlot = h('div', { class: 'question-chosen' });
    this.answerSlot = h('div', { class: 'question-answer', attrs: { 'aria-live': 'polite' } });
    this.element = h(
      'section',
      { class: 'questions-panel' },
      h('h2', {}, 'Questions'),
      this.list,
      this.formSlot,
      this.answerSlot,
    );
  }

  /** Shows the question the view state holds (the URL's), its values in the form. */
  async setQuery(query: QuestionQuery | undefined): Promise<void> {
    const key = query && JSON.stringify(query);
    if (key === this.shownKey) return;
    this.shownKey = key;
    const questions = await this.load();
    if (!query) return;
    const question = questions.find((q) => q.id === query.id);
    if (!question) {
      this.formSlot.replaceChildren(h('p', { class: 'error' }, `There is no saved question "${query.id}".`));
      this.form = null;
      return;
    }
    if (this.form?.question.id !== question.id) this.choose(question);
    this.form?.fill(query.params);
  }

  /** The answer of a run: its claims, and the briefing of the same question with the same values. */
  async showAnswer(query: QuestionQuery, answer: QuestionAnswer): Promise<void> {
    await this.setQuery(query);
    this.form?.clearErrors();
    const n = answer.claims.length;
    const values = Object.values(query.params);
    this.answerSlot.replaceChildren(
      h(
        'header',
        { class: 'answer-header' },
        h('h3', {}, 'Answer'),
        h(
          'p',
          { class: 'hint' },
          `${n} claim${n === 1 ? '' : 's'} between ${answer.graph.nodes.length} entities; point at one to find it in the graph.`,
        ),
        briefingActions({
          url: answerUrls.question(query.id, query.params),
          name: [query.id, ...values].join('-'),
          passages: this.o.passages !== null,
        }),
      ),
      renderAnswerList(answer.claims, this.o),
    );
  }

  /** The API refused the question: said next to the form, under the parameter it names. */
  async showError(query: QuestionQuery, err: unknown): Promise<void> {
    await this.setQuery(query);
    this.answerSlot.replaceChildren();
    const message = err instanceof ApiError ? err.message : (err as Error).message;
    if (this.form) this.form.showError(message, parameterOf(err));
    else this.answerSlot.replaceChildren(h('p', { class: 'error' }, message));
  }

  private load(): Promise<QuestionSummary[]> {
    this.questions ??= api.questions().then(
      ({ questions }) => {
        this.renderList(questions);
        return questions;
      },
      (err: unknown) => {
        this.list.replaceChildren(
          h('summary', {}, 'Saved questions'),
          h('p', { class: 'error' }, `The questions cannot be listed: ${(err as Error).message}`),
        );
        this.questions = null; // the next showing asks again
        return [];
      },
    );
    return this.questions;
  }

  private renderList(questions: QuestionSummary[]): void {
    this.list.replaceChildren(
      h('summary', {}, `Saved questions (${questions.length})`),
      h(
        'ul',
        {},
        ...questions.map((q) =>
          h(
            'li',
            { attrs: { 'data-question': q.id } },
            h(
              'button',
              { class: 'link question-title', attrs: { type: 'button' }, on: { click: () => this.choose(q) } },
              q.title,
            ),
            h('p', { class: 'description' }, q.description),
          ),
        ),
      ),
    );
  }

  /** Opens a question's form with its defaults; nothing runs until the user asks. */
  private choose(question: QuestionSummary): void {
    this.form?.kill();
    this.form = new QuestionForm(question, {
      schema: this.o.schema,
      entityName: this.o.entityName,
      onRun: (params) => this.o.onRun({ id: question.id, params }),
    });
    this.form.fill({});
    for (const li of this.list.querySelectorAll<HTMLElement>('li[data-question]'))
      li.setAttribute('aria-current', String(li.dataset.question === question.id));
    this.list.open = false;
    this.formSlot.replaceChildren(
      h('h3', { class: 'question-title' }, question.title),
      h('p', { class: 'description' }, question.description),
      this.form.element,
    );
    this.answerSlot.replaceChildren();
  }

  kill(): void {
    this.form?.kill();
    this.element.remove();
  }
}

/** The parameter an API error is about: named in a 400's details, or in a 404's message. */
function parameterOf(err: unknown): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const details = Array.isArray(err.details) ? (err.details as { param?: unknown }[]) : [];
  const named = details.find((d) => typeof d.param === 'string' && d.param);
  if (named) return named.param as string;
  return /\(parameter "([^"]+)"\)/.exec(err.message)?.[1];
}
