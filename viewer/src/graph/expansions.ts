/**
 * An expansion as it sits in the URL: `id` adds all neighbours, `id:type1.type2` only those
 * joined by the chosen relation types (picked from per-type counts on busy nodes).
 */
export interface Expansion {
  id: string;
  types: string[];
}

export function parseExpansion(token: string): Expansion {
  const [id = '', types = ''] = token.split(':');
  return { id, types: types ? types.split('.').filter(Boolean) : [] };
}

export function formatExpansion(e: Expansion): string {
  return e.types.length ? `${e.id}:${e.types.join('.')}` : e.id;
}

/** Above this many new entities, expand asks which relation types to follow first. */
export const EXPAND_ASK_ABOVE = 15;
