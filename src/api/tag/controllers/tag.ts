import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { assertDocumentExists } from '../../../utils/assert-document-exists';
import { parsePagination } from '../../../utils/pagination';

type TagOut = { id: number; articleCount?: number };

export default factories.createCoreController('api::tag.tag', ({ strapi }) => ({
  /** Strapi's find, with each tag's number of published articles as `articleCount`. */
  async find(ctx) {
    const response = (await super.find(ctx)) as { data: TagOut[]; meta: unknown };
    const counts = await strapi.service('api::tag.tag').publishedArticleCounts(response.data.map((tag) => tag.id));
    for (const tag of response.data) tag.articleCount = counts.get(tag.id) ?? 0;
    return response;
  },

  /** Strapi's findOne, with `articleCount`. */
  async findOne(ctx) {
    const response = (await super.findOne(ctx)) as { data: TagOut | null; meta: unknown } | undefined;
    if (response?.data) {
      const counts = await strapi.service('api::tag.tag').publishedArticleCounts([response.data.id]);
      response.data.articleCount = counts.get(response.data.id) ?? 0;
    }
    return response;
  },

  async delete(ctx) {
    await assertDocumentExists(strapi, 'api::tag.tag', ctx.params.id);
    return super.delete(ctx);
  },

  /** GET /api/tags/by-slug/:slug/articles?page=&pageSize=: the tag's published articles, newest first. */
  async articlesBySlug(ctx) {
    const { slug } = ctx.params as { slug: string };
    const { page, pageSize } = parsePagination(ctx.query, strapi.config.get('api.rest.maxLimit', 100));
    const tag = await strapi.documents('api::tag.tag').findFirst({ filters: { slug: { $eq: slug } }, fields: ['id'] });
    if (!tag) throw new errors.NotFoundError(`No tag with slug "${slug}"`);

    const { results, pagination } = await strapi.service('api::tag.tag').publishedArticles(slug, { page, pageSize });
    const contentType = strapi.contentType('api::article.article');
    const sanitized = await strapi.contentAPI.sanitize.output(results, contentType, { auth: ctx.state.auth });
    return { data: sanitized, meta: { pagination } };
  },
}));
