export const PLUGIN_ID = 'engagement';

/** RBAC actions the server registers; the admin hides what a role may not use. */
export const PERMISSIONS = {
  read: [{ action: 'plugin::engagement.read', subject: null }],
  manage: [{ action: 'plugin::engagement.manage', subject: null }],
};

/** Translation key with the plugin prefix. */
export const t = (id: string) => `${PLUGIN_ID}.${id}`;
