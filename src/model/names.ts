/**
 * Name folding shared by search, citation checks and mention finding: case, accents, curly
 * quotes and punctuation are not what distinguishes one actor from another.
 */
export function foldName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`´]s\b/g, '')
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Short all-capital acronyms ("US", "ISI", "BLA") are matched with their case: folded, "US"
 * would match every "us" in a text.
 */
export function isCaseSensitiveAcronym(alias: string): boolean {
  return /^[A-Z][A-Z0-9]{1,4}$/.test(alias);
}

/** Whether `text` names `alias` as a whole word or phrase. */
export function textNames(text: string, foldedText: string, alias: string): boolean {
  if (isCaseSensitiveAcronym(alias)) {
    return new RegExp(`(^|[^\\p{L}\\p{N}])${alias}($|[^\\p{L}\\p{N}])`, 'u').test(text);
  }
  const folded = foldName(alias);
  return folded.length > 0 && ` ${foldedText} `.includes(` ${folded} `);
}
