import { factories } from '@strapi/strapi';

/** What an article page shows besides the article's own fields. */
export const ARTICLE_PAGE_POPULATE = { cover: true, coverCredit: true, tags: true } as const;

export default factories.createCoreService('api::article.article', ({ strapi }) => ({
  /**
   * The article with this slug in the given version (published by default), with cover, credit and tags
   * populated; null when there is none. Who may ask for `draft` is the draft guard's business (src/drafts).
   * `locale` (optional) picks the locale's version.
   */
  async findBySlug(slug: string, status: 'draft' | 'published' = 'published', locale?: string) {
    return strapi.documents('api::article.article').findFirst({
      filters: { slug: { $eq: slug } },
      status,
      ...(locale ? { locale } : {}),
      populate: ARTICLE_PAGE_POPULATE,
    });
  },
}));
