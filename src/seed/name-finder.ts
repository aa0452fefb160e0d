import { acronymPattern, foldName, isCaseSensitiveAcronym, type Entity } from '../model';

/** Every spelling that counts as naming an entity in a source text. */
export function namesOf(entity: Pick<Entity, 'name' | 'aliases' | 'demonyms'>): string[] {
  return [entity.name, ...entity.aliases, ...entity.demonyms];
}

interface NamePattern {
  entity: string;
  tokens: string[];
  /** For short all-caps acronyms: the exact spelling that must appear in the raw text. */
  acronym?: RegExp;
}

/**
 * Finds which entities a paragraph names. A name counts only where it is not merely part of a
 * longer name of another entity: "Pakistan" inside "China-Pakistan Economic Corridor", or
 * "Afghan" inside "Afghan Taliban", does not name Pakistan or Afghanistan. The exception is a
 * claim about the two entities themselves: "Imran Khan government" names Imran Khan for the
 * claim that he leads that government.
 */
export class NameFinder {
  private readonly patterns: NamePattern[] = [];
  private readonly cache = new Map<string, Map<string, Set<string>[]>>();

  constructor(entities: readonly Entity[]) {
    for (const e of entities) {
      for (const name of namesOf(e)) {
        const tokens = foldName(name).split(' ').filter(Boolean);
        if (tokens.length === 0) continue;
        this.patterns.push({
          entity: e.id,
          tokens,
          ...(isCaseSensitiveAcronym(name) ? { acronym: acronymPattern(name) } : {}),
        });
      }
    }
  }

  /** Whether `text` names `entity` in a place not swallowed by a name of anything outside `allowed`. */
  names(text: string, entity: string, allowed: ReadonlySet<string>): boolean {
    return (this.occurrences(text).get(entity) ?? []).some((swallowers) =>
      [...swallowers].every((s) => allowed.has(s)),
    );
  }

  /** Per entity named in `text`: for each place it is named, the entities whose longer names contain it. */
  private occurrences(text: string): Map<string, Set<string>[]> {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const tokens = foldName(text).split(' ').filter(Boolean);
    const occurrences: { entity: string; start: number; end: number }[] = [];
    for (const p of this.patterns) {
      if (p.acronym && !p.acronym.test(text)) continue;
      for (let i = 0; i + p.tokens.length <= tokens.length; i++) {
        if (p.tokens.every((t, j) => tokens[i + j] === t))
          occurrences.push({ entity: p.entity, start: i, end: i + p.tokens.length });
      }
    }
    const result = new Map<string, Set<string>[]>();
    for (const o of occurrences) {
      const swallowers = new Set(
        occurrences
          .filter(
            (other) =>
              other.entity !== o.entity &&
              other.start <= o.start &&
              other.end >= o.end &&
              other.end - other.start > o.end - o.start,
          )
          .map((other) => other.entity),
      );
      const list = result.get(o.entity) ?? [];
      list.push(swallowers);
      result.set(o.entity, list);
    }
    this.cache.set(text, result);
    return result;
  }
}
