import type { RelationStatus, SchemaResponse } from '../api/types';

/** Colours and sizes from the API's registries; one place decides how data looks. */
export const FALLBACK_COLOR = '#999999';
export const DIMMED_NODE = '#e4e4e4';
export const DIMMED_EDGE = '#efefef';
export const HIGHLIGHT_EDGE = '#111111';

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
 * Sigma v3 has no dashed edges. A contested claim is drawn in its type's colour at low opacity
 * and thinner, so it reads as "not established" next to reported claims; the legend says so.
 * Direction still shows (arrow head); symmetric relations have none.
 */
export const CONTESTED: ReadonlySet<RelationStatus> = new Set(['alleged', 'denied', 'disputed']);

export function isContested(status: RelationStatus): boolean {
  return CONTESTED.has(status);
}

export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const a = Math.round(Math.max(0, Math.min(1, alpha)) * 255)
    .toString(16)
    .padStart(2, '0');
  return `#${m[1]}${a}`;
}

/** Node size by degree: the square root keeps hubs readable without swallowing their neighbours. */
export function nodeSize(degree: number): number {
  return 5 + Math.sqrt(degree) * 3;
}
