import type { Core } from '@strapi/strapi';
import {
  SHARE_PREFIX,
  VIEW_METRIC,
  dailyField,
  parseField,
  shareMetric,
  totalField,
} from '../lib/buffer-keys';
import { formatDay, lastDays, periodStart, type Period } from '../lib/days';
import { enabledNetworks } from '../config';
import { addMetric, emptyCounts, type RankedRow, type StoredCounts } from './tables';
import { getConfig, getService } from '../utils';
import { engagementValue } from '../graphql/engagement-value';
import type {
  DocumentStats,
  EngagementTotals,
  EngagementValue,
  PopularEntry,
} from '../../../shared/contracts';

const sum = (values: Record<string, number>): number =>
  Object.values(values).reduce((total, value) => total + value, 0);

/**
 * What readers see: stored counts plus still-buffered increments, so a visitor sees their own view at
 * once. The database part is always one query per call (plus one for popular lists, see below).
 */
const stats = ({ strapi }: { strapi: Core.Strapi }) => {
  const metrics = (): string[] => [
    VIEW_METRIC,
    ...[...enabledNetworks(getConfig(strapi)).keys()].map(shareMetric),
  ];

  return {
    /** Views and shares of several documents of one type (REST responses): one query, one buffer read. */
    async totals(uid: string, documentIds: readonly string[]): Promise<Map<string, StoredCounts>> {
      const ids = [...new Set(documentIds)];
      const stored = await getService(strapi, 'tables').totals(uid, ids);
      const names = metrics();
      const fields = ids.flatMap((id) => names.map((metric) => totalField(uid, id, metric)));
      const buffered = await getService(strapi, 'counter').buffered(fields);
      const result = new Map<string, StoredCounts>();
      ids.forEach((id, index) => {
        const entry = stored.get(id) ?? emptyCounts();
        names.forEach((metric, offset) => {
          const amount = buffered[index * names.length + offset];
          if (amount) addMetric(entry, metric, amount);
        });
        result.set(id, entry);
      });
      return result;
    },

    /**
     * `engagement: {views, shares}` of several documents of one type, as REST responses show it (shares
     * summed over networks); a document without counts gets zeros. The response cache also reads it to
     * make a cached response's ETag change with the counts.
     */
    async summaries(
      uid: string,
      documentIds: readonly string[]
    ): Promise<Map<string, EngagementTotals>> {
      const totals = await this.totals(uid, documentIds);
      return new Map(
        documentIds.map((id) => {
          const counts = totals.get(id);
          return [id, { views: counts?.views ?? 0, shares: counts ? sum(counts.shares) : 0 }];
        })
      );
    },

    /**
     * `engagement: {views, shares: {total, byNetwork}}` of several documents of one type, as the GraphQL
     * `engagement` field shows it (every enabled network in `byNetwork`). The app's response cache reads
     * it to put live counts into a cached GraphQL response.
     */
    async values(
      uid: string,
      documentIds: readonly string[]
    ): Promise<Map<string, EngagementValue>> {
      const totals = await this.totals(uid, documentIds);
      const networks = [...enabledNetworks(getConfig(strapi)).keys()];
      return new Map(documentIds.map((id) => [id, engagementValue(totals.get(id), networks)]));
    },

    /** Totals, shares per network and the last `days` days of one document. */
    async document(uid: string, documentId: string, days: number): Promise<DocumentStats> {
      const dayList = lastDays(Date.now(), days);
      const names = metrics();
      const [totals, stored] = await Promise.all([
        this.totals(uid, [documentId]),
        getService(strapi, 'tables').daily(uid, documentId, dayList[0]),
      ]);
      const fields = dayList.flatMap((day) =>
        names.map((metric) => dailyField(uid, documentId, day, metric))
      );
      const buffered = await getService(strapi, 'counter').buffered(fields);
      const total = totals.get(documentId) ?? emptyCounts();
      const byNetwork: Record<string, number> = {};
      for (const metric of names)
        if (metric !== VIEW_METRIC) byNetwork[metric.slice(SHARE_PREFIX.length)] = 0;
      Object.assign(byNetwork, total.shares);
      const daily = dayList.map((day, dayIndex) => {
        const entry = stored.get(day) ?? emptyCounts();
        names.forEach((metric, offset) => {
          const amount = buffered[dayIndex * names.length + offset];
          if (amount) addMetric(entry, metric, amount);
        });
        return { date: formatDay(day), views: entry.views, shares: sum(entry.shares) };
      });
      return { views: total.views, shares: { total: sum(total.shares), byNetwork }, daily };
    },

    /**
     * The `limit` published documents with most views or shares in the period. Exact with buffered
     * increments: the database's top `limit` plus every document with buffered increments (their stored
     * part read in a second query); any other document cannot outrank the database's top list.
     *
     * With `locale` (a localized type): counts stay per document across locales, but only documents with a
     * published version in that locale are listed, with that version's fields. When some of the top
     * documents exist only in other locales, the ranking is read again deeper until `limit` documents of the
     * locale are found or every counted document has been seen.
     */
    async popular(
      uid: string,
      period: Period,
      by: 'views' | 'shares',
      limit: number,
      locale?: string
    ): Promise<PopularEntry[]> {
      const now = Date.now();
      const fromDay = periodStart(period, now);
      const publishedCache = getService(strapi, 'published-cache');
      const tables = getService(strapi, 'tables');

      const pending = new Map<string, EngagementTotals>();
      for (const [field, amount] of await getService(strapi, 'counter').bufferedAll()) {
        const key = parseField(field);
        if (!key || key.uid !== uid || !publishedCache.isPublished(uid, key.documentId)) continue;
        if (fromDay === null ? key.kind !== 'total' : key.kind !== 'daily' || key.day < fromDay)
          continue;
        const entry = pending.get(key.documentId) ?? { views: 0, shares: 0 };
        if (key.metric === VIEW_METRIC) entry.views += amount;
        else if (key.metric.startsWith(SHARE_PREFIX)) entry.shares += amount;
        pending.set(key.documentId, entry);
      }

      /** The exact top `depth` documents (any locale), and whether the database may hold more beyond them. */
      const rankedTop = async (depth: number): Promise<{ rows: RankedRow[]; more: boolean }> => {
        const top = await tables.ranked(uid, { fromDay, by, limit: depth });
        const merged = new Map<string, RankedRow>(top.map((row) => [row.documentId, { ...row }]));
        const missing = [...pending.keys()].filter((id) => !merged.has(id));
        if (missing.length > 0) {
          for (const row of await tables.ranked(uid, { fromDay, by, documentIds: missing }))
            merged.set(row.documentId, { ...row });
        }
        for (const [documentId, extra] of pending) {
          const row = merged.get(documentId) ?? { documentId, views: 0, shares: 0 };
          row.views += extra.views;
          row.shares += extra.shares;
          merged.set(documentId, row);
        }
        const rows = [...merged.values()]
          .filter((row) => row[by] > 0)
          .sort((a, b) => b[by] - a[by] || (a.documentId < b.documentId ? -1 : 1))
          .slice(0, depth);
        return { rows, more: top.length === depth };
      };

      for (let depth = limit; ; depth *= 2) {
        const { rows, more } = await rankedTop(depth);
        const entries = await publishedCache.listEntries(
          uid,
          rows.map((row) => row.documentId),
          locale
        );
        const listed = rows.filter((row) => entries.has(row.documentId)).slice(0, limit);
        if (listed.length === limit || !more) {
          return listed.map((row) => {
            const {
              id: _id,
              documentId: _documentId,
              ...fields
            } = entries.get(row.documentId) as Record<string, unknown>;
            return { documentId: row.documentId, ...fields, views: row.views, shares: row.shares };
          });
        }
      }
    },

    /** Sets totals (admin migration): views and/or shares per network; their buffered totals are dropped. */
    async set(
      uid: string,
      documentId: string,
      values: { views?: number; shares?: Record<string, number> }
    ): Promise<void> {
      const metricValues = new Map<string, number>();
      if (values.views !== undefined) metricValues.set(VIEW_METRIC, values.views);
      for (const [network, value] of Object.entries(values.shares ?? {}))
        metricValues.set(shareMetric(network), value);
      const dropped = new Set(
        [...metricValues.keys()].map((metric) => totalField(uid, documentId, metric))
      );
      await getService(strapi, 'counter').discard((field) => dropped.has(field));
      await getService(strapi, 'tables').setTotals(uid, documentId, metricValues);
    },

    /**
     * Sets per-day views of one document (admin migration, e.g. a WordPress import): day (YYYYMMDD, UTC)
     * → views. Days not given keep their counts; totals are not changed (set them with `set`).
     */
    async setDays(
      uid: string,
      documentId: string,
      values: { views?: ReadonlyMap<number, number> }
    ): Promise<void> {
      if (values.views) {
        await getService(strapi, 'tables').setDaily(uid, documentId, VIEW_METRIC, values.views);
      }
    },
  };
};

export type StatsService = ReturnType<typeof stats>;
export default stats;
