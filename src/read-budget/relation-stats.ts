import type { Core } from '@strapi/strapi';

/** How long a measured size is trusted when no write clears it first. */
const STATS_TTL_MS = 60_000;
/** Database lifecycle actions after which sizes may have grown. */
const WRITES = new Set([
  'afterCreate',
  'afterCreateMany',
  'afterUpdate',
  'afterUpdateMany',
  'afterDelete',
  'afterDeleteMany',
]);

interface JoinTableMeta {
  name: string;
  joinColumn: { name: string };
  on?: Record<string, unknown>;
  morphColumn?: unknown;
}

/**
 * Real sizes the read budget estimates with, measured in the database and kept for a minute (or until
 * the next write): how many rows a type has, and the largest list a to-many relation holds for one
 * parent (`SELECT MAX(n)` over the join table grouped by parent). Both count every row, drafts and all
 * locales included, so they are upper bounds of what a published read can return. Why not the
 * configured limits alone: a tag page's `populate[articles][populate][tags]` multiplies by the number of
 * tags an article really has (a handful), not by the page size limit (100).
 */
export function relationStats(strapi: Core.Strapi) {
  const cache = new Map<string, { value: Promise<number>; expires: number }>();
  strapi.db.lifecycles.subscribe((event) => {
    if (WRITES.has(event.action) && cache.size > 0) cache.clear();
  });

  const cached = (key: string, measure: () => Promise<number>): Promise<number> => {
    const hit = cache.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const value = measure().catch((error: Error) => {
      cache.delete(key);
      throw error;
    });
    cache.set(key, { value, expires: Date.now() + STATS_TTL_MS });
    return value;
  };

  const knex = () => strapi.db.connection;

  /** Rows of a model's table (every status and locale). */
  const rows = (uid: string): Promise<number> =>
    cached(`rows:${uid}`, async () => {
      const { tableName } = strapi.db.metadata.get(uid);
      const [row] = await knex()(tableName).count({ n: '*' });
      return Number((row as { n: unknown }).n);
    });

  return {
    rows,

    /**
     * The largest number of entries `attribute` of `uid` links to from one row: measured on its join
     * table, or the target's row count when the relation has none that can be grouped (polymorphic).
     */
    largestList(uid: string, attribute: string, targetUid: string): Promise<number> {
      const meta = strapi.db.metadata.get(uid).attributes[attribute] as
        | { joinTable?: JoinTableMeta }
        | undefined;
      const joinTable = meta?.joinTable;
      if (!joinTable || joinTable.morphColumn) return rows(targetUid);
      return cached(`list:${uid}.${attribute}`, async () => {
        const column = joinTable.joinColumn.name;
        const query = knex()(joinTable.name)
          .select(column)
          .count({ n: '*' })
          .groupBy(column)
          .orderBy('n', 'desc')
          .limit(1);
        for (const [key, value] of Object.entries(joinTable.on ?? {}))
          query.where(key, value as string);
        const [row] = await query;
        return row ? Number((row as { n: unknown }).n) : 0;
      });
    },
  };
}

export type RelationStats = ReturnType<typeof relationStats>;
