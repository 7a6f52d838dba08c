import { preview } from '../../../openapi/contracts';

/**
 * Binds the `readDrafts` action to a content-API route: Strapi lists only actions bound to such a route
 * in the role and API token permission pickers.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/preview',
      handler: 'api::preview.preview.readDrafts',
      ...preview,
      config: { policies: [] },
    },
  ],
};
