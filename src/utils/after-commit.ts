import type { Core } from '@strapi/strapi';

/**
 * Runs `work` once the current database transaction has committed, or now when there is none; never
 * when it rolls back. Why: the Content Manager publishes, unpublishes and discards inside one
 * transaction, and work that reads from another connection (a cache invalidation another request races
 * with, a file rewrite) must see the committed rows.
 */
export async function afterCommit(strapi: Core.Strapi, work: () => void): Promise<void> {
  if (!strapi.db.inTransaction()) return work();
  await strapi.db.transaction(({ onCommit }) => {
    onCommit(work);
  });
}
