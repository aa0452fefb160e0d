import {
  defaultViewState,
  MAX_DEPTH,
  type PathQuery,
  type QuestionQuery,
  type Tab,
  type ViewState,
} from './view-state';
import { formatRange, parseRange } from '../timeline/periods';

const TABS: readonly Tab[] = ['explore', 'paths', 'cypher', 'questions'];
/** A question's parameters travel as `q.<name>=value`, beside `question=<id>`. */
const QUESTION_PARAM = 'q.';
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const list = (v: string | null) => (v ? v.split(',').filter((s) => s.length > 0) : []);
const clampInt = (v: string | null, min: number, max: number, fallback: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
};

/** The view a URL's query string describes; anything malformed falls back to its default. */
export function decodeViewState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const state = defaultViewState();
  state.focus = q.get('focus') || state.focus;
  state.depth = clampInt(q.get('depth'), 1, MAX_DEPTH, 1);
  state.expanded = list(q.get('expand'));
  state.hiddenKinds = list(q.get('hideKinds'));
  state.hiddenTypes = list(q.get('hideTypes'));
  const asOf = q.get('asOf');
  if (asOf && DATE.test(asOf)) state.asOf = asOf;
  const knownBy = q.get('knownBy');
  if (knownBy && DATE.test(knownBy)) state.knownBy = knownBy;
  const tab = q.get('tab') as Tab | null;
  if (tab && TABS.includes(tab)) state.tab = tab;
  const from = q.get('from');
  const to = q.get('to');
  if (from && to) {
    const path: PathQuery = {
      from,
      to,
      maxHops: clampInt(q.get('maxHops'), 1, 6, 4),
      k: clampInt(q.get('k'), 1, 10, 3),
      types: list(q.get('useTypes')),
      avoid: list(q.get('avoidTypes')),
    };
    state.path = path;
  }
  const question = q.get('question');
  if (question) state.question = decodeQuestion(question, q);
  const during = parseRange(q.get('during'));
  if (during && !state.asOf) state.during = during;
  if (q.get('timeline') === 'open') state.timeline = true;
  const selected = q.get('sel');
  if (selected) state.selected = selected;
  return state;
}

/** The query string for a view; defaults are left out so links stay short. */
export function encodeViewState(s: ViewState): string {
  const q = new URLSearchParams();
  q.set('focus', s.focus);
  if (s.depth !== 1) q.set('depth', String(s.depth));
  if (s.expanded.length) q.set('expand', s.expanded.join(','));
  if (s.hiddenKinds.length) q.set('hideKinds', s.hiddenKinds.join(','));
  if (s.hiddenTypes.length) q.set('hideTypes', s.hiddenTypes.join(','));
  if (s.asOf) q.set('asOf', s.asOf);
  if (s.knownBy) q.set('knownBy', s.knownBy);
  if (s.path) {
    q.set('from', s.path.from);
    q.set('to', s.path.to);
    if (s.path.maxHops !== 4) q.set('maxHops', String(s.path.maxHops));
    if (s.path.k !== 3) q.set('k', String(s.path.k));
    if (s.path.types.length) q.set('useTypes', s.path.types.join(','));
    if (s.path.avoid.length) q.set('avoidTypes', s.path.avoid.join(','));
  }
  if (s.question) {
    q.set('question', s.question.id);
    for (const [name, value] of Object.entries(s.question.params)) q.set(QUESTION_PARAM + name, value);
  }
  if (s.during) q.set('during', formatRange(s.during));
  if (s.timeline) q.set('timeline', 'open');
  if (s.selected) q.set('sel', s.selected);
  if (s.tab !== 'explore') q.set('tab', s.tab);
  return `?${q.toString()}`;
}

/** The question and its parameter values; the API checks the values (and names a bad one). */
function decodeQuestion(id: string, q: URLSearchParams): QuestionQuery {
  const params: Record<string, string> = {};
  for (const [key, value] of q)
    if (key.startsWith(QUESTION_PARAM) && key.length > QUESTION_PARAM.length && value)
      params[key.slice(QUESTION_PARAM.length)] = value;
  return { id, params };
}
