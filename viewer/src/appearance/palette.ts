import type { RelationStatus, SchemaResponse } from '../api/types';

/** Colours and sizes from the API's registries; one place decides how data looks. */
export const FALLBACK_COLOR = '#999999';
export const DIMMED_NODE = '#e4e4e4';
export const DIMMED_EDGE = '#efefef';
export const HIGHLIGHT_EDGE = '#111111';
/** An "N more" node: folded entities of any kind, so no kind's colour. */
export const FOLD_COLOR = '#c8c8c8';

export function kindColor(schema: SchemaResponse, kind: string): string {
  return schema.kinds[kind]?.color ?? FALLBACK_COLOR;
}

export function kindLabel(schema: SchemaResponse, kind: string): string {
  return schema.kinds[kind]?.label ?? kind;
}

export function typeColor(schema: SchemaResponse, type: string): string {
  return schema.relationTypes[type]?.color ?? FALLBACK_COLOR;
}

export function typeLabel(schema: SchemaResponse, type: string): string {
  return schema.relationTypes[type]?.label ?? type;
}

/**
 * Sigma v3 has no dashed edges, and its WebGL layers wash out translucent colours. A contested
 * claim is drawn in its type's colour mixed halfway to white (opaque) and thinner, so it reads as
 * "not established" next to reported claims; the legend says so. Direction still shows.
 */
export const CONTESTED: ReadonlySet<RelationStatus> = new Set(['alleged', 'denied', 'disputed']);

export function isContested(status: RelationStatus): boolean {
  return CONTESTED.has(status);
}

/** Mixes a #rrggbb colour toward `toward` (another #rrggbb) by `share` (0..1). */
export function mix(hex: string, toward: string, share: number): string {
  const a = /^#([0-9a-f]{6})$/i.exec(hex);
  const b = /^#([0-9a-f]{6})$/i.exec(toward);
  if (!a || !b) return hex;
  const channel = (c: string, i: number) => parseInt(c.slice(i, i + 2), 16);
  return (
    '#' +
    [0, 2, 4]
      .map((i) => Math.round(channel(a[1]!, i) * (1 - share) + channel(b[1]!, i) * share))
      .map((v) => v.toString(16).padStart(2, '0'))
      .join('')
  );
}

export type RelationLayer = 'cooperative' | 'hostile' | 'structural';
export const LAYERS: readonly { id: RelationLayer; label: string }[] = [
  { id: 'cooperative', label: 'Cooperative ties' },
  { id: 'hostile', label: 'Hostile ties' },
  { id: 'structural', label: 'Structural ties' },
];

/** The registry's layer of a relation type: the colour family it is drawn in. */
export function typeLayer(schema: SchemaResponse, type: string): RelationLayer {
  return schema.relationTypes[type]?.layer ?? 'structural';
}

/** The registry colours are line colours (greens and blues, reds, greys by layer). */
export function edgeColor(schema: SchemaResponse, type: string, contested: boolean): string {
  const line = typeColor(schema, type);
  return contested ? mix(line, '#ffffff', 0.5) : line;
}

/**
 * Node radius (px) by number of neighbours: the square root keeps hubs readable without
 * swallowing their neighbours, and the cap keeps a 100-tie hub from filling the area.
 */
export function nodeSize(degree: number): number {
  return Math.min(20, 4 + Math.sqrt(degree) * 2);
}
