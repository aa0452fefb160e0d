/** Cited briefings: an answer of the API as a short Markdown report with numbered footnotes. */
export { Footnotes } from './footnotes';
export * from './gather';
export * from './render';
