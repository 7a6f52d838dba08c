import type { Core } from '@strapi/strapi';
import { getService } from './utils';

/** The admin permission guarding the set/reset routes (super admins have it). */
const ACTIONS = [{ section: 'plugins', displayName: 'Set and reset view and share counts', uid: 'manage', pluginName: 'engagement' }];

/** Registers the admin permission, loads the published-document cache, starts the store and flusher. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
  const documents = getService(strapi, 'documents');
  documents.refineColumns();
  await documents.load();
  await getService(strapi, 'counter').init();
};
