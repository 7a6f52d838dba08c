import type { Core } from '@strapi/strapi';

/** Read actions the Public role gets so a frontend can read content without a token. */
export const PUBLIC_READ_ACTIONS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::article.article.findBySlug',
  'api::tag.tag.find',
  'api::tag.tag.findOne',
  'api::tag.tag.articlesBySlug',
  'api::image-credit.image-credit.find',
  'api::image-credit.image-credit.findOne',
] as const;

/**
 * Grants the Public role the read actions above, creating only the permissions that are missing, so
 * running it at every start changes nothing once done and never undoes what an admin added. Nothing is
 * ever made publicly writable. Returns the actions it granted.
 */
export async function grantPublicReadAccess(
  strapi: Core.Strapi,
  actions: readonly string[] = PUBLIC_READ_ACTIONS
): Promise<string[]> {
  const role = (await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } })) as { id: number } | null;
  if (!role) {
    strapi.log.warn('[publishing] No Public role found; public read access was not granted.');
    return [];
  }
  const existing = (await strapi.db.query('plugin::users-permissions.permission').findMany({
    select: ['action'],
    where: { role: role.id, action: { $in: [...actions] } },
  })) as Array<{ action: string }>;
  const have = new Set(existing.map((permission) => permission.action));
  const missing = actions.filter((action) => !have.has(action));
  for (const action of missing) {
    await strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action, role: role.id } });
  }
  return missing;
}
