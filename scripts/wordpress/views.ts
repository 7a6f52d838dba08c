/**
 * View counts kept outside the export: Post Views Counter's `{prefix}post_views` and WordPress Popular
 * Posts' `{prefix}popularpostsdata` / `popularpostssummary`, dumped as CSV with the README's query:
 * `post_id,period,count` where period is `total`, a day (`20240115` or `2024-01-15`), or a week, month
 * or year (Post Views Counter's other periods, ignored: the totals and days already hold them).
 */
import fs from 'node:fs';
import { parse } from 'csv-parse';

export interface ViewCounts {
  byPost: Map<number, { total?: number; days: Map<number, number> }>;
  /** rows that were not understood, with the reason (first few) */
  rejected: string[];
}

/** A period as a YYYYMMDD day, 'total', or null (weeks, months, years, nonsense). */
export function periodOf(period: string): number | 'total' | null {
  const text = period.trim();
  if (text.toLowerCase() === 'total') return 'total';
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return year * 10_000 + month * 100 + day;
}

/** Adds one CSV row to `counts` (totals: the largest seen wins, days: summed). */
export function addViewRow(counts: ViewCounts, row: Record<string, string>): void {
  const postId = Number(row.post_id ?? row.postid ?? row.id);
  const count = Number(row.count ?? row.pageviews ?? row.views);
  const period = periodOf(String(row.period ?? row.view_date ?? row.day ?? 'total'));
  if (!Number.isSafeInteger(postId) || postId <= 0 || !Number.isFinite(count) || count < 0) {
    if (counts.rejected.length < 20) counts.rejected.push(JSON.stringify(row).slice(0, 120));
    return;
  }
  if (period === null) return;
  const entry = counts.byPost.get(postId) ?? { days: new Map<number, number>() };
  if (period === 'total') entry.total = Math.max(entry.total ?? 0, Math.floor(count));
  else entry.days.set(period, (entry.days.get(period) ?? 0) + Math.floor(count));
  counts.byPost.set(postId, entry);
}

/** Reads a views CSV (header row required), streaming. */
export async function readViewsCsv(file: string): Promise<ViewCounts> {
  const counts: ViewCounts = { byPost: new Map(), rejected: [] };
  const parser = fs.createReadStream(file).pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
    })
  );
  for await (const row of parser) addViewRow(counts, row as Record<string, string>);
  return counts;
}
