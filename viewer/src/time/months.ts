/** Month arithmetic for the date sliders: a slider position is a month count since year 0. */
export function monthIndex(date: string): number {
  const [y, m] = date.split('-');
  return Number(y) * 12 + (m ? Number(m) - 1 : 11);
}

export function monthLabel(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/**
 * How a slider position reads. "Known by" a month means by the end of it, as the API reads a
 * month: a claim counts once every day its source's date could mean has passed, so a source
 * dated 2024 alone counts from December 2024, one dated 2024-06 from June.
 */
export function dateText(key: 'asOf' | 'knownBy', index: number): string {
  return key === 'knownBy' ? `end of ${monthLabel(index)}` : monthLabel(index);
}
