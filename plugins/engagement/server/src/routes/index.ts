/**
 * Content-API routes under /api/engagement, rate limited per IP, and admin routes for the admin UI (under
 * /engagement, admin JWT and the plugin::engagement.read or .manage permission). Counting routes are open
 * to everyone (a frontend counts without a token); reading routes go through the content API's
 * permissions like any other (Users & Permissions roles, API tokens): the plugin grants them to the
 * Public role at startup when `publicRead` is on. `popular` comes before `:documentId` so it is not
 * taken for a documentId.
 */
import { contracts } from '../openapi';

/** A fresh object per route: Strapi mutates route configs while registering them. */
const countingRoute = () => ({
  auth: false as const,
  middlewares: ['plugin::engagement.rate-limit'],
});
const readingRoute = () => ({ middlewares: ['plugin::engagement.rate-limit'] });

const readPolicies = () => [
  'admin::isAuthenticatedAdmin',
  { name: 'admin::hasPermissions', config: { actions: ['plugin::engagement.read'] } },
];

const adminPolicies = () => [
  'admin::isAuthenticatedAdmin',
  { name: 'admin::hasPermissions', config: { actions: ['plugin::engagement.manage'] } },
];

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      {
        method: 'GET',
        path: '/share/:network/:type/:documentId',
        handler: 'engagement.shareRedirect',
        ...contracts['engagement.shareRedirect'],
        config: countingRoute(),
      },
      {
        method: 'GET',
        path: '/:type/popular',
        handler: 'engagement.popular',
        ...contracts['engagement.popular'],
        config: readingRoute(),
      },
      {
        method: 'POST',
        path: '/:type/:documentId/view',
        handler: 'engagement.view',
        ...contracts['engagement.view'],
        config: countingRoute(),
      },
      {
        method: 'POST',
        path: '/:type/:documentId/share',
        handler: 'engagement.share',
        ...contracts['engagement.share'],
        config: countingRoute(),
      },
      {
        method: 'GET',
        path: '/:type/:documentId',
        handler: 'engagement.stats',
        ...contracts['engagement.stats'],
        config: readingRoute(),
      },
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: '/settings',
        handler: 'admin.settings',
        config: { policies: readPolicies() },
      },
      {
        method: 'GET',
        path: '/totals/:type',
        handler: 'admin.totals',
        config: { policies: readPolicies() },
      },
      {
        method: 'GET',
        path: '/popular/:type',
        handler: 'admin.popular',
        config: { policies: readPolicies() },
      },
      {
        method: 'GET',
        path: '/stats/:type/:documentId',
        handler: 'admin.stats',
        config: { policies: readPolicies() },
      },
      {
        method: 'GET',
        path: '/export/:type/:documentId',
        handler: 'admin.exportDaily',
        config: { policies: readPolicies() },
      },
      {
        method: 'PUT',
        path: '/counts/:type/:documentId',
        handler: 'admin.set',
        config: { policies: adminPolicies() },
      },
      {
        method: 'DELETE',
        path: '/counts/:type/:documentId',
        handler: 'admin.reset',
        config: { policies: adminPolicies() },
      },
    ],
  },
};
