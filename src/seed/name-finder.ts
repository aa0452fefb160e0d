import { acronymPattern, foldName, isCaseSensitiveAcronym, type Entity } from '../model';

/** Every spelling that counts as naming an entity in a source text. */
export const namesOf = (e: Entity) => [e.name, ...e.aliases, ...e.demonyms];

const tokensOf = (text: string) => foldName(text).split(' ').filter(Boolean);

/**
 * Finds which entities a paragraph names. A name counts only where it is not merely part of a
 * longer name of another entity: "Pakistan" inside "China-Pakistan Economic Corridor", or
 * "Afghan" inside "Afghan Taliban", does not name Pakistan or Afghanistan. The exception is a
 * claim about the two entities themselves: "Imran Khan government" names Imran Khan for the
 * claim that he leads that government.
 */
export class NameFinder {
  /** Short all-caps acronyms also need their exact spelling in the raw text. */
  private readonly patterns: { entity: string; tokens: string[]; acronym?: RegExp }[];
  /** Per text, per entity it names: for each place, the entities whose longer names contain it. */
  private readonly cache = new Map<string, Map<string, Set<string>[]>>();

  constructor(entities: readonly Entity[]) {
    this.patterns = entities.flatMap((e) =>
      namesOf(e)
        .map((name) => ({
          entity: e.id,
          tokens: tokensOf(name),
          acronym: isCaseSensitiveAcronym(name) ? acronymPattern(name) : undefined,
        }))
        .filter((p) => p.tokens.length > 0),
    );
  }

  /** Whether `text` names `entity` in a place not swallowed by a name of anything outside `allowed`. */
  names(text: string, entity: string, allowed: ReadonlySet<string>): boolean {
    let occurrences = this.cache.get(text);
    if (!occurrences) this.cache.set(text, (occurrences = this.occurrences(text)));
    return (occurrences.get(entity) ?? []).some((swallowers) => [...swallowers].every((s) => allowed.has(s)));
  }

  private occurrences(text: string): Map<string, Set<string>[]> {
    const tokens = tokensOf(text);
    const found: { entity: string; start: number; end: number }[] = [];
    for (const { entity, tokens: name, acronym } of this.patterns) {
      if (acronym && !acronym.test(text)) continue;
      for (let i = 0; i + name.length <= tokens.length; i++)
        if (name.every((t, j) => tokens[i + j] === t)) found.push({ entity, start: i, end: i + name.length });
    }
    const result = new Map<string, Set<string>[]>();
    for (const o of found) {
      const longer = found.filter(
        (x) => x.entity !== o.entity && x.start <= o.start && x.end >= o.end && x.end - x.start > o.end - o.start,
      );
      result.set(o.entity, [...(result.get(o.entity) ?? []), new Set(longer.map((x) => x.entity))]);
    }
    return result;
  }
}
