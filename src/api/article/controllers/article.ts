import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { assertDocumentExists } from '../../../utils/assert-document-exists';

export default factories.createCoreController('api::article.article', ({ strapi }) => ({
  /** GET /api/articles/by-slug/:slug: the published article with cover, coverCredit and tags. */
  async findBySlug(ctx) {
    const { slug } = ctx.params as { slug: string };
    const article = await strapi.service('api::article.article').findPublishedBySlug(slug);
    if (!article) throw new errors.NotFoundError(`No published article with slug "${slug}"`);
    const sanitized = await strapi.contentAPI.sanitize.output(article, strapi.contentType('api::article.article'), {
      auth: ctx.state.auth,
    });
    return { data: sanitized, meta: {} };
  },

  async delete(ctx) {
    await assertDocumentExists(strapi, 'api::article.article', ctx.params.id);
    return super.delete(ctx);
  },
}));
