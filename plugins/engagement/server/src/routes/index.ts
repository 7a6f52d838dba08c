/**
 * Public routes (content API, under /api/engagement, no authentication, rate limited per IP) and admin
 * routes for the admin UI (under /engagement, admin JWT and the plugin::engagement.read or .manage permission).
 * `popular` comes before `:documentId` so it is not taken for a documentId.
 */
/** A fresh object per route: Strapi mutates route configs while registering them. */
const publicRoute = () => ({ auth: false as const, middlewares: ['plugin::engagement.rate-limit'] });

const readPolicies = () => ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: ['plugin::engagement.read'] } }];

const adminPolicies = () => ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: ['plugin::engagement.manage'] } }];

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/share/:network/:type/:documentId', handler: 'engagement.shareRedirect', config: publicRoute() },
      { method: 'GET', path: '/:type/popular', handler: 'engagement.popular', config: publicRoute() },
      { method: 'POST', path: '/:type/:documentId/view', handler: 'engagement.view', config: publicRoute() },
      { method: 'POST', path: '/:type/:documentId/share', handler: 'engagement.share', config: publicRoute() },
      { method: 'GET', path: '/:type/:documentId', handler: 'engagement.stats', config: publicRoute() },
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/settings', handler: 'admin.settings', config: { policies: readPolicies() } },
      { method: 'GET', path: '/totals/:type', handler: 'admin.totals', config: { policies: readPolicies() } },
      { method: 'GET', path: '/popular/:type', handler: 'admin.popular', config: { policies: readPolicies() } },
      { method: 'GET', path: '/stats/:type/:documentId', handler: 'admin.stats', config: { policies: readPolicies() } },
      { method: 'GET', path: '/export/:type/:documentId', handler: 'admin.exportDaily', config: { policies: readPolicies() } },
      { method: 'PUT', path: '/counts/:type/:documentId', handler: 'admin.set', config: { policies: adminPolicies() } },
      { method: 'DELETE', path: '/counts/:type/:documentId', handler: 'admin.reset', config: { policies: adminPolicies() } },
    ],
  },
};
