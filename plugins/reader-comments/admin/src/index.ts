import type { StrapiApp } from '@strapi/strapi/admin';

const PLUGIN_ID = 'reader-comments';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Reader comments' });
  },
};
