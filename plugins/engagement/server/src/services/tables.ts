import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { DAILY_UID, TOTAL_UID } from '../content-types';
import { SHARE_PREFIX, VIEW_METRIC, parseField } from '../lib/buffer-keys';
import type { RowFailure } from '../lib/flush-health';
import { buildUpsert, type SqlClient } from '../lib/upsert-sql';
import { StoredTotalsCache } from '../lib/stored-totals-cache';
import type { BatchMarker } from '../stores/types';
import { getConfig, getService } from '../utils';

/** Rows of the totals table with this type hold Redis batch markers, not counts (no uid looks like it). */
export const MARKER_TYPE = '__batch__';

/** Rows per INSERT statement: far below SQLite's and PostgreSQL's bound-parameter limits. */
export const ROWS_PER_STATEMENT = 1000;

export interface StoredCounts {
  views: number;
  /** Shares per network. */
  shares: Record<string, number>;
}

export interface RankedRow {
  documentId: string;
  views: number;
  shares: number;
}

/** One buffered increment as a row of the totals or per-day table. */
interface IncrementRow {
  field: string;
  daily: boolean;
  key: Array<string | number>;
  count: number;
}

/** What a flush wrote: the increments refused (kept buffered by the caller) and why each was refused. */
export interface WriteOutcome {
  refused: Map<string, number>;
  failures: RowFailure[];
}

interface TableNames {
  totals: string;
  daily: string;
  /** Column names by attribute. */
  col: { type: string; doc: string; metric: string; count: string; day: string };
}

/** Splits a metric into the views or the shares of one network. */
export function addMetric(target: StoredCounts, metric: string, amount: number): void {
  if (metric === VIEW_METRIC) target.views += amount;
  else if (metric.startsWith(SHARE_PREFIX)) {
    const network = metric.slice(SHARE_PREFIX.length);
    target.shares[network] = (target.shares[network] ?? 0) + amount;
  }
}

export const emptyCounts = (): StoredCounts => ({ views: 0, shares: {} });

const copyCounts = (counts: StoredCounts): StoredCounts => ({
  views: counts.views,
  shares: { ...counts.shares },
});

/**
 * The repository of the plugin's count tables (totals and per-day rows, plus the Redis batch markers kept
 * in the totals table). Every write is a batched upsert (increment or set) or a delete; nothing reads a
 * count to write it back. Table and column names come from Strapi's metadata so they follow its naming.
 */
