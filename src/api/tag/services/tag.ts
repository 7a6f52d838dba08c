import { factories } from '@strapi/strapi';
import { ARTICLE_PAGE_POPULATE } from '../../article/services/article';

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

export default factories.createCoreService('api::tag.tag', ({ strapi }) => ({
  /**
   * Number of published articles per tag id in `locale`, in one query. Counts distinct documents, so an
   * article's draft row (which carries the same tags) is not counted twice.
   */
  async publishedArticleCounts(tagIds: number[], locale?: string): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    if (tagIds.length === 0) return counts;

    const meta = strapi.db.metadata.get('api::article.article');
    const joinTable = (meta.attributes.tags as unknown as { joinTable: JoinTable }).joinTable;
    const schema = strapi.db.getSchemaName();
    const qualify = (table: string) => (schema ? `${schema}.${table}` : table);
    const link = joinTable.name;
    const articles = meta.tableName;
    const publishedAt =
      (meta.attributes.publishedAt as unknown as { columnName?: string }).columnName ??
      'published_at';
    const documentId =
      (meta.attributes.documentId as unknown as { columnName?: string }).columnName ??
      'document_id';
    const localeColumn =
      (meta.attributes.locale as unknown as { columnName?: string } | undefined)?.columnName ??
      'locale';

    const rows = (await strapi.db
      .connection(`${qualify(link)} as l`)
      .join(`${qualify(articles)} as a`, 'a.id', `l.${joinTable.joinColumn.name}`)
      .whereIn(`l.${joinTable.inverseJoinColumn.name}`, tagIds)
      .whereNotNull(`a.${publishedAt}`)
      .modify((query) => {
        if (locale) query.where(`a.${localeColumn}`, locale);
      })
      .groupBy(`l.${joinTable.inverseJoinColumn.name}`)
      .select(`l.${joinTable.inverseJoinColumn.name} as tagId`)
      .countDistinct({ count: `a.${documentId}` })) as Array<{
      tagId: number | string;
      count: number | string;
    }>;

    for (const row of rows) counts.set(Number(row.tagId), Number(row.count));
    return counts;
  },

  /** One page of a tag's published articles in `locale`, newest first (first publication, then last publication). */
  async publishedArticles(
    tagSlug: string,
    { page, pageSize, locale }: { page: number; pageSize: number; locale?: string }
  ) {
    const documents = strapi.documents('api::article.article');
    const filters = { tags: { slug: { $eq: tagSlug } } };
    const [results, total] = await Promise.all([
      documents.findMany({
        filters,
        status: 'published',
        ...(locale ? { locale } : {}),
        sort: [{ firstPublishedAt: 'desc' }, { publishedAt: 'desc' }, { id: 'desc' }],
        populate: ARTICLE_PAGE_POPULATE,
        start: (page - 1) * pageSize,
        limit: pageSize,
      }),
      documents.count({ filters, status: 'published', ...(locale ? { locale } : {}) }),
    ]);
    return {
      results,
      pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
    };
  },
}));
