import type { CitedEvidence, Fact, RelationStatus, RelationType } from '../model';

/**
 * What a briefing is made of: claims and figures with their names and citations already
 * resolved, so that rendering is a pure function of them (tested on hand-made answers) and both
 * stores feed it alike through the port (see gather.ts).
 */

export interface Named {
  id: string;
  name: string;
}

/** One relation as a briefing states it. */
export interface BriefingClaim {
  type: RelationType;
  from: Named;
  to: Named;
  status: RelationStatus;
  /** Who asserts it, by name (empty when the source itself does). */
  assertedBy: Named[];
  evidence: CitedEvidence[];
}

/** A figure about an entity, with its source resolved. */
export interface BriefingFact extends Omit<Fact, 'source' | 'paragraph'> {
  evidence: CitedEvidence;
}
