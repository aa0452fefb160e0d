/**
 * Name folding shared by search, citation checks and mention finding: case, accents, curly
 * quotes and punctuation are not what distinguishes one actor from another.
 */
export function foldName(value: string): string {
  return (
    foldAscii(value) ??
    value
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['’‘`´]s\b/g, '')
      .replace(/['’‘`´]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/**
 * foldName of a text made of ASCII letters, digits and punctuation other than the apostrophes:
 * there, it only lowercases and turns each run of other characters into one space, trimmed. Read
 * by character codes, several times faster than the general regular expressions, which a million
 * names would spend seconds on. Null for any other text.
 */
function foldAscii(value: string): string | null {
  let out = '';
  let start = -1; // start of the current run of letters and digits
  let pending = false; // a separator is owed before the next run
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : -1;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
      if (start < 0) start = i;
      continue;
    }
    if (c > 126 || c === 39 || c === 96) return null;
    if (start >= 0) {
      out += (pending ? ' ' : '') + value.slice(start, i);
      start = -1;
      pending = true;
    }
  }
  return out.toLowerCase();
}

/**
 * Short all-capital acronyms ("US", "ISI", "BLA") are matched with their case: folded, "US"
 * would match every "us" in a text.
 */
export function isCaseSensitiveAcronym(alias: string): boolean {
  return /^[A-Z][A-Z0-9]{1,4}$/.test(alias);
}

/** Where the acronym stands as a whole word in a raw text. */
export const acronymPattern = (alias: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${alias}($|[^\\p{L}\\p{N}])`, 'u');

/** Whether `text` names `alias` as a whole word or phrase. */
export function textNames(text: string, foldedText: string, alias: string): boolean {
  if (isCaseSensitiveAcronym(alias)) return acronymPattern(alias).test(text);
  const folded = foldName(alias);
  return folded.length > 0 && ` ${foldedText} `.includes(` ${folded} `);
}

/**
 * Connector words of Urdu and Pashto names written in Latin letters: the izafat ("Tehreek-e-
 * Taliban", "Tehrik-i-Taliban") and the Arabic article in its assimilated forms ("Radd-ul-Fasaad",
 * "Jamaat-ud-Dawa", "al-Qaeda"). Each group is spelled one way in a search key.
 */
const IZAFAT = new Set(['e', 'i', 'y']);
const ARTICLE = new Set(['ul', 'al', 'ud', 'ur', 'ut', 'ad', 'el']);

function canonicalWord(word: string): string {
  if (IZAFAT.has(word)) return 'i';
  if (ARTICLE.has(word)) return 'ul';
  if (!hasVariant(word)) return word;
  return word
    .replace(/ee/g, 'i') // Tehreek / Tehrik
    .replace(/oo/g, 'u') // Pukhtoon / Pukhtun
    .replace(/ae/g, 'ai') // Qaeda / Qaida
    .replace(/(.)\1+/g, '$1'); // Radd / Rad, Fasaad / Fasad, Jamaat / Jamat
}

/** Whether a canonicalWord rewrite applies: a letter repeated (which covers ee and oo) or "ae". */
function hasVariant(word: string): boolean {
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const before = word.charCodeAt(i - 1);
    if (c === before || (before === 97 && c === 101)) return true;
  }
  return false;
}

/**
 * The key a name is looked up by: foldName, then the transliteration variants the sources mix
 * canonicalised (connectors, doubled letters, ee/i, oo/u, ae/ai). Both stores index names,
 * aliases and demonyms by this key and fold the query the same way, so `azm-e-istehkam`,
 * `Azm-i-Istehkam` and `AZM E ISTEHKAM` are one key. Deliberately more forgiving than foldName,
 * which citation checks use to find names in source text.
 */
export function searchKey(value: string): string {
  const folded = foldName(value);
  if (folded.length === 0) return '';
  // Most names have no word to rewrite: then the key is the folded name itself.
  return anyWordRewritten(folded) ? folded.split(' ').map(canonicalWord).join(' ') : folded;
}

/** Whether canonicalWord changes any word of a folded name (words are joined by single spaces). */
function anyWordRewritten(folded: string): boolean {
  let wordStart = 0;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 32;
    if (c === 32) {
      const length = i - wordStart;
      if (length <= 2) {
        const word = folded.slice(wordStart, i);
        if (IZAFAT.has(word) || ARTICLE.has(word)) return true;
      }
      wordStart = i + 1;
    } else if (i > wordStart) {
      const before = folded.charCodeAt(i - 1);
      if (c === before || (before === 97 && c === 101)) return true;
    }
  }
  return false;
}
