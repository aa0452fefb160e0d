/** Cited briefings: an answer of the API as a short Markdown report with numbered footnotes. */
export type { BriefingClaim, BriefingFact, Named } from './claims';
export { Footnotes } from './footnotes';
export { claimSentences } from './sentences';
export { claimsBriefing, entityBriefing, finishBriefing, pathsBriefing, type BriefingDraft } from './render';
export { citedPassages, entityInput, Names, pathsInput, questionInput, type ParagraphReader } from './gather';
