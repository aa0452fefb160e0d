import { z } from 'zod';

/** Partial ISO dates (`2024`, `2024-06`, `2024-06-22`): really intervals, so comparisons say which end they use. */
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export const PartialDate = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .superRefine((value, ctx) => {
    const [, year, month, day] = PARTIAL_DATE.exec(value) ?? [];
    const issue = (problem: string) => ctx.addIssue({ code: 'custom', message: `"${value}" ${problem}` });
    if (!year) issue('is not a date; use YYYY, YYYY-MM or YYYY-MM-DD');
    else if (month && (+month < 1 || +month > 12)) issue(`has month ${month}, which does not exist`);
    else if (day && (+day < 1 || +day > daysInMonth(+year, +month!)))
      issue(`has day ${day}, which does not exist in that month`);
  })
  .describe('A partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD');
export type PartialDate = string;

/** First day covered by a partial date, as YYYY-MM-DD. */
export function firstDay(date: PartialDate): string {
  const [y, m = '01', d = '01'] = date.split('-');
  return `${y}-${m}-${d}`;
}

/** Last day covered by a partial date, as YYYY-MM-DD. */
export function lastDay(date: PartialDate): string {
  const [y, m, d] = date.split('-');
  if (m === undefined) return `${y}-12-31`;
  return d === undefined ? `${date}-${daysInMonth(+y!, +m)}` : date;
}

/** Whether what holds from `since` to `until` may hold on `asOf`: `since: 2024-06` holds on any day of June 2024. */
export const validOn = (asOf: PartialDate, since?: PartialDate, until?: PartialDate): boolean =>
  (!since || firstDay(since) <= lastDay(asOf)) && (!until || lastDay(until) >= firstDay(asOf));

/** Whether `b` can not be earlier than `a` (used for until >= since). */
export const notBefore = (b: PartialDate, a: PartialDate): boolean => lastDay(b) >= firstDay(a);
