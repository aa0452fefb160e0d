import type { GraphJson } from '../../model';

/** The graphology serialisation itself: `Graph.from(JSON.parse(text))` reads it. */
export function exportJson(json: GraphJson): string {
  return `${JSON.stringify(json)}\n`;
}
