import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type {
  BlockBy,
  BlockResult,
  CommentStatus,
  HoldRule,
  ModeratedComment,
  ModerationAction,
  ModerationLogAction,
  ModerationLogEntry,
  ModerationLogPage,
  ModerationQueue,
  ModerationQueuePage,
  ModerationResult,
  ModeratorEditResult,
} from '../../../shared/contracts';
import { BLOCK_UID, COMMENT_UID, LOG_UID, REPORT_UID } from '../content-types';
import { ConflictError } from '../lib/errors';
import { normalizeText } from '../lib/text';
import type { Transaction } from './counts';
import { getConfig, getService } from '../utils';

const STATUS_OF: Record<ModerationAction, CommentStatus> = {
  approve: 'approved',
  reject: 'rejected',
  spam: 'spam',
  remove: 'removed',
};

/** The admin user acting. */
export interface Moderator {
  id: number;
  name: string;
}

interface Row {
  id: number;
  subjectType: string;
  subjectId: string;
  subjectLocale: string;
  parentId: number | null;
  rootId: number | null;
  text: string;
  status: CommentStatus;
  heldBy: HoldRule | null;
  heldDetail: string | null;
  authorName: string;
  authorUserId: number | null;
  authorEmail: string | null;
  authorKey: string;
  addressHash: string | null;
  reportCount: number;
  createdAt: string | Date;
  editedAt: string | Date | null;
  revisions: Array<{ text: string; at: string; by?: string; reason?: string }> | null;
}

interface LogRow {
  id: number;
  action: ModerationLogAction;
  commentIds: number[] | null;
  reason: string | null;
  moderatorId: number | null;
  moderator: string | null;
  createdAt: string | Date;
}

const toModerated = (row: Row): ModeratedComment => ({
  id: row.id,
  subject: { uid: row.subjectType, documentId: row.subjectId, locale: row.subjectLocale },
  parentId: row.parentId ?? null,
  text: row.text,
  status: row.status,
  heldBy: row.heldBy ?? null,
  heldDetail: row.heldDetail ?? null,
  author: {
    name: row.authorName,
    userId: row.authorUserId ?? null,
    email: row.authorEmail ?? null,
  },
  reportCount: row.reportCount ?? 0,
  createdAt: new Date(row.createdAt).toISOString(),
  editedAt: row.editedAt ? new Date(row.editedAt).toISOString() : null,
});

const toLogEntry = (row: LogRow): ModerationLogEntry => ({
  id: row.id,
  action: row.action,
  commentIds: row.commentIds ?? [],
  moderator: row.moderator ?? null,
  moderatorId: row.moderatorId ?? null,
  reason: row.reason ?? null,
  createdAt: new Date(row.createdAt).toISOString(),
});

/**
 * The moderators' side: queues, decisions on one or many comments (in one transaction with the recounts
 * they cause), edits with a reason, blocks, readers' reports, and a log of every moderator action.
 */
const createModerationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const comments = () => strapi.db.query(COMMENT_UID as never);

  const record = (
    action: ModerationLogAction,
    commentIds: number[],
    moderator: Moderator,
    reason?: string
  ) =>
    strapi.db.query(LOG_UID as never).create({
      data: {
        action,
        commentIds,
        reason: reason ?? null,
        moderatorId: moderator.id,
        moderator: moderator.name,
      },
    });

  /** Recounts the documents and threads `rows` belong to (inside the caller's transaction). */
  const recountAll = (tx: Transaction, rows: Row[]) =>
    getService(strapi, 'counts').recountAffected(tx, rows);

  return {
    /**
     * A page of a queue, newest first: pending (held), reported, spam, rejected, approved or all; only
     * one document's comments (every locale) when `document` is given.
     */
    async queue(
      queue: ModerationQueue,
      page: number,
      pageSize: number,
      document?: { uid: string; documentId: string }
    ): Promise<ModerationQueuePage> {
      const where: Record<string, unknown> = {
        ...(queue === 'all'
          ? { status: { $ne: 'removed' } }
          : queue === 'reported'
            ? { reportCount: { $gt: 0 }, status: { $in: ['approved', 'pending'] } }
            : { status: queue }),
        ...(document ? { subjectType: document.uid, subjectId: document.documentId } : {}),
      };
      const [rows, total] = await Promise.all([
        comments().findMany({
          where,
          orderBy: { id: 'desc' },
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }) as Promise<Row[]>,
        comments().count({ where }) as Promise<number>,
      ]);
      return { data: rows.map(toModerated), meta: { page, pageSize, total } };
    },

    /** Applies `action` to every comment of `ids` in one transaction, recounts what it changes, and logs it. */
    async act(
      ids: number[],
      action: ModerationAction,
      moderator: Moderator,
      reason?: string
    ): Promise<ModerationResult> {
      const rows = (await comments().findMany({ where: { id: { $in: ids } } })) as Row[];
      const missing = ids.filter((id) => !rows.some((row) => row.id === id));
      if (missing.length > 0) throw new errors.NotFoundError(`No comment ${missing.join(', ')}`);
      const status = STATUS_OF[action];
      const updated = (await strapi.db.transaction(async (tx) => {
        await comments().updateMany({
          where: { id: { $in: ids } },
          data: { status, ...(action === 'approve' ? { heldBy: null, heldDetail: null } : {}) },
        });
        await recountAll(tx, rows);
        await record(action, ids, moderator, reason);
        await getService(strapi, 'notifications').afterModeration(ids, status);
        tx.onCommit(() => getService(strapi, 'outbox').nudge());
        return comments().findMany({ where: { id: { $in: ids } }, orderBy: { id: 'asc' } });
      })) as Row[];
      return { data: updated.map(toModerated) };
    },

    /** Replaces a comment's text for a moderator, keeping the previous text with who changed it and why. */
    async edit(
      id: number,
      rawText: string,
      moderator: Moderator,
      reason: string
    ): Promise<ModeratorEditResult> {
      const row = (await comments().findOne({ where: { id } })) as Row | null;
      if (!row) throw new errors.NotFoundError(`No comment ${id}`);
      const text = normalizeText(rawText);
      const { text: limits } = getConfig(strapi);
      if ([...text].length < limits.minLength || [...text].length > limits.maxLength) {
        throw new errors.ValidationError(
          `The text must have ${limits.minLength} to ${limits.maxLength} characters`
        );
      }
      const revisions = [
        ...(row.revisions ?? []),
        { text: row.text, at: new Date().toISOString(), by: moderator.name, reason },
      ];
      const saved = (await strapi.db.transaction(async (tx) => {
        const result = (await comments().update({
          where: { id },
          data: { text, revisions, editedAt: new Date() },
        })) as Row;
        await recountAll(tx, [result]);
        await record('edit', [id], moderator, reason);
        return result;
      })) as Row;
      return { data: toModerated(saved) };
    },

    /**
     * Blocks the author of comment `id` from commenting: by their account, their verified email (its
     * hash) or the address the comment came from (`by`). Their pending comments become spam.
     */
    async block(
      id: number,
      by: BlockBy,
      moderator: Moderator,
      reason?: string
    ): Promise<BlockResult> {
      const row = (await comments().findOne({ where: { id } })) as Row | null;
      if (!row) throw new errors.NotFoundError(`No comment ${id}`);
      if (by === 'address' && !row.addressHash)
        throw new errors.ValidationError(
          `Comment ${id} no longer has an address (it is older than the retention period)`
        );
      const blockedKey = by === 'author' ? row.authorKey : `address:${row.addressHash}`;
      const blocks = strapi.db.query(BLOCK_UID as never);
      if (await blocks.findOne({ where: { blockedKey } }))
        throw new ConflictError('This author is already blocked');
      const pending = (await comments().findMany({
        where:
          by === 'author'
            ? { authorKey: row.authorKey, status: 'pending' }
            : { addressHash: row.addressHash, status: 'pending' },
      })) as Row[];
      await strapi.db.transaction(async (tx) => {
        await blocks.create({
          data: { blockedKey, reason: reason ?? null, moderator: moderator.name },
        });
        if (pending.length > 0) {
          await comments().updateMany({
            where: { id: { $in: pending.map((comment) => comment.id) } },
            data: { status: 'spam' },
          });
          await recountAll(tx, pending);
        }
        await record(by === 'author' ? 'block-author' : 'block-address', [id], moderator, reason);
      });
      return {
        data: { blocked: by === 'author' ? (row.authorUserId ? 'user' : 'email') : 'address' },
      };
    },

    /** Whether any of `keys` (an author key, `address:<hash>`) is blocked. */
    async isBlocked(keys: string[]): Promise<boolean> {
      return (
        (await strapi.db
          .query(BLOCK_UID as never)
          .count({ where: { blockedKey: { $in: keys } } })) > 0
      );
    },

    /**
     * A reader's report of an approved comment, once per reader: a second report is a 409. When reports
     * reach `hideAfterReports`, the comment waits for a moderator (held by `reports`).
     */
    async report(
      id: number,
      readerKey: string,
      reason?: string
    ): Promise<{ data: { reported: true; hidden: boolean } }> {
      const row = (await comments().findOne({ where: { id } })) as Row | null;
      if (!row || row.status !== 'approved') throw new errors.NotFoundError(`No comment ${id}`);
      const reports = strapi.db.query(REPORT_UID as never);
      if (await reports.findOne({ where: { commentId: id, readerKey } }))
        throw new ConflictError('You already reported this comment');
      const threshold = getConfig(strapi).moderation.hideAfterReports;
      const hidden = await strapi.db.transaction(async (tx) => {
        try {
          await reports.create({ data: { commentId: id, readerKey, reason: reason ?? null } });
        } catch (error) {
          if (await reports.findOne({ where: { commentId: id, readerKey } }))
            throw new ConflictError('You already reported this comment');
          throw error;
        }
        const reportCount = (await reports.count({ where: { commentId: id } })) as number;
        const hide = threshold > 0 && reportCount >= threshold;
        await comments().update({
          where: { id },
          data: {
            reportCount,
            ...(hide
              ? {
                  status: 'pending',
                  heldBy: 'reports',
                  heldDetail: `${reportCount} reports from readers`,
                }
              : {}),
          },
        });
        if (hide) await recountAll(tx, [row]);
        return hide;
      });
      return { data: { reported: true, hidden } };
    },

    /** The moderation log, newest first. */
    async log(page: number, pageSize: number): Promise<ModerationLogPage> {
      const query = strapi.db.query(LOG_UID as never);
      const [rows, total] = await Promise.all([
        query.findMany({
          orderBy: { id: 'desc' },
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }) as Promise<LogRow[]>,
        query.count() as Promise<number>,
      ]);
      return { data: rows.map(toLogEntry), meta: { page, pageSize, total } };
    },
  };
};

export type ModerationService = ReturnType<typeof createModerationService>;
export default createModerationService;
