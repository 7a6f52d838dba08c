import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { addCreditsToArticle } from '../../../credits/article-credits';
import { assertDocumentExists } from '../../../utils/assert-document-exists';

export default factories.createCoreController('api::article.article', ({ strapi }) => ({
  /**
   * GET /api/articles/by-slug/:slug: the published article with cover, coverCredit and tags; with
   * `?status=draft`, its draft (for previews: the draft guard answers 403 to requesters without the
   * read-drafts permission).
   */
  async findBySlug(ctx) {
    const { slug } = ctx.params as { slug: string };
    const { status = 'published' } = ctx.query as { status?: unknown };
    if (status !== 'published' && status !== 'draft') {
      throw new errors.ValidationError(`status must be "published" or "draft"`, { errors: [{ path: ['status'], message: 'must be "published" or "draft"' }] });
    }
    const article = await strapi.service('api::article.article').findBySlug(slug, status);
    if (!article) throw new errors.NotFoundError(`No ${status} article with slug "${slug}"`);
    const sanitized = await strapi.contentAPI.sanitize.output(article, strapi.contentType('api::article.article'), {
      auth: ctx.state.auth,
    });
    // credits (issue 13): effective cover credit, body image credits, the cover's JSON-LD
    await addCreditsToArticle(strapi, sanitized as Record<string, any>);
    return { data: sanitized, meta: {} };
  },

  async delete(ctx) {
    await assertDocumentExists(strapi, 'api::article.article', ctx.params.id);
    return super.delete(ctx);
  },
}));
