import { dayNumber, formatDay, lastDays, periodStart } from '../days';

describe('days', () => {
  const at = Date.UTC(2026, 0, 3, 23, 59, 59); // 2026-01-03, late UTC evening

  it('numbers UTC days as YYYYMMDD and formats them back', () => {
    expect(dayNumber(at)).toBe(20260103);
    expect(formatDay(20260103)).toBe('2026-01-03');
  });

  it('lists the last N days oldest first, across a year boundary', () => {
    expect(lastDays(at, 5)).toEqual([20251230, 20251231, 20260101, 20260102, 20260103]);
  });

  it('starts periods today (day), 7 days (week), 30 days (month) back, none for all', () => {
    expect(periodStart('day', at)).toBe(20260103);
    expect(periodStart('week', at)).toBe(20251228);
    expect(periodStart('month', at)).toBe(20251205);
    expect(periodStart('all', at)).toBeNull();
  });
});
