import { articleBySlug } from '../../../openapi/contracts';

/**
 * Read routes a frontend needs besides Strapi's core ones. The file name sorts before the core router,
 * so `/articles/by-slug/:slug` is matched before `/articles/:id`.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/articles/by-slug/:slug',
      handler: 'api::article.article.findBySlug',
      ...articleBySlug,
      config: { policies: [] },
    },
  ],
};
