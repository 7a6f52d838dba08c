import type { Core } from '@strapi/strapi';
import type { GraphqlContext } from './types';

const ARTICLE = 'api::article.article';
const TAG = 'api::tag.tag';

interface BySlugArgs {
  slug: string;
  locale?: string | null;
}

/**
 * The app's GraphQL extension: `articleBySlug(slug, locale)` and `tagBySlug(slug, locale)`, the
 * published document or null, with the same permissions and services as the REST routes
 * `GET /api/articles/by-slug/:slug` and `GET /api/tags/by-slug/:slug/articles`. Relations under them
 * (an article's tags, a tag's articles) are published-only, like the REST responses: Strapi links a
 * published row only to published rows, and the GraphQL plugin loads relations from the parent row.
 */
export const bySlugExtension = (strapi: Core.Strapi) => () => ({
  typeDefs: /* GraphQL */ `
    type Query {
      "The published article with this slug, or null."
      articleBySlug(slug: String!, locale: String): Article
      "The tag with this slug (its articles field lists published articles), or null."
      tagBySlug(slug: String!, locale: String): Tag
    }
  `,
  resolvers: {
    Query: {
      async articleBySlug(_parent: unknown, { slug, locale }: BySlugArgs, context: GraphqlContext) {
        const article = await strapi
          .service(ARTICLE)
          .findBySlug(slug, 'published', locale ?? undefined);
        if (!article) return null;
        return strapi.contentAPI.sanitize.output(article, strapi.contentType(ARTICLE), {
          auth: context.state.auth,
        });
      },
      async tagBySlug(_parent: unknown, { slug, locale }: BySlugArgs, context: GraphqlContext) {
        const tag = await strapi.documents(TAG).findFirst({
          filters: { slug: { $eq: slug } },
          status: 'published',
          ...(locale ? { locale } : {}),
        });
        if (!tag) return null;
        return strapi.contentAPI.sanitize.output(tag, strapi.contentType(TAG), {
          auth: context.state.auth,
        });
      },
    },
  },
  resolversConfig: {
    'Query.articleBySlug': { auth: { scope: [`${ARTICLE}.findBySlug`] } },
    'Query.tagBySlug': { auth: { scope: [`${TAG}.articlesBySlug`] } },
  },
});
