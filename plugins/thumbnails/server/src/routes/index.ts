/**
 * Admin routes (under /thumbnails, admin JWT and the plugin::thumbnails.regenerate permission): the
 * presets in effect and the "Regenerate all" job the settings page drives.
 */
const policies = [
  'admin::isAuthenticatedAdmin',
  { name: 'admin::hasPermissions', config: { actions: ['plugin::thumbnails.regenerate'] } },
];

export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/settings', handler: 'admin.settings', config: { policies } },
      { method: 'GET', path: '/regenerate', handler: 'admin.status', config: { policies } },
      { method: 'POST', path: '/regenerate', handler: 'admin.start', config: { policies } },
    ],
  },
};
