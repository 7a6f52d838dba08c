export default {
  routes: [
    {
      method: 'GET',
      path: '/tags/by-slug/:slug/articles',
      handler: 'api::tag.tag.articlesBySlug',
      config: { policies: [] },
    },
  ],
};
