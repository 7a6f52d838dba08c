import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { COMMENT_UID, LOG_UID, REPORT_UID } from '../content-types';
import { authorKeyFor } from '../lib/author-key';
import type { Transaction } from './counts';
import type { Moderator } from './moderation';
import { getService } from '../utils';

/** Who a data request is about: a guest by email, or a signed-in user by id. */
export type DataSubject = { email: string } | { userId: number };

interface Row {
  id: number;
  subjectType: string;
  subjectId: string;
  subjectLocale: string;
  rootId: number | null;
  text: string;
  status: string;
  authorName: string;
  authorEmail: string | null;
  createdAt: string | Date;
  editedAt: string | Date | null;
  revisions: Array<{ text: string; at: string }> | null;
}

/**
 * Data requests (access and erasure) about one commenter, answered by a moderator: everything the plugin
 * keeps about them, and its removal. Erasing keeps others' replies in their threads: the commenter's
 * top-level comments that were answered stay as empty placeholders.
 */
const createPersonalDataService = ({ strapi }: { strapi: Core.Strapi }) => {
  const comments = () => strapi.db.query(COMMENT_UID as never);

  return {
    /** Every comment of the data subject with its text, revisions and status, and the reports they made. */
    async export(subject: DataSubject) {
      const authorKey = authorKeyFor(subject);
      const rows = (await comments().findMany({
        where: { authorKey },
        orderBy: { id: 'asc' },
      })) as Row[];
      const readerKeys = 'userId' in subject ? [`user:${subject.userId}`] : [];
      const reports =
        readerKeys.length > 0
          ? await strapi.db
              .query(REPORT_UID as never)
              .findMany({ where: { readerKey: { $in: readerKeys } } })
          : [];
      return {
        data: {
          comments: rows.map((row) => ({
            id: row.id,
            document: {
              uid: row.subjectType,
              documentId: row.subjectId,
              locale: row.subjectLocale,
            },
            text: row.text,
            revisions: row.revisions ?? [],
            status: row.status,
            name: row.authorName,
            email: row.authorEmail,
            createdAt: new Date(row.createdAt).toISOString(),
            editedAt: row.editedAt ? new Date(row.editedAt).toISOString() : null,
          })),
          reports: (
            reports as Array<{ commentId: number; reason: string | null; createdAt: string }>
          ).map((report) => ({
            commentId: report.commentId,
            reason: report.reason,
            createdAt: new Date(report.createdAt).toISOString(),
          })),
          subscriptions: await getService(strapi, 'notifications').of(authorKey),
        },
      };
    },

    /**
     * Erases the data subject's comments (text, name, email, address hash, token, revisions) in one
     * transaction with the recounts; their reports go too. Returns how many comments were erased.
     */
    async erase(subject: DataSubject, moderator: Moderator): Promise<{ data: { erased: number } }> {
      const authorKey = authorKeyFor(subject);
      const rows = (await comments().findMany({ where: { authorKey } })) as Row[];
      if (rows.length === 0 && !('userId' in subject))
        throw new errors.NotFoundError('No comments by this email address');
      await strapi.db.transaction(async (tx: Transaction) => {
        if (rows.length > 0) {
          await comments().updateMany({
            where: { authorKey },
            data: {
              text: '',
              authorName: '',
              authorEmail: null,
              addressHash: null,
              editTokenHash: null,
              revisions: null,
              status: 'removed',
              authorKey: 'erased',
            },
          });
          await getService(strapi, 'counts').recountAffected(tx, rows);
        }
        await getService(strapi, 'notifications').forget(authorKey);
        await getService(strapi, 'readers').forget(authorKey);
        if ('userId' in subject)
          await strapi.db
            .query(REPORT_UID as never)
            .deleteMany({ where: { readerKey: `user:${subject.userId}` } });
        await strapi.db.query(LOG_UID as never).create({
          data: {
            action: 'erase',
            commentIds: rows.map((row) => row.id),
            reason: 'data erasure request',
            moderatorId: moderator.id,
            moderator: moderator.name,
          },
        });
      });
      return { data: { erased: rows.length } };
    },
  };
};

export type PersonalDataService = ReturnType<typeof createPersonalDataService>;
export default createPersonalDataService;
