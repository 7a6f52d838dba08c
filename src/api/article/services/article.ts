import { factories } from '@strapi/strapi';

/** What an article page shows besides the article's own fields. */
export const ARTICLE_PAGE_POPULATE = { cover: true, coverCredit: true, tags: true } as const;

export default factories.createCoreService('api::article.article', ({ strapi }) => ({
  /** The published article with this slug, with cover, credit and tags populated; null when there is none. */
  async findPublishedBySlug(slug: string) {
    return strapi.documents('api::article.article').findFirst({
      filters: { slug: { $eq: slug } },
      status: 'published',
      populate: ARTICLE_PAGE_POPULATE,
    });
  },
}));
