import type { Core } from '@strapi/strapi';
import type { QueueCounts } from '../../../shared/contracts';
import { COMMENT_UID } from '../content-types';
import { tableOf } from './counts';

/**
 * How many comments wait in each queue (and how many are approved), for the moderation page's tabs and a
 * document's edit view: one statement of conditional sums, with the same definitions as the queues
 * (reported: approved or pending comments with reports).
 */
const createQueueCountsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The counts of every comment, or of one document's (all locales). */
  async of(subject?: { uid: string; documentId: string }): Promise<QueueCounts> {
    const c = tableOf(strapi, COMMENT_UID);
    const knex = strapi.db.connection;
    const status = c.column('status');
    const sumOf = (condition: string, bindings: unknown[]) =>
      knex.raw(`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`, bindings as never);
    const query = knex(c.table).select({
      approved: sumOf('?? = ?', [status, 'approved']),
      pending: sumOf('?? = ?', [status, 'pending']),
      spam: sumOf('?? = ?', [status, 'spam']),
      reported: sumOf('?? > 0 and ?? in (?, ?)', [
        c.column('reportCount'),
        status,
        'approved',
        'pending',
      ]),
    });
    if (subject)
      query
        .where(c.column('subjectType'), subject.uid)
        .andWhere(c.column('subjectId'), subject.documentId);
    const row = ((await query.first()) ?? {}) as Record<string, number | string | null>;
    return {
      approved: Number(row.approved ?? 0),
      pending: Number(row.pending ?? 0),
      reported: Number(row.reported ?? 0),
      spam: Number(row.spam ?? 0),
    };
  },
});

export type QueueCountsService = ReturnType<typeof createQueueCountsService>;
export default createQueueCountsService;
