/**
 * Calendar days as integers (YYYYMMDD, UTC): sortable, comparable and index-friendly on every database,
 * with none of the time-zone surprises DATE columns bring across SQLite, PostgreSQL and MySQL.
 */

const MS_PER_DAY = 86_400_000;

/** The UTC day of `at` as an integer, e.g. 2026-11-24 → 20261124. */
export function dayNumber(at: Date | number): number {
  const date = typeof at === 'number' ? new Date(at) : at;
  return date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

/** 20261124 → '2026-11-24'. */
export function formatDay(day: number): string {
  const year = Math.floor(day / 10_000);
  const month = Math.floor(day / 100) % 100;
  const date = day % 100;
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** The `count` days ending with the day of `now`, oldest first, as day numbers. */
export function lastDays(now: Date | number, count: number): number[] {
  const end = typeof now === 'number' ? now : now.getTime();
  const days: number[] = [];
  for (let offset = count - 1; offset >= 0; offset -= 1)
    days.push(dayNumber(end - offset * MS_PER_DAY));
  return days;
}

export const PERIODS = ['day', 'week', 'month', 'all'] as const;
export type Period = (typeof PERIODS)[number];

/** Days a period covers, today included: day = today (UTC), week = 7 days, month = 30 days, all = no bound. */
export const PERIOD_DAYS: Record<Exclude<Period, 'all'>, number> = { day: 1, week: 7, month: 30 };

/** The first day (inclusive) a period covers, or null for 'all'. */
export function periodStart(period: Period, now: Date | number): number | null {
  if (period === 'all') return null;
  return lastDays(now, PERIOD_DAYS[period])[0];
}
