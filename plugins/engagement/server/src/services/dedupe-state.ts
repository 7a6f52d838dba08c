import type { Core } from '@strapi/strapi';
import { SEEN_UID, SECRET_UID } from '../content-types';
import { newDailySecret } from '../lib/visitor';
import { ROWS_PER_STATEMENT } from './tables';

/**
 * What the dedupe keeps in the database: the daily secret visitor keys are made with (shared by every
 * instance) and, in memory mode, the visitor keys still inside their window when the app stops, so a
 * restart neither starts a new day's keys nor counts those visitors again.
 */
const dedupeState = ({ strapi }: { strapi: Core.Strapi }) => {
  const from = (table: string) => strapi.db.getConnection(table);

  return {
    /**
     * The secret of `day` (YYYYMMDD): created by the first caller (any instance), read by all; secrets
     * older than the day before `day` are deleted (two days are kept: the dedupe window crosses midnight).
     */
    async secret(day: number, previousDay: number): Promise<string> {
      const { tableName } = strapi.db.metadata.get(SECRET_UID);
      await from(tableName).insert({ day, value: newDailySecret() }).onConflict('day').ignore();
      const row = (await from(tableName).select('value').where({ day }).first()) as
        | { value?: string }
        | undefined;
      if (!row?.value) throw new Error(`the secret of ${day} could not be stored`);
      await from(tableName).where('day', '<', previousDay).delete();
      return row.value;
    },

    /** Keeps visitor keys still inside their window (a memory-store instance shutting down). */
    async saveSeen(entries: ReadonlyArray<[string, number]>): Promise<void> {
      const { tableName, attributes } = strapi.db.metadata.get(SEEN_UID);
      const keyColumn =
        (attributes.visitorKey as { columnName?: string }).columnName ?? 'visitor_key';
      const expiresColumn =
        (attributes.expiresAt as { columnName?: string }).columnName ?? 'expires_at';
      for (let start = 0; start < entries.length; start += ROWS_PER_STATEMENT) {
        await from(tableName).insert(
          entries
            .slice(start, start + ROWS_PER_STATEMENT)
            .map(([key, until]) => ({ [keyColumn]: key, [expiresColumn]: until }))
        );
      }
    },

    /** Visitor keys kept by the last shutdown that are still inside their window at `now`; all kept rows are deleted. */
    async takeSeen(now: number): Promise<Array<[string, number]>> {
      const { tableName, attributes } = strapi.db.metadata.get(SEEN_UID);
      const keyColumn =
        (attributes.visitorKey as { columnName?: string }).columnName ?? 'visitor_key';
      const expiresColumn =
        (attributes.expiresAt as { columnName?: string }).columnName ?? 'expires_at';
      const rows = (await from(tableName)
        .select({ key: keyColumn, until: expiresColumn })
        .where(expiresColumn, '>', now)
        .orderBy(expiresColumn, 'asc')) as Array<{ key: string; until: number | string }>;
      await from(tableName).delete();
      return rows.map((row) => [row.key, Number(row.until)]);
    },
  };
};

export type DedupeStateService = ReturnType<typeof dedupeState>;
export default dedupeState;
