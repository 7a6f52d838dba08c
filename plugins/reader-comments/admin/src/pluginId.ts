export const PLUGIN_ID = 'reader-comments';

/** The admin route of the moderation pages (relative to /admin). */
export const PAGE_PATH = `plugins/${PLUGIN_ID}`;

/** RBAC action the server registers (bootstrap.ts); in the array form useRBAC expects (`allowedActions.canModerate`). */
export const PERMISSIONS = {
  moderate: [{ action: `plugin::${PLUGIN_ID}.moderate`, subject: null }],
  configure: [{ action: `plugin::${PLUGIN_ID}.configure`, subject: null }],
};

/** The Settings page's path (Settings → Reader comments), relative to /admin. */
export const SETTINGS_PATH = `settings/${PLUGIN_ID}`;

/** Translation key with the plugin prefix. */
export const t = (id: string) => `${PLUGIN_ID}.${id}`;
