import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { COMMENT_UID, SECRET_UID } from '../content-types';
import { hashAddress } from '../lib/secrets';
import { errorMessage, getConfig } from '../utils';

/** The UTC day of `time` as YYYYMMDD. */
const dayOf = (time: number): number => {
  const date = new Date(time);
  return date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
};

/**
 * Stands in for readers' addresses: each is kept only as an HMAC under the secret of the UTC day it was
 * seen (shared by every instance through the database). Secrets older than the retention period are
 * deleted, and so are the hashes comments keep, so an old hash can no longer be linked to an address.
 */
const createAddressHashService = ({ strapi }: { strapi: Core.Strapi }) => {
  const secrets = new Map<number, Promise<string>>();
  let prunedOn = 0;

  /** The day's secret: the stored one, or a new one (the unique day index makes concurrent instances agree). */
  const secretOf = (day: number): Promise<string> => {
    const known = secrets.get(day);
    if (known) return known;
    const loading = (async () => {
      const query = strapi.db.query(SECRET_UID as never);
      const stored = (await query.findOne({ where: { day } })) as { value: string } | null;
      if (stored) return stored.value;
      try {
        await query.create({ data: { day, value: randomBytes(32).toString('hex') } });
      } catch {
        // Another instance stored the day's secret first: use theirs (read below).
      }
      const created = (await query.findOne({ where: { day } })) as { value: string } | null;
      if (!created) throw new Error(`the address secret of ${day} could not be stored`);
      return created.value;
    })();
    secrets.set(day, loading);
    loading.catch(() => secrets.delete(day));
    return loading;
  };

  /** Deletes secrets and comments' address hashes older than the retention period (once a day per instance). */
  const prune = async (now: number): Promise<void> => {
    const today = dayOf(now);
    if (prunedOn === today) return;
    prunedOn = today;
    const cutoff = now - getConfig(strapi).retentionDays * 86_400_000;
    try {
      await strapi.db
        .query(SECRET_UID as never)
        .deleteMany({ where: { day: { $lt: dayOf(cutoff) } } });
      await strapi.db.query(COMMENT_UID as never).updateMany({
        where: { addressHash: { $notNull: true }, createdAt: { $lt: new Date(cutoff) } },
        data: { addressHash: null },
      });
      for (const day of secrets.keys()) if (day < dayOf(cutoff)) secrets.delete(day);
    } catch (error) {
      prunedOn = 0;
      strapi.log.warn(
        `[reader-comments] could not delete expired address hashes: ${errorMessage(error)}`
      );
    }
  };

  return {
    /** The keyed hash standing for `address` today. */
    async hash(address: string, now = Date.now()): Promise<string> {
      void prune(now);
      return hashAddress(address, await secretOf(dayOf(now)));
    },
  };
};

export type AddressHashService = ReturnType<typeof createAddressHashService>;
export default createAddressHashService;
