export const PLUGIN_ID = 'engagement';

/** RBAC actions the server registers; the admin hides what a role may not use. */
export const PERMISSIONS = {
  read: [{ action: 'plugin::engagement.read', subject: null }],
  manage: [{ action: 'plugin::engagement.manage', subject: null }],
};

/** Both actions, in the array form useRBAC expects (`allowedActions.canRead`, `allowedActions.canManage`). */
export const ALL_PERMISSIONS = [...PERMISSIONS.read, ...PERMISSIONS.manage];

/** Translation key with the plugin prefix. */
export const t = (id: string) => `${PLUGIN_ID}.${id}`;
