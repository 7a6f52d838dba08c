/**
 * What an import did, item by item, and the short summary printed at its end. The JSON report lists
 * every post and attachment with what happened to it and why; losses are listed with their post.
 */
import type { Loss } from './strapi-blocks';

export type Action = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface PostReport {
  wpId: number;
  type: string;
  title: string;
  action: Action;
  documentId?: string;
  locale?: string;
  slug?: string;
  status?: 'published' | 'draft';
  sticky?: true;
  reason?: string;
  notes?: string[];
  losses?: Loss[];
}

export interface MediaReport {
  wpId: number;
  action: 'uploaded' | 'reused' | 'failed';
  fileId?: number;
  from?: string;
  reason?: string;
  /** the image credit made for the file, or why none was made */
  credit?: string;
}

export interface ImportReport {
  file: string;
  site: string;
  dryRun: boolean;
  resumed: boolean;
  startedAt: string;
  finishedAt?: string;
  posts: PostReport[];
  media: MediaReport[];
  tags: { created: number; existing: number };
  views: { totals: number; days: number; unmatched: number };
  comments: { imported: number; skipped: number; pingbacks: number; target: string };
  redirects: { count: number; csv?: string; nginx?: string };
  /** control characters removed from the export (XML 1.0 forbids them) */
  invalidCharacters: number;
}

/** How many posts a dry run lists on screen. */
const DRY_RUN_LINES = 50;

/** A count of posts by action. */
export function countActions(posts: PostReport[]): Record<Action, number> {
  const counts: Record<Action, number> = {
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
  };
  for (const post of posts) counts[post.action] += 1;
  return counts;
}

/** The few lines printed at the end of a run. */
export function summaryLines(report: ImportReport): string[] {
  const posts = countActions(report.posts);
  const media = { uploaded: 0, reused: 0, failed: 0 };
  for (const m of report.media) media[m.action] += 1;
  const withLosses = report.posts.filter((p) => (p.losses?.length ?? 0) > 0).length;
  const verb = report.dryRun ? 'would be ' : '';
  const lines = [
    `WordPress import${report.dryRun ? ' (dry run: nothing written)' : ''}: ${report.site}`,
    `  posts: ${posts.created} ${verb}created, ${posts.updated} ${verb}updated, ${posts.unchanged} unchanged, ${posts.skipped} skipped, ${posts.failed} failed`,
    `  images: ${media.uploaded} ${verb}uploaded, ${media.reused} reused, ${media.failed} failed`,
    `  tags: ${report.tags.created} ${verb}created, ${report.tags.existing} existing`,
    `  views: ${report.views.totals} totals, ${report.views.days} per-day values${report.views.unmatched ? `, ${report.views.unmatched} rows for unknown posts` : ''}`,
    `  comments: ${report.comments.imported} → ${report.comments.target}, ${report.comments.pingbacks} pingbacks and ${report.comments.skipped} unapproved skipped`,
    `  redirects: ${report.redirects.count}${report.redirects.csv ? ` (${report.redirects.csv}, ${report.redirects.nginx})` : ''}`,
  ];
  if (report.dryRun) {
    // what would change, post by post (the report has them all)
    const changes = report.posts.filter((p) => p.action === 'created' || p.action === 'updated');
    for (const p of changes.slice(0, DRY_RUN_LINES))
      lines.push(
        `  would ${p.action === 'created' ? 'create' : 'update'} post ${p.wpId} "${p.title}" (${p.locale}, ${p.status})`
      );
    if (changes.length > DRY_RUN_LINES)
      lines.push(`  … and ${changes.length - DRY_RUN_LINES} more (see the report)`);
  }
  if (withLosses > 0)
    lines.push(
      `  ${withLosses} post(s) had content Strapi blocks cannot hold: see "losses" in the report`
    );
  for (const failed of report.media.filter((m) => m.action === 'failed').slice(0, 5))
    lines.push(`  image ${failed.wpId} failed: ${failed.reason}`);
  for (const failed of report.posts.filter((p) => p.action === 'failed').slice(0, 5))
    lines.push(`  post ${failed.wpId} failed: ${failed.reason}`);
  return lines;
}
