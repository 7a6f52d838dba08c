/**
 * A post's WordPress comments into the reader-comments plugin (once each, by the ledger) or, without the
 * plugin (or with `--comments-json`), into the list the importer writes to `comments.json`. Only approved
 * comments are imported, parents before replies; pingbacks, trackbacks and unapproved comments are
 * counted and skipped. Guests' emails go only where the plugin keeps them private.
 */
import type { Core } from '@strapi/strapi';
import { errorMessage } from '../../src/utils/error-message';
import type { Ledger } from './ledger';
import type { ImportReport } from './report';
import { htmlToText } from './strapi-blocks';
import type { WxrComment, WxrItem } from './wxr';

const ARTICLE = 'api::article.article';

/**
 * The approved comments in an order where each parent comes before its replies (WXR lists them in any
 * order). A reply whose parent is not among them stays, as a top-level comment; a cycle is left out.
 */
export function threadOrder(approved: readonly WxrComment[]): WxrComment[] {
  const ids = new Set(approved.map((c) => c.id));
  const ordered: WxrComment[] = [];
  const placed = new Set<number>();
  while (ordered.length < approved.length) {
    const before = ordered.length;
    for (const c of approved)
      if (!placed.has(c.id) && (!c.parent || !ids.has(c.parent) || placed.has(c.parent))) {
        ordered.push(c);
        placed.add(c.id);
      }
    if (ordered.length === before) break;
  }
  return ordered;
}

export interface CommentImporterOptions {
  strapi: Core.Strapi;
  ledger: Ledger;
  dryRun: boolean;
  /** where the counts go (`report.comments`) */
  report: ImportReport;
  /** `'file'`: collect every comment for `comments.json` even when the plugin is installed */
  target?: 'plugin' | 'file';
}

/** Imports posts' comments; `collected` is what goes to `comments.json` when the plugin does not take them. */
export function commentImporter({
  strapi,
  ledger,
  dryRun,
  report,
  target,
}: CommentImporterOptions) {
  const plugin = target !== 'file' ? strapi.plugin('reader-comments') : undefined;
  report.comments.target = plugin ? 'reader-comments' : 'none';
  const collected: Array<Record<string, unknown>> = [];

  async function importComments(item: WxrItem, documentId: string, locale: string): Promise<void> {
    const approved: WxrComment[] = [];
    for (const comment of item.comments) {
      if (comment.type === 'pingback' || comment.type === 'trackback')
        report.comments.pingbacks += 1;
      else if (comment.approved !== '1') report.comments.skipped += 1;
      else approved.push(comment);
    }
    for (const comment of threadOrder(approved)) {
      if (!plugin) {
        report.comments.imported += 1;
        collected.push({
          wpPostId: item.id,
          documentId,
          locale,
          wpId: comment.id,
          wpParentId: comment.parent || null,
          author: comment.author,
          authorEmail: comment.authorEmail,
          authorUrl: comment.authorUrl,
          date: comment.date,
          text: comment.content,
        });
        continue;
      }
      if ((await ledger.get<number>('comment', comment.id)) !== undefined) continue;
      if (dryRun) {
        report.comments.imported += 1;
        continue;
      }
      const parentId = comment.parent
        ? await ledger.get<number>('comment', comment.parent)
        : undefined;
      const id = (await plugin.service('comments').importApproved(
        { uid: ARTICLE, documentId, locale },
        {
          text: htmlToText(comment.content.replace(/<br\s*\/?>|<\/p>/gi, '\n')) || comment.content,
          authorName: comment.author,
          authorEmail: comment.authorEmail,
          parentId: parentId ?? null,
          createdAt: new Date(comment.date ?? Date.now()),
        }
      )) as number;
      await ledger.set<number>('comment', comment.id, id);
      report.comments.imported += 1;
    }
  }

  return {
    collected,
    /**
     * The comments of `item`, whose article is `documentId` in `locale`. A failure is noted on the post
     * (`notes`) and logged: the article is written, and the next run retries its comments.
     */
    async importOf(item: WxrItem, documentId: string, locale: string, notes: string[]) {
      try {
        await importComments(item, documentId, locale);
      } catch (error) {
        notes.push(`comments not all imported: ${errorMessage(error)}`);
        strapi.log.warn(`[wordpress-import] comments of post ${item.id}: ${errorMessage(error)}`);
      }
    },
  };
}
