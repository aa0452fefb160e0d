import { createRequire } from 'node:module';
import type * as LanguageSupport from '@neo4j-cypher/language-support';

/**
 * Neo4j's own Cypher parser (ANTLR grammar) and semantic analyser. The package's ESM entry is
 * broken under Node 20, so it is loaded through its CommonJS build; the types still come from
 * the package. Loading takes about half a second, so it happens once, on first use.
 */
let loaded: typeof LanguageSupport | undefined;

export function cypherLanguage(): typeof LanguageSupport {
  loaded ??= createRequire(import.meta.url)('@neo4j-cypher/language-support') as typeof LanguageSupport;
  return loaded;
}
