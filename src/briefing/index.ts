/** Cited briefings: an answer of the API as a short Markdown report with numbered footnotes. */
export { Footnotes } from './footnotes';
export {
  claimsBriefing,
  entityBriefing,
  finishBriefing,
  pathsBriefing,
  type BriefingClaim,
  type BriefingDraft,
  type Named,
} from './render';
export { citedPassages, entityInput, pathsInput, questionInput } from './gather';
