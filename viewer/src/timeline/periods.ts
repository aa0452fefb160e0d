/**
 * Dates as periods, in whole UTC days. Sources often give only a year or a month, so a date is
 * the period it covers: `2014` runs from 1 January to 31 December 2014, `2014-06` across June.
 * These are the rules of src/model/dates.ts (firstDay, lastDay, validOn), written again here
 * because the viewer may import only types from the server (its runtime code would bring zod into
 * the bundle); tests/viewer/timeline-units.test.ts holds the two to the same answers.
 */

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DAY = 86_400_000;

/** A period of whole days, `first` and `last` both included, as days since 1970-01-01. */
export interface DayPeriod {
  first: number;
  last: number;
}

/** A brushed range as the URL holds it: two partial dates, `from` not after `to`. */
export interface DateRange {
  from: string;
  to: string;
}

export function isPartialDate(value: string): boolean {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return false;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
}

export function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY);
}

/** The days a partial date covers. Throws on a string that is not one (callers check first). */
export function periodOf(date: string): DayPeriod {
  const m = PARTIAL_DATE.exec(date);
  if (!m || !isPartialDate(date)) throw new Error(`"${date}" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD`);
  const year = Number(m[1]);
  if (m[2] === undefined) return { first: dayNumber(year, 1, 1), last: dayNumber(year, 12, 31) };
  const month = Number(m[2]);
  if (m[3] === undefined) return { first: dayNumber(year, month, 1), last: dayNumber(year, month + 1, 0) };
  const d = dayNumber(year, month, Number(m[3]));
  return { first: d, last: d };
}

/** The days a range covers: from the first day of `from` to the last day of `to`. */
export function rangePeriod(range: DateRange): DayPeriod {
  return { first: periodOf(range.from).first, last: periodOf(range.to).last };
}

/**
 * Whether something that holds from `since` to `until` may have held at some time in `range`:
 * the "As of" rule over a range. Partial dates are read generously, as As of reads them: a
 * relation `since: 2024-06` overlaps a range ending on any day of June 2024.
 */
export function heldDuring(range: DayPeriod, since?: string, until?: string): boolean {
  if (since !== undefined && periodOf(since).first > range.last) return false;
  if (until !== undefined && periodOf(until).last < range.first) return false;
  return true;
}

/** `2014-03..2016-11`: the URL's spelling of a range. */
export function formatRange(range: DateRange): string {
  return `${range.from}..${range.to}`;
}

/** A range from the URL, or undefined when it is not two dates in order. */
export function parseRange(text: string | null | undefined): DateRange | undefined {
  const m = /^([\d-]+)\.\.([\d-]+)$/.exec(text ?? '');
  if (!m || !isPartialDate(m[1]!) || !isPartialDate(m[2]!)) return undefined;
  const range = { from: m[1]!, to: m[2]! };
  return periodOf(range.from).first <= periodOf(range.to).last ? range : undefined;
}

/** YYYY-MM of a day number (the brush snaps to whole months). */
export function monthOf(day: number): string {
  const d = new Date(day * DAY);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** `2014-03 – 2016-11`, or one month alone when the range is one month. */
export function rangeText(range: DateRange): string {
  return range.from === range.to ? range.from : `${range.from} – ${range.to}`;
}
