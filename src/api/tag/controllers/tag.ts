import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { assertDocumentExists } from '../../../utils/assert-document-exists';
import { localeParam } from '../../../utils/locale';
import { parsePagination } from '../../../utils/pagination';

type TagOut = { id: number; articleCount?: number };

export default factories.createCoreController('api::tag.tag', ({ strapi }) => {
  /**
   * The article locale a tag request asks for (`?locale=`, else the default locale; 400 for an unknown one).
   * Taken off the query: tags are not localized, so Strapi's own tag queries must not filter by it.
   */
  const articleLocale = async (ctx: { query: Record<string, unknown> }): Promise<string> => {
    const locale = await localeParam(strapi, ctx.query.locale);
    delete ctx.query.locale;
    return locale;
  };

  return {
    /**
     * Strapi's find, with each tag's number of published articles in `?locale=` (the default locale when
     * absent) as `articleCount`. Tags themselves are not localized: the same tags in every locale.
     */
    async find(ctx) {
      const locale = await articleLocale(ctx);
      const response = (await super.find(ctx)) as { data: TagOut[]; meta: unknown };
      const counts = await strapi.service('api::tag.tag').publishedArticleCounts(
        response.data.map((tag) => tag.id),
        locale
      );
      for (const tag of response.data) tag.articleCount = counts.get(tag.id) ?? 0;
      return response;
    },

    /** Strapi's findOne, with `articleCount` in `?locale=`. */
    async findOne(ctx) {
      const locale = await articleLocale(ctx);
      const response = (await super.findOne(ctx)) as
        | { data: TagOut | null; meta: unknown }
        | undefined;
      if (response?.data) {
        const counts = await strapi
          .service('api::tag.tag')
          .publishedArticleCounts([response.data.id], locale);
        response.data.articleCount = counts.get(response.data.id) ?? 0;
      }
      return response;
    },

    async delete(ctx) {
      await assertDocumentExists(strapi, 'api::tag.tag', ctx.params.id);
      return super.delete(ctx);
    },

    /**
     * GET /api/tags/by-slug/:slug/articles?locale=&page=&pageSize=: the tag's published articles in the locale
     * (the default locale when absent), newest first.
     */
    async articlesBySlug(ctx) {
      const { slug } = ctx.params as { slug: string };
      const locale = await articleLocale(ctx);
      const { page, pageSize } = parsePagination(
        ctx.query,
        strapi.config.get('api.rest.maxLimit', 100)
      );
      const tag = await strapi
        .documents('api::tag.tag')
        .findFirst({ filters: { slug: { $eq: slug } }, fields: ['id'] });
      if (!tag) throw new errors.NotFoundError(`No tag with slug "${slug}"`);

      const { results, pagination } = await strapi
        .service('api::tag.tag')
        .publishedArticles(slug, { page, pageSize, locale });
      const contentType = strapi.contentType('api::article.article');
      const sanitized = await strapi.contentAPI.sanitize.output(results, contentType, {
        auth: ctx.state.auth,
      });
      return { data: sanitized, meta: { pagination } };
    },
  };
});
