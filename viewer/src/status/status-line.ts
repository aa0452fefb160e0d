import type { VisibleCounts } from '../filters/counts';

export interface StatusInfo {
  counts: VisibleCounts;
  focusName: string;
  depth: number;
  expanded: number;
  asOf?: string;
  knownBy?: string;
  truncated: boolean;
  paths?: number;
  /** Entities folded into "N more" groups, and how many groups. */
  folded?: { entities: number; groups: number };
  /** The title of the saved question whose answer is drawn (instead of a neighbourhood). */
  question?: string;
}

/** "N nodes · M edges", then what the user should know is shaping that number. */
export function statusText(s: StatusInfo): string {
  const what =
    s.question !== undefined
      ? `answer to "${s.question}"`
      : `neighbourhood of ${s.focusName} (depth ${s.depth}${s.expanded ? `, ${s.expanded} expanded` : ''})`;
  const parts = [`${s.counts.nodes} nodes · ${s.counts.edges} edges — ${what}`];
  if (s.counts.hiddenNodes || s.counts.hiddenEdges)
    parts.push(`filtered out by the legend: ${s.counts.hiddenNodes} nodes, ${s.counts.hiddenEdges} edges`);
  if (s.folded && s.folded.entities > 0)
    parts.push(`${s.folded.entities} less tied entities folded into ${s.folded.groups} "more" groups`);
  if (s.asOf) parts.push(`as of ${s.asOf}`);
  if (s.knownBy) parts.push(`known by ${s.knownBy}`);
  if (s.truncated) parts.push('neighbourhood truncated at the node limit');
  if (s.paths !== undefined) parts.push(`${s.paths} path${s.paths === 1 ? '' : 's'} highlighted`);
  return parts.join(' · ');
}
