import type { Core } from '@strapi/strapi';
import { documentEngagementField } from './openapi';
import { getConfig, getService } from './utils';

/** Admin permissions: reading figures in the admin, and setting/resetting counts (super admins have both). */
const ACTIONS = [
  {
    section: 'plugins',
    displayName: 'Read view and share figures',
    uid: 'read',
    pluginName: 'engagement',
  },
  {
    section: 'plugins',
    displayName: 'Set and reset view and share counts',
    uid: 'manage',
    pluginName: 'engagement',
  },
];

/** Content-API actions of the reading routes, granted to the Public role when `publicRead` is on. */
export const PUBLIC_READ_ACTIONS = [
  'plugin::engagement.engagement.stats',
  'plugin::engagement.engagement.popular',
];

/**
 * Grants the Users & Permissions Public role the reading routes, adding only missing permissions (an
 * admin's later changes stay). Without the Users & Permissions plugin there is no Public role: API
 * tokens with these actions read the figures.
 */
async function grantPublicRead(strapi: Core.Strapi): Promise<void> {
  if (!strapi.plugin('users-permissions')) return;
  const role = (await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } })) as { id: number } | null;
  if (!role) {
    strapi.log.warn(
      '[engagement] No Public role found; the reading routes were not granted to it.'
    );
    return;
  }
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const existing = (await permissions.findMany({
    select: ['action'],
    where: { role: role.id, action: { $in: PUBLIC_READ_ACTIONS } },
  })) as Array<{ action: string }>;
  const missing = PUBLIC_READ_ACTIONS.filter(
    (action) => !existing.some((permission) => permission.action === action)
  );
  for (const action of missing) await permissions.create({ data: { action, role: role.id } });
  if (missing.length > 0)
    strapi.log.info(`[engagement] Public role can now read: ${missing.join(', ')}`);
}

/**
 * The line logged once at startup when no content type is configured: which of the app's types could be
 * tracked (its own collection types) and where to say so.
 */
export function describeNothingTracked(uids: string[]): string {
  const candidates = uids.filter((uid) => uid.startsWith('api::'));
  const example = candidates[0] ?? 'api::article.article';
  return [
    '[engagement] No content type is configured, so nothing is counted.',
    candidates.length > 0
      ? `Types this app could track: ${candidates.join(', ')}.`
      : 'This app has no collection type of its own yet.',
    `Set them in config/plugins.ts: engagement: { config: { contentTypes: ['${example}'] } }`,
  ].join(' ');
}

/**
 * Registers the admin permissions, grants public reading, loads the published-document cache, starts the
 * store and flusher, and documents the `engagement` field in the OpenAPI schemas of decorated routes.
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
  if (getConfig(strapi).contentTypes.length === 0) {
    const collectionTypes = Object.entries(strapi.contentTypes)
      .filter(([, contentType]) => (contentType as { kind?: string }).kind === 'collectionType')
      .map(([uid]) => uid);
    strapi.log.info(describeNothingTracked(collectionTypes));
  }
  if (getConfig(strapi).publicRead) await grantPublicRead(strapi);
  const publishedCache = getService(strapi, 'published-cache');
  publishedCache.refineColumns();
  await publishedCache.load();
  await getService(strapi, 'counter').init();
  if (getConfig(strapi).decorateResponses)
    documentEngagementField(
      strapi,
      publishedCache.resolveTypes().map((type) => type.uid)
    );
};
