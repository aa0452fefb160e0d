import type { RelationStatus } from '../api/types';
import { h } from '../ui/dom';

export function statusBadge(status: RelationStatus): HTMLSpanElement {
  return h(
    'span',
    {
      class: `status status-${status}`,
      title: status === 'reported' ? 'reported by the source as fact' : `${status} claim`,
    },
    status,
  );
}
