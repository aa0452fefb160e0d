import { dayNumber, type DayPeriod } from './periods';

export interface Tick {
  day: number;
  label: string;
  /** A year boundary: drawn a little stronger than a month tick. */
  major: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Steps the axis may use, in months: months while a range is short, then years, then decades. */
const STEPS = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600];
/** Room a tick label needs: "2014" or "Jun" at 11 px, with air either side. */
export const MIN_TICK_GAP = 56;

/**
 * Ticks for an axis over `domain` drawn `width` pixels wide: the finest step (in months) that
 * keeps labels at least MIN_TICK_GAP apart, on calendar boundaries (years divisible by the step,
 * months at multiples of it). Month ticks read "Jun", and January shows its year.
 */
export function chooseTicks(domain: DayPeriod, width: number): Tick[] {
  const days = Math.max(1, domain.last - domain.first);
  const pxPerMonth = (width / days) * 30.44;
  const step = STEPS.find((s) => s * pxPerMonth >= MIN_TICK_GAP) ?? STEPS[STEPS.length - 1]!;
  const start = new Date(domain.first * 86_400_000);
  let index = start.getUTCFullYear() * 12 + start.getUTCMonth();
  index = Math.ceil(index / step) * step;
  const ticks: Tick[] = [];
  for (; ; index += step) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const day = dayNumber(year, month, 1);
    if (day > domain.last) break;
    if (day < domain.first) continue;
    ticks.push({ day, label: month === 1 ? String(year) : MONTHS[month - 1]!, major: month === 1 });
  }
  return ticks;
}
