import type { Core } from '@strapi/strapi';
import { COMMENT_UID, OUTBOX_UID } from '../content-types';
import { digestPeriod, type DigestSummary } from '../lib/mail';
import { tableOf } from './counts';
import { getConfig, getService } from '../utils';

/**
 * The moderators' digest: at most one email per `moderatorDigest.everyMinutes`, and only when comments
 * were held since the previous digest, listing how many wait per reason with a link to the queue. Every
 * instance's sender loop asks; the outbox's unique `dedupeKey` (`digest:<period>`) lets one of them write
 * a given period's digest, so several instances never send it twice.
 */
const createDigestService = ({ strapi }: { strapi: Core.Strapi }) => {
  let checkedPeriod = -1;

  return {
    /** Writes this period's digest to the outbox if one is due; answers whether it did. */
    async enqueueIfDue(now = Date.now()): Promise<boolean> {
      const { to, everyMinutes } = getConfig(strapi).moderatorDigest;
      if (to.length === 0) return false;
      const period = digestPeriod(now, everyMinutes);
      if (period === checkedPeriod) return false;
      const dedupeKey = `digest:${period}`;
      const outbox = strapi.db.query(OUTBOX_UID as never);
      if (await outbox.findOne({ select: ['id'], where: { dedupeKey } })) {
        checkedPeriod = period;
        return false;
      }
      const last = (await outbox.findOne({
        select: ['createdAt'],
        where: { kind: 'digest' },
        orderBy: { id: 'desc' },
      })) as { createdAt: string | Date } | null;
      const comments = strapi.db.query(COMMENT_UID as never);
      const fresh = (await comments.count({
        where: {
          status: 'pending',
          ...(last ? { updatedAt: { $gt: new Date(last.createdAt) } } : {}),
        },
      })) as number;
      checkedPeriod = period;
      if (fresh === 0) return false;
      const c = tableOf(strapi, COMMENT_UID);
      const groups = (await strapi.db
        .connection(c.table)
        .select({ heldBy: c.column('heldBy') })
        .count({ n: '*' })
        .where(c.column('status'), 'pending')
        .groupBy(c.column('heldBy'))) as Array<{ heldBy: string | null; n: number | string }>;
      const byReason: Record<string, number> = {};
      let total = 0;
      for (const { heldBy, n } of groups) {
        byReason[heldBy ?? 'other'] = (byReason[heldBy ?? 'other'] ?? 0) + Number(n);
        total += Number(n);
      }
      const summary: DigestSummary = { total, fresh, byReason };
      try {
        return await getService(strapi, 'outbox').enqueue({
          kind: 'digest',
          payload: { to, summary },
          dedupeKey,
        });
      } catch (error) {
        // Another instance wrote this period's digest between the check and the insert (unique key).
        if (await outbox.findOne({ select: ['id'], where: { dedupeKey } })) return false;
        throw error;
      }
    },
  };
};

export type DigestService = ReturnType<typeof createDigestService>;
export default createDigestService;
