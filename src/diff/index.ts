/** `kg diff`: what changed between two knowledge bases, in words, as JSON or as a Markdown changelog entry. */
export { diffKnowledgeBases, type KnowledgeBaseDiff } from './compare';
export { checkOutSeedFolders, RevisionError } from './git-revision';
export { diffInMarkdown } from './markdown';
export { diffInWords } from './words';
