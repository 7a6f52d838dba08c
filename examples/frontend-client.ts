/**
 * A frontend's typed client for this content API, as a frontend project would write it: the types come
 * from the OpenAPI document (`npm run openapi` writes examples/generated/content-api.ts; in a frontend,
 * `npx openapi-typescript <url or file of the document> -o src/content-api.ts`), and openapi-fetch checks
 * every path, parameter and response field against them. `npm run openapi` type-checks this file, so a
 * change of the API that breaks a frontend breaks CI.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/content-api';

/** Paths are relative to the content API: the base URL ends with the REST prefix. */
export const api = createClient<paths>({ baseUrl: 'http://localhost:1337/api' });

type File = components['schemas']['PluginUploadFileDocument'];

/** What an article page renders. */
export interface ArticlePage {
  title: string | undefined;
  views: number;
  shares: number;
  tags: string[];
  cover: {
    url: string;
    placeholder: string | null;
    color: string | null;
    ogImage: string | undefined;
    /** For `<img srcset sizes>`: the preset's width ladder. */
    srcset: string | undefined;
    sizes: string | undefined;
    /** What the image itself says: for an "AI-generated" label and the credit under it. */
    aiGenerated: boolean;
    rightsHolder: string | undefined;
  } | null;
}

const cover = (file: File | undefined): ArticlePage['cover'] =>
  file
    ? {
        url: file.url ?? '',
        placeholder: file.placeholder ?? null,
        color: file.dominantColor ?? null,
        // A thumbnails preset's variant: `<preset>_<format>` keys are typed.
        ogImage: file.formats?.og_webp?.url,
        srcset: file.formats?.og_webp?.srcset,
        sizes: file.formats?.og_webp?.sizes,
        aiGenerated: file.provenance?.aiGenerated ?? false,
        rightsHolder: file.provenance?.rights.copyrightNotice,
      }
    : null;

/** An article by its slug, with its live engagement figures; null when there is none. */
export async function articleBySlug(slug: string, locale?: string): Promise<ArticlePage | null> {
  const { data, error, response } = await api.GET('/articles/by-slug/{slug}', {
    params: { path: { slug }, query: { locale } },
  });
  if (response.status === 404) return null;
  if (error || !data)
    throw new Error(`by-slug failed with ${response.status}: ${error?.error.message ?? 'no body'}`);
  const article = data.data;
  return {
    title: article.title,
    views: article.engagement.views,
    shares: article.engagement.shares,
    tags: (article.tags ?? []).map((tag) => tag.name ?? ''),
    cover: cover(article.cover),
  };
}

/** One page of a tag's articles, with the total for the pager. */
export async function tagArticles(
  slug: string,
  page = 1
): Promise<{ titles: string[]; total: number }> {
  const { data, error, response } = await api.GET('/tags/by-slug/{slug}/articles', {
    params: { path: { slug }, query: { page, pageSize: 10 } },
  });
  if (error || !data)
    throw new Error(
      `tag articles failed with ${response.status}: ${error?.error.message ?? 'no body'}`
    );
  return {
    titles: data.data.map((article) => article.title ?? ''),
    total: data.meta.pagination.total,
  };
}

/** The tag list with each tag's number of published articles. */
export async function tagCloud(): Promise<Array<{ name: string; count: number }>> {
  const { data } = await api.GET('/tags', {});
  return (data?.data ?? []).map((tag) => ({ name: tag.name ?? '', count: tag.articleCount }));
}

/** Counts a view of an article (call once per page view); false when the request was not counted. */
export async function countView(documentId: string): Promise<boolean> {
  const { data, response } = await api.POST('/engagement/{type}/{documentId}/view', {
    params: { path: { type: 'article', documentId } },
  });
  if (response.status === 429) return false;
  return data?.data.counted ?? false;
}

/** The most viewed articles of the week. */
export async function popularThisWeek(
  limit = 5
): Promise<Array<{ documentId: string; views: number }>> {
  const { data } = await api.GET('/engagement/{type}/popular', {
    params: { path: { type: 'article' }, query: { period: 'week', by: 'views', limit } },
  });
  return (data?.data ?? []).map((entry) => ({ documentId: entry.documentId, views: entry.views }));
}
