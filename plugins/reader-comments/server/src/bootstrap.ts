import type { Core } from '@strapi/strapi';
import { documentCommentsField } from './openapi';
import { getConfig, getService, PLUGIN_ID } from './utils';

/** Content-API actions of the reading routes (`publicRead`) and of posting, editing and deleting (`publicPost`). */
export const READ_ACTIONS = ['thread', 'replies', 'counts', 'challenge'].map(
  (name) => `plugin::${PLUGIN_ID}.comments.${name}`
);
export const POST_ACTIONS = ['post', 'edit', 'remove', 'report'].map(
  (name) => `plugin::${PLUGIN_ID}.comments.${name}`
);

/**
 * Content-API actions of the email routes: confirming and leaving reply notifications, verifying a
 * guest's address and a verified guest's own data requests (each checks its own token). Granted with
 * posting (`publicPost`).
 */
export const MAIL_ACTIONS = [
  'confirmPage',
  'confirm',
  'unsubscribePage',
  'unsubscribe',
  'verify',
  'verifyPage',
  'verifyConfirm',
  'exportOwn',
  'eraseOwn',
].map((name) => `plugin::${PLUGIN_ID}.notifications.${name}`);

/**
 * Grants the Public and Authenticated roles the actions `publicRead`/`publicPost` open, adding only what
 * is missing (an admin's later changes stay). Without Users & Permissions, API tokens with these actions
 * use the routes.
 */
async function grantRoles(strapi: Core.Strapi, actions: string[]): Promise<void> {
  if (!strapi.plugin('users-permissions') || actions.length === 0) return;
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const type of ['public', 'authenticated']) {
    const role = (await strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type } })) as { id: number } | null;
    if (!role) continue;
    const existing = (await permissions.findMany({
      select: ['action'],
      where: { role: role.id, action: { $in: actions } },
    })) as Array<{ action: string }>;
    const missing = actions.filter(
      (action) => !existing.some((permission) => permission.action === action)
    );
    for (const action of missing) await permissions.create({ data: { action, role: role.id } });
    if (missing.length > 0)
      strapi.log.info(`[${PLUGIN_ID}] the ${type} role can now use: ${missing.join(', ')}`);
  }
}

/** Admin permissions: moderating comments, and changing the plugin's settings (super admins have both). */
const ADMIN_ACTIONS = [
  { section: 'plugins', displayName: 'Moderate comments', uid: 'moderate', pluginName: PLUGIN_ID },
  {
    section: 'plugins',
    displayName: 'Configure comments',
    uid: 'configure',
    pluginName: PLUGIN_ID,
  },
];

/** Registers the admin permissions, checks that the configured types exist, and opens the routes to readers as configured. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ADMIN_ACTIONS);
  const config = getConfig(strapi);
  if (config.contentTypes.length === 0) {
    strapi.log.info(
      `[${PLUGIN_ID}] No content type takes comments yet. Set them in config/plugins.ts: '${PLUGIN_ID}': { config: { contentTypes: ['api::article.article'] } }`
    );
  }
  for (const uid of config.contentTypes) {
    const contentType = strapi.contentType(uid as never) as
      | { options?: { draftAndPublish?: boolean } }
      | undefined;
    if (!contentType)
      throw new Error(`[${PLUGIN_ID}] contentTypes: "${uid}" is not a content type of this app`);
  }
  if (config.decorateResponses) documentCommentsField(strapi, config.contentTypes);
  await grantRoles(strapi, [
    ...(config.publicRead ? READ_ACTIONS : []),
    ...(config.publicPost ? POST_ACTIONS : []),
    ...(config.publicPost ? MAIL_ACTIONS : []),
  ]);
  const mail = getService(strapi, 'mail');
  const off = mail.offReason();
  if (off) {
    strapi.log.info(
      `[${PLUGIN_ID}] Email is off (${off}): no reply notifications, verification links or moderator digests. Configure an email provider (e.g. @strapi/provider-email-nodemailer) to turn them on.`
    );
  } else {
    getService(strapi, 'outbox').start();
  }
};
