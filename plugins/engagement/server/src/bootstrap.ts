import type { Core } from '@strapi/strapi';
import { getService } from './utils';

/** Admin permissions: reading figures in the admin, and setting/resetting counts (super admins have both). */
const ACTIONS = [
  { section: 'plugins', displayName: 'Read view and share figures', uid: 'read', pluginName: 'engagement' },
  { section: 'plugins', displayName: 'Set and reset view and share counts', uid: 'manage', pluginName: 'engagement' },
];

/** Registers the admin permissions, loads the published-document cache, starts the store and flusher. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
  const documents = getService(strapi, 'documents');
  documents.refineColumns();
  await documents.load();
  await getService(strapi, 'counter').init();
};
