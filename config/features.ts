/**
 * Strapi feature flags. `experimental_firstPublishedAt` records when an article was first published:
 * tag pages sort by it (newest first), and it tells the slug rule that an article has gone public.
 */
export default {
  future: {
    experimental_firstPublishedAt: true,
  },
};
