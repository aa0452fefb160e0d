import type { GraphJson } from '../../store/port';

/** The graphology serialisation itself: `Graph.from(JSON.parse(text))` reads it. */
export function exportJson(json: GraphJson): string {
  return `${JSON.stringify(json)}\n`;
}
