import { tagArticlesBySlug } from '../../../openapi/contracts';

export default {
  routes: [
    {
      method: 'GET',
      path: '/tags/by-slug/:slug/articles',
      handler: 'api::tag.tag.articlesBySlug',
      ...tagArticlesBySlug,
      config: { policies: [] },
    },
  ],
};
