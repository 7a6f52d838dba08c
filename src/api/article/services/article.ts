import { factories } from '@strapi/strapi';

/** What an article page shows besides the article's own fields. */
export const ARTICLE_PAGE_POPULATE = { cover: true, coverCredit: true, tags: true } as const;

const UID = 'api::article.article';

/** One localization of a document: its locale and its slug there (for hreflang links and language switchers). */
export interface Localization {
  locale: string;
  slug: string | null;
}

export default factories.createCoreService(UID, ({ strapi }) => ({
  /**
   * The article with this slug in the given version (published by default) and locale, with cover,
   * credit and tags populated; null when there is none. Who may ask for `draft` is the draft guard's
   * business (src/drafts).
   */
  async findBySlug(slug: string, status: 'draft' | 'published' = 'published', locale?: string) {
    return strapi.documents(UID).findFirst({
      filters: { slug: { $eq: slug } },
      status,
      ...(locale ? { locale } : {}),
      populate: ARTICLE_PAGE_POPULATE,
    });
  },

  /**
   * The localizations of one document in the given version, sorted by locale; `except` leaves one out
   * (the locale being shown).
   */
  async localizations(
    documentId: string,
    status: 'draft' | 'published',
    except?: string
  ): Promise<Localization[]> {
    const rows = (await strapi.db.query(UID).findMany({
      select: ['locale', 'slug'],
      where: { documentId, publishedAt: status === 'published' ? { $notNull: true } : null },
      orderBy: { locale: 'asc' },
    })) as Array<{ locale: string | null; slug: string | null }>;
    return rows
      .filter((row): row is Localization => typeof row.locale === 'string' && row.locale !== except)
      .map(({ locale, slug }) => ({ locale, slug }));
  },

  /**
   * The documents that have this slug in some locale other than `locale`, in the given version: what a
   * frontend needs to send a reader who followed a link in the wrong language to the right page.
   */
  async slugElsewhere(
    slug: string,
    status: 'draft' | 'published',
    locale: string
  ): Promise<Array<{ documentId: string; locale: string }>> {
    const rows = (await strapi.db.query(UID).findMany({
      select: ['documentId', 'locale'],
      where: {
        slug,
        locale: { $ne: locale },
        publishedAt: status === 'published' ? { $notNull: true } : null,
      },
      orderBy: { locale: 'asc' },
    })) as Array<{ documentId: string; locale: string }>;
    return rows;
  },
}));
