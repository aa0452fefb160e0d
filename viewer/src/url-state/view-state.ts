import type { DateRange } from '../timeline/periods';

/**
 * Everything that defines what the user looks at, and nothing else: the URL holds exactly this,
 * so a link, a reload or back/forward restores the same view.
 */
export type Tab = 'explore' | 'paths' | 'cypher' | 'questions';

export interface PathQuery {
  from: string;
  to: string;
  maxHops: number;
  k: number;
  /** Relation types to use only (empty: all). */
  types: string[];
  /** Relation types to avoid. */
  avoid: string[];
}

/** A saved question and the parameter values the user gave (by name, as the API takes them). */
export interface QuestionQuery {
  id: string;
  params: Record<string, string>;
}

export interface ViewState {
  focus: string;
  depth: number;
  /** Entities whose neighbours were added, oldest first; undo drops the last. */
  expanded: string[];
  hiddenKinds: string[];
  hiddenTypes: string[];
  asOf?: string;
  knownBy?: string;
  path?: PathQuery;
  question?: QuestionQuery;
  tab: Tab;
  /** The selected entity or edge pair shown in the side panel. */
  selected?: string;
  /**
   * A period brushed on the timeline: the graph shows what held in it. It and `asOf` exclude
   * each other (setting one clears the other); a URL with both keeps `asOf`.
   */
  during?: DateRange;
  /** The timeline strip is open (a brushed period opens it too). */
  timeline?: boolean;
}

export const DEFAULT_FOCUS = 'ttp';
export const MAX_DEPTH = 3;

export function defaultViewState(): ViewState {
  return { focus: DEFAULT_FOCUS, depth: 1, expanded: [], hiddenKinds: [], hiddenTypes: [], tab: 'explore' };
}
