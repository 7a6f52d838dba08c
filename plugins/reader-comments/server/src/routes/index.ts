import { mailContracts } from '../openapi/mail';
import { contracts } from '../openapi';
import { settingsRoutes } from './settings';

const contractsByName = {
  thread: contracts['comments.thread'],
  replies: contracts['comments.replies'],
  counts: contracts['comments.counts'],
  challenge: contracts['comments.challenge'],
  post: contracts['comments.post'],
  edit: contracts['comments.edit'],
  remove: contracts['comments.remove'],
  report: contracts['comments.report'],
};

/**
 * Content-API routes under /api/reader-comments, through the Users & Permissions roles like any other
 * (the plugin grants reading and posting to the Public and Authenticated roles at startup unless told not
 * to). `counts` and the fixed prefixes come before `:type/:documentId` so they are not taken for one.
 */
const route = (method: string, path: string, handler: keyof typeof contractsByName) => ({
  method,
  path,
  handler: `comments.${handler}`,
  ...contractsByName[handler],
  config: {},
});

/**
 * Email routes (notifications, verification, a verified guest's data), content-API like the others and
 * granted to the Public and Authenticated roles at startup. Their paths have one or three segments, so
 * they never meet `:type/:documentId`.
 */
const mailRoute = (method: string, path: string, handler: keyof typeof mailContracts) => ({
  method,
  path,
  handler: `notifications.${handler}`,
  ...mailContracts[handler],
  config: {},
});

/** Admin routes: an authenticated admin with the `moderate` permission (super admins have it). */
const moderatorRoute = (method: string, path: string, handler: string) => ({
  method,
  path,
  handler: `moderation.${handler}`,
  config: {
    policies: [
      'admin::isAuthenticatedAdmin',
      { name: 'admin::hasPermissions', config: { actions: ['plugin::reader-comments.moderate'] } },
    ],
  },
});

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      route('GET', '/threads/:rootId/replies', 'replies'),
      route('PATCH', '/comments/:id', 'edit'),
      route('DELETE', '/comments/:id', 'remove'),
      route('POST', '/comments/:id/report', 'report'),
      route('GET', '/:type/counts', 'counts'),
      route('GET', '/:type/:documentId/challenge', 'challenge'),
      route('GET', '/:type/:documentId', 'thread'),
      route('POST', '/:type/:documentId', 'post'),
      mailRoute('GET', '/mail/subscriptions/confirm', 'confirmPage'),
      mailRoute('POST', '/mail/subscriptions/confirm', 'confirm'),
      mailRoute('GET', '/mail/subscriptions/unsubscribe', 'unsubscribePage'),
      mailRoute('POST', '/mail/subscriptions/unsubscribe', 'unsubscribe'),
      mailRoute('POST', '/verify', 'verify'),
      mailRoute('GET', '/readers/verify/confirm', 'verifyPage'),
      mailRoute('POST', '/readers/verify/confirm', 'verifyConfirm'),
      mailRoute('GET', '/readers/me/data', 'exportOwn'),
      mailRoute('DELETE', '/readers/me/data', 'eraseOwn'),
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      moderatorRoute('GET', '/queue', 'queue'),
      moderatorRoute('POST', '/moderate', 'moderate'),
      moderatorRoute('PUT', '/comments/:id', 'edit'),
      moderatorRoute('POST', '/comments/:id/block', 'block'),
      moderatorRoute('GET', '/log', 'log'),
      moderatorRoute('POST', '/reconcile', 'reconcile'),
      ...settingsRoutes,
    ],
  },
};
