/**
 * Everything that defines what the user looks at, and nothing else: the URL holds exactly this,
 * so a link, a reload or back/forward restores the same view.
 */
export type Tab = 'explore' | 'paths' | 'cypher';

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
  tab: Tab;
  /** The selected entity or edge pair shown in the side panel. */
  selected?: string;
}

export const DEFAULT_FOCUS = 'ttp';
export const MAX_DEPTH = 3;

export function defaultViewState(): ViewState {
  return { focus: DEFAULT_FOCUS, depth: 1, expanded: [], hiddenKinds: [], hiddenTypes: [], tab: 'explore' };
}
