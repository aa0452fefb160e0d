/** Folding for search, citations and mentions: case, accents, quotes and punctuation do not tell actors apart. */
export function foldName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`´](?:s\b)?/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Short all-capital acronyms ("US", "ISI", "BLA") match with their case: folded, "US" would match every "us". */
export const isCaseSensitiveAcronym = (alias: string): boolean => /^[A-Z][A-Z0-9]{1,4}$/.test(alias);

/** Where the acronym stands as a whole word in a raw text. */
export const acronymPattern = (alias: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${alias}($|[^\\p{L}\\p{N}])`, 'u');

/** Whether `text` names `alias` as a whole word or phrase. */
export function textNames(text: string, foldedText: string, alias: string): boolean {
  if (isCaseSensitiveAcronym(alias)) return acronymPattern(alias).test(text);
  const folded = foldName(alias);
  return folded.length > 0 && ` ${foldedText} `.includes(` ${folded} `);
}

// Connector words of romanised Urdu and Pashto names, each group spelled one way in a search key: the izafat
// ("Tehreek-e-Taliban") and the Arabic article in its assimilated forms ("Radd-ul-Fasaad", "al-Qaeda").
const IZAFAT = new Set(['e', 'i', 'y']);
const ARTICLE = new Set(['ul', 'al', 'ud', 'ur', 'ut', 'ad', 'el']);
/** A folded name (words joined by single spaces) with a word canonicalWord changes; most names have none. */
const REWRITTEN = /(?:^| )(?:[eiy]|ul|al|ud|ur|ut|ad|el)(?= |$)|(.)\1|ae/;

function canonicalWord(word: string): string {
  if (IZAFAT.has(word)) return 'i';
  if (ARTICLE.has(word)) return 'ul';
  return word
    .replace(/ee/g, 'i') // Tehreek / Tehrik
    .replace(/oo/g, 'u') // Pukhtoon / Pukhtun
    .replace(/ae/g, 'ai') // Qaeda / Qaida
    .replace(/(.)\1+/g, '$1'); // Radd / Rad, Fasaad / Fasad, Jamaat / Jamat
}

/**
 * The key both stores look names up by: foldName, then the transliteration variants the sources mix made one
 * (connectors, doubled letters, ee/i, oo/u, ae/ai). More forgiving than foldName, which finds names in source texts.
 */
export function searchKey(value: string): string {
  const folded = foldName(value);
  return REWRITTEN.test(folded) ? folded.split(' ').map(canonicalWord).join(' ') : folded;
}