const tables = ({ strapi }: { strapi: Core.Strapi }) => {
  let names: TableNames | null = null;
  let cache: StoredTotalsCache<StoredCounts> | null = null;

  /** Stored totals kept between writes (see lib/stored-totals-cache.ts); created once the config is loaded. */
  const totalsCache = (): StoredTotalsCache<StoredCounts> => {
    cache ??= new StoredTotalsCache<StoredCounts>({
      ttlMs: getConfig(strapi).countsCacheSeconds * 1000,
      copy: copyCounts,
    });
    return cache;
  };

  /**
   * After a write to the totals committed: this instance forgets its cached totals, and the others are
   * told over Redis. Awaited: a Redis flush deletes its batch from the shared buffer only after this, so
   * another instance does not see the batch leave the buffer while its cache still holds the totals from
   * before the batch was written.
   */
  const totalsChanged = async (): Promise<void> => {
    totalsCache().invalidate();
    await getService(strapi, 'counter').announceCounts();
  };

  const tableNames = (): TableNames => {
    if (names) return names;
    const totals = strapi.db.metadata.get(TOTAL_UID);
    const daily = strapi.db.metadata.get(DAILY_UID);
    const column = (name: string) =>
      (totals.attributes[name] as { columnName?: string }).columnName ?? name;
    names = {
      totals: totals.tableName,
      daily: daily.tableName,
      col: {
        type: column('targetType'),
        doc: column('targetDocumentId'),
        metric: column('metric'),
        count: column('count'),
        day: (daily.attributes.day as { columnName?: string }).columnName ?? 'day',
      },
    };
    return names;
  };

  const knex = (): Knex => strapi.db.connection;
  const client = (): SqlClient => strapi.db.dialect.client as SqlClient;
  /** Table name for raw SQL, schema-qualified on PostgreSQL when the connection uses a schema. */
  const qualified = (table: string): string => {
    const schema = strapi.db.getSchemaName?.();
    return schema ? `${schema}.${table}` : table;
  };
  const from = (table: string) => strapi.db.getConnection(table);

  /** Text of the SQL a content type's rows live in (for the "has a published version" subquery). */
  const publishedDocuments = (uid: string) => {
    const meta = strapi.db.metadata.get(uid as never);
    const documentId =
      (meta.attributes.documentId as { columnName?: string } | undefined)?.columnName ??
      'document_id';
    const publishedAt =
      (meta.attributes.publishedAt as { columnName?: string } | undefined)?.columnName ??
      'published_at';
    return from(meta.tableName).distinct(documentId).whereNotNull(publishedAt);
  };

  const keyColumnsOf = (daily: boolean): string[] => {
    const { col } = tableNames();
    return daily ? [col.type, col.doc, col.day, col.metric] : [col.type, col.doc, col.metric];
  };

  /** Upserts rows (totals and per-day rows alike) inside `trx`. */
  async function writeRows(trx: Knex, rows: readonly IncrementRow[]): Promise<void> {
    const { totals, daily } = tableNames();
    const totalRows = rows.filter((row) => !row.daily);
    const dailyRows = rows.filter((row) => row.daily);
    if (totalRows.length > 0) await runUpsert(trx, 'add', totals, keyColumnsOf(false), totalRows);
    if (dailyRows.length > 0) await runUpsert(trx, 'add', daily, keyColumnsOf(true), dailyRows);
  }

  /** The batch's sequence number, committed with it (see stores/redis.ts). */
  const writeMarker = (trx: Knex, marker: BatchMarker) =>
    runUpsert(trx, 'set', tableNames().totals, keyColumnsOf(false), [
      { key: [MARKER_TYPE, marker.key, 'batch'], count: marker.seq },
    ]);

  /**
   * Writes `rows` under a savepoint; if the database refuses, rolls back to it and tries each half, down
   * to single rows. Returns the rows refused on their own, with the database's message.
   */
  async function writeIsolating(
    trx: Knex.Transaction,
    rows: readonly IncrementRow[]
  ): Promise<RowFailure[]> {
    try {
      await trx.transaction((savepoint) => writeRows(savepoint, rows));
      return [];
    } catch (error) {
      if (rows.length === 1) return [{ row: rows[0], message: (error as Error).message }];
      const middle = Math.ceil(rows.length / 2);
      return [
        ...(await writeIsolating(trx, rows.slice(0, middle))),
        ...(await writeIsolating(trx, rows.slice(middle))),
      ];
    }
  }

  async function runUpsert(
    trx: Knex,
    mode: 'add' | 'set',
    table: string,
    keyColumns: string[],
    rows: ReadonlyArray<{ key: Array<string | number>; count: number }>
  ) {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const { sql, bindings } = buildUpsert(client(), mode, {
        table: qualified(table),
        keyColumns,
        countColumn: tableNames().col.count,
        rows: rows.slice(start, start + ROWS_PER_STATEMENT),
      });
      await trx.raw(sql, bindings);
    }
  }

  return {
    /**
     * Adds buffered increments to the tables: one INSERT … ON CONFLICT/ON DUPLICATE KEY statement per
     * table (per 1,000 rows), in one transaction. If that fails, it is retried once in a transaction that
     * splits the batch (halves, each under a savepoint) until the rows the database refuses are isolated:
     * every other row is written, and the refused ones are returned with their errors so the caller keeps
     * them for the next flush. Throws only when nothing could be written (database unreachable).
     */
    async addIncrements(
      increments: ReadonlyMap<string, number>,
      marker?: BatchMarker
    ): Promise<WriteOutcome> {
      const rows: IncrementRow[] = [];
      for (const [field, amount] of increments) {
        if (!amount) continue;
        const key = parseField(field);
        if (!key)
          strapi.log.warn(`[engagement] Dropped a malformed buffer field (${field.slice(0, 80)}).`);
        else
          rows.push({
            field,
            count: amount,
            daily: key.kind === 'daily',
            key:
              key.kind === 'total'
                ? [key.uid, key.documentId, key.metric]
                : [key.uid, key.documentId, key.day, key.metric],
          });
      }
      const outcome: WriteOutcome = { refused: new Map(), failures: [] };
      if (rows.length === 0) return outcome;
      try {
        await knex().transaction(async (trx) => {
          await writeRows(trx, rows);
          if (marker) await writeMarker(trx, marker);
        });
        await totalsChanged();
        return outcome;
      } catch (error) {
        // Retried once, split: rows of the batch the database accepts are written, the others isolated.
        strapi.log.debug(
          `[engagement] A batch of ${rows.length} rows failed (${(error as Error).message}); retrying it split.`
        );
      }
      await knex().transaction(async (trx) => {
        outcome.failures = await writeIsolating(trx, rows);
        if (marker) await writeMarker(trx, marker);
      });
      await totalsChanged();
      for (const { row } of outcome.failures) outcome.refused.set(row.field, row.count);
      return outcome;
    },

    /** The last Redis batch sequence number written for `key` (0 if none). */
    async batchMarker(key: string): Promise<number> {
      const { col, totals } = tableNames();
      const row = (await from(totals)
        .select({ count: col.count })
        .where(col.type, MARKER_TYPE)
        .andWhere(col.doc, key)
        .andWhere(col.metric, 'batch')
        .first()) as { count?: number | string } | undefined;
      return Number(row?.count ?? 0);
    },

    /**
     * Stored totals of several documents of one type (every id gets an entry, zeros when it has no
     * counts): from memory when cached, else in one query. The caller may change what it gets.
     */
    async totals(uid: string, documentIds: readonly string[]): Promise<Map<string, StoredCounts>> {
      const { found: result, missing, generation } = totalsCache().lookup(uid, documentIds);
      if (missing.length === 0) return result;
      const { col, totals } = tableNames();
      const rows = (await from(totals)
        .select({ documentId: col.doc, metric: col.metric, count: col.count })
        .where(col.type, uid)
        .whereIn(col.doc, missing)) as Array<{
        documentId: string;
        metric: string;
        count: number | string;
      }>;
      const read = new Map<string, StoredCounts>(missing.map((id) => [id, emptyCounts()]));
      for (const row of rows)
        addMetric(read.get(row.documentId) as StoredCounts, row.metric, Number(row.count));
      totalsCache().fill(generation, uid, read);
      for (const [id, entry] of read) result.set(id, entry);
      return result;
    },

    /** Forgets the cached stored totals (another instance wrote some, or its announcements may have been missed). */
    forgetCachedTotals(): void {
      totalsCache().invalidate();
    },

    /** Stored per-day rows of one document from `fromDay` on: day → counts. */
    async daily(
      uid: string,
      documentId: string,
      fromDay: number
    ): Promise<Map<number, StoredCounts>> {
      const { col, daily } = tableNames();
      const rows = (await from(daily)
        .select({ day: col.day, metric: col.metric, count: col.count })
        .where(col.type, uid)
        .andWhere(col.doc, documentId)
        .andWhere(col.day, '>=', fromDay)) as Array<{
        day: number | string;
        metric: string;
        count: number | string;
      }>;
      const result = new Map<number, StoredCounts>();
      for (const row of rows) {
        const day = Number(row.day);
        const entry = result.get(day) ?? emptyCounts();
        addMetric(entry, row.metric, Number(row.count));
        result.set(day, entry);
      }
      return result;
    },

    /**
     * Stored views and shares per document since `fromDay` (null: all time, from the totals table),
     * only documents with a published version. With `limit`, the top documents by `by`; with
     * `documentIds`, exactly those documents.
     */
    async ranked(
      uid: string,
      options: {
        fromDay: number | null;
        by: 'views' | 'shares';
        limit?: number;
        documentIds?: readonly string[];
      }
    ): Promise<RankedRow[]> {
      const { col, totals, daily } = tableNames();
      const table = options.fromDay === null ? totals : daily;
      const views = knex().raw(`sum(case when ?? = ? then ?? else 0 end)`, [
        col.metric,
        VIEW_METRIC,
        col.count,
      ]);
      const shares = knex().raw(`sum(case when ?? like ? then ?? else 0 end)`, [
        col.metric,
        `${SHARE_PREFIX}%`,
        col.count,
      ]);
      let query = from(table)
        .select({ documentId: col.doc })
        .select({ views, shares })
        .where(col.type, uid)
        .whereIn(col.doc, publishedDocuments(uid))
        .groupBy(col.doc);
      if (options.fromDay !== null) query = query.andWhere(col.day, '>=', options.fromDay);
      if (options.documentIds) query = query.whereIn(col.doc, [...options.documentIds]);
      if (options.limit !== undefined) {
        query = query
          .orderByRaw(
            `${options.by === 'views' ? 'sum(case when ?? = ? then ?? else 0 end)' : 'sum(case when ?? like ? then ?? else 0 end)'} desc`,
            [col.metric, options.by === 'views' ? VIEW_METRIC : `${SHARE_PREFIX}%`, col.count]
          )
          .orderBy(col.doc, 'asc')
          .limit(options.limit);
      }
      const rows = (await query) as Array<{
        documentId: string;
        views: number | string | null;
        shares: number | string | null;
      }>;
      return rows.map((row) => ({
        documentId: row.documentId,
        views: Number(row.views ?? 0),
        shares: Number(row.shares ?? 0),
      }));
    },

    /** Sets stored totals of one document (migrating counts from an old site); metrics not given are left alone. */
    async setTotals(
      uid: string,
      documentId: string,
      values: ReadonlyMap<string, number>
    ): Promise<void> {
      if (values.size === 0) return;
      const { col, totals } = tableNames();
      const rows = [...values].map(([metric, count]) => ({
        key: [uid, documentId, metric],
        count,
      }));
      await knex().transaction((trx) =>
        runUpsert(trx, 'set', totals, [col.type, col.doc, col.metric], rows)
      );
      await totalsChanged();
    },

    /**
     * Sets stored per-day counts of one document and metric (migrating a history from an old site):
     * day (YYYYMMDD) → count; days not given are left alone, so running it twice changes nothing.
     */
    async setDaily(
      uid: string,
      documentId: string,
      metric: string,
      days: ReadonlyMap<number, number>
    ): Promise<void> {
      if (days.size === 0) return;
      const rows = [...days].map(([day, count]) => ({
        key: [uid, documentId, day, metric],
        count,
      }));
      await knex().transaction((trx) =>
        runUpsert(trx, 'set', tableNames().daily, keyColumnsOf(true), rows)
      );
    },

    /**
     * Deletes every stored count of one document (totals and per-day rows), through Strapi's query layer
     * so it joins the caller's transaction when there is one (a document deleted in a bulk action).
     */
    async deleteDocument(uid: string, documentId: string): Promise<void> {
      const where = { targetType: uid, targetDocumentId: documentId };
      await strapi.db.transaction(async ({ onCommit }) => {
        await strapi.db.query(TOTAL_UID as never).deleteMany({ where });
        await strapi.db.query(DAILY_UID as never).deleteMany({ where });
        // The caller's transaction, when there is one, commits later: forget the cached totals then.
        onCommit(() => {
          totalsChanged().catch((error: Error) =>
            strapi.log.warn(
              `[engagement] Could not forget the cached counts of ${uid} ${documentId}: ${error.message}`
            )
          );
        });
      });
    },
  };
};

export type TablesService = ReturnType<typeof tables>;
export default tables;
