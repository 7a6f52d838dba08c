import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { addCreditsToArticle } from '../../../credits/article-credits';
import { assertDocumentExists } from '../../../utils/assert-document-exists';
import { localeParam } from '../../../utils/locale';
import type { Localization } from '../services/article';

const UID = 'api::article.article';

export default factories.createCoreController(UID, ({ strapi }) => ({
  /**
   * GET /api/articles/by-slug/:slug?locale=fr: the published article with this slug in that locale (the
   * default locale when absent), with cover, coverCredit and tags, and `meta.localizations` listing the
   * document's other published locales with their slugs (for hreflang links). With `?status=draft`, its
   * draft (for previews: the draft guard answers 403 to requesters without the read-drafts permission).
   * A slug that exists only in other locales answers 404 with those locales and the document's slugs in
   * `error.details.localizations`, so a frontend can redirect to the right slug.
   */
  async findBySlug(ctx) {
    const { slug } = ctx.params as { slug: string };
    const { status = 'published' } = ctx.query as { status?: unknown };
    if (status !== 'published' && status !== 'draft') {
      throw new errors.ValidationError(`status must be "published" or "draft"`, {
        errors: [{ path: ['status'], message: 'must be "published" or "draft"' }],
      });
    }
    const locale = await localeParam(strapi, ctx.query.locale);
    const service = strapi.service(UID);
    const article = await service.findBySlug(slug, status, locale);
    if (!article) {
      const elsewhere = await service.slugElsewhere(slug, status, locale);
      if (elsewhere.length === 0)
        throw new errors.NotFoundError(
          `No ${status} article with slug "${slug}" in locale "${locale}"`
        );
      const localizations = await service.localizations(elsewhere[0].documentId, status);
      const translated = localizations.find((entry: Localization) => entry.locale === locale);
      const hint = translated
        ? `its "${locale}" version has the slug "${translated.slug}"`
        : `it exists in ${elsewhere.map((entry: { locale: string }) => `"${entry.locale}"`).join(', ')}`;
      throw new errors.NotFoundError(
        `No ${status} article with slug "${slug}" in locale "${locale}"; ${hint}`,
        { locale, localizations }
      );
    }
    const sanitized = await strapi.contentAPI.sanitize.output(article, strapi.contentType(UID), {
      auth: ctx.state.auth,
    });
    // credits (issue 13): effective cover credit, body image credits, the cover's JSON-LD
    await addCreditsToArticle(strapi, sanitized as Record<string, any>);
    return {
      data: sanitized,
      meta: {
        locale,
        localizations: await service.localizations(article.documentId, status, locale),
      },
    };
  },

  /** Strapi's delete, with a 404 (not a silent 204) when the document has no version in the locale. */
  async delete(ctx) {
    await assertDocumentExists(strapi, UID, ctx.params.id, ctx.query.locale);
    return super.delete(ctx);
  },
}));
