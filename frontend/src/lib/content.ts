/**
 * What the pages read from the public API, on the server: one typed request per fact, never cached by
 * Next (the API's own response cache and ETags are the cache), errors sorted into what a reader sees:
 * a missing document (404 page, or a redirect to the right locale's slug) or an unavailable API (503).
 */
import { cache } from 'react';
import {
  CommentsRefusal,
  commentThread,
  contentApi,
  threadReplies,
  type ContentApi,
} from './client';
import type { paths } from './content-api';
import { strapiUrl } from './settings';

type Json<P extends keyof paths, M extends 'get'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

/** The article as the by-slug route answers it (cover, credits, tags, live counts). */
export type Article = Json<'/articles/by-slug/{slug}', 'get'>['data'];
/** One entry of an article list (home, tag pages). */
export type ArticleSummary = Json<'/articles', 'get'>['data'][number];
export type Localization = { locale: string; slug: string | null };

/** The API did not answer, or answered with a server error: the page says 503. */
export class ApiUnavailable extends Error {}

/** The upstream's caching headers, forwarded by pages that may be cached. */
export interface Caching {
  etag: string | null;
  cacheControl: string | null;
}

const cachingOf = (response: Response): Caching => ({
  etag: response.headers.get('etag'),
  cacheControl: response.headers.get('cache-control'),
});

/** A client of the content API for this server; `token` for draft reads (Preview only). */
export function serverApi(token?: string): ContentApi {
  return contentApi(`${strapiUrl()}/api`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    fetch: async (request: Request) => {
      try {
        // Next must not keep its own copy: the API's cache decides what is fresh.
        return await fetch(request, { cache: 'no-store' });
      } catch (error) {
        throw new ApiUnavailable(
          `The content API at ${strapiUrl()} did not answer: ${error instanceof Error ? error.message : String(error)}`
        );
      }
    },
  });
}

const unavailable = (what: string, response: Response): ApiUnavailable =>
  new ApiUnavailable(`${what} answered ${response.status}`);

export type ArticleLookup =
  | { kind: 'found'; article: Article; localizations: Localization[]; caching: Caching }
  /** The slug belongs to another locale's version; this locale's version has `slug`. */
  | { kind: 'moved'; slug: string }
  /** The slug exists only in other locales (no version in the one asked for). */
  | { kind: 'elsewhere'; localizations: Localization[] }
  | { kind: 'missing' };

/** What the 404 of by-slug says about the document's other versions (`error.details.localizations`). */
function localizationsOf(error: unknown): Localization[] {
  const details = (error as { error?: { details?: { localizations?: unknown } } } | undefined)
    ?.error?.details;
  return Array.isArray(details?.localizations)
    ? details.localizations.filter(
        (entry): entry is Localization =>
          typeof entry === 'object' &&
          entry !== null &&
          typeof (entry as Localization).locale === 'string'
      )
    : [];
}

/** An article by slug in a locale; for Preview, a version read with the read-drafts token. */
export async function lookUpArticle(
  slug: string,
  locale: string,
  preview?: { token: string; status: 'draft' | 'published' }
): Promise<ArticleLookup> {
  const client = serverApi(preview?.token);
  const { data, error, response } = await client.GET('/articles/by-slug/{slug}', {
    params: { path: { slug }, query: { locale, ...(preview ? { status: preview.status } : {}) } },
  });
  if (data)
    return {
      kind: 'found',
      article: data.data,
      localizations: (data.meta.localizations ?? []) as Localization[],
      caching: cachingOf(response),
    };
  if (response.status === 404) {
    const localizations = localizationsOf(error);
    const here = localizations.find((entry) => entry.locale === locale && entry.slug);
    if (here?.slug) return { kind: 'moved', slug: here.slug };
    return localizations.length > 0 ? { kind: 'elsewhere', localizations } : { kind: 'missing' };
  }
  // an unknown locale is a page that does not exist
  if (response.status === 400) return { kind: 'missing' };
  throw unavailable('GET /articles/by-slug', response);
}

/** The published article, read once per request however many parts of the page ask (metadata, page). */
export const publishedArticle = cache(
  (slug: string, locale: string): Promise<ArticleLookup> => lookUpArticle(slug, locale)
);

/** A page of an article's comment thread (`cursor`: "Older comments"); the API's refusal is a 503. */
export async function commentsOf(
  documentId: string,
  locale: string | undefined,
  cursor: string | undefined
) {
  try {
    return await commentThread(documentId, { locale, cursor }, serverApi());
  } catch (error) {
    if (error instanceof CommentsRefusal)
      throw new ApiUnavailable(`GET /reader-comments answered ${error.status}`);
    throw error;
  }
}

/** A page of one thread's further replies ("More replies"), after `cursor`; null for no such thread. */
export async function repliesOf(rootId: number, cursor: string | undefined) {
  try {
    return await threadReplies(rootId, cursor, serverApi());
  } catch (error) {
    if (error instanceof CommentsRefusal && (error.status === 404 || error.status === 400))
      return null;
    if (error instanceof CommentsRefusal)
      throw new ApiUnavailable(`GET /reader-comments/threads/replies answered ${error.status}`);
    throw error;
  }
}

/** The newest published articles of a locale. */
export async function recentArticles(locale: string, pageSize = 10): Promise<ArticleSummary[]> {
  const { data, response } = await serverApi().GET('/articles', {
    params: {
      query: {
        locale,
        sort: 'publishedAt:desc',
        pagination: { page: 1, pageSize },
        populate: ['cover', 'tags'],
      } as never,
    },
  });
  if (!data) throw unavailable('GET /articles', response);
  return data.data;
}

export type PopularEntry = Json<'/engagement/{type}/popular', 'get'>['data'][number];

/** The most viewed articles of the week. */
export async function popularArticles(locale: string, limit = 5): Promise<PopularEntry[]> {
  const { data, response } = await serverApi().GET('/engagement/{type}/popular', {
    params: {
      path: { type: 'article' },
      query: { period: 'week', by: 'views', limit, locale } as never,
    },
  });
  if (!data) throw unavailable('GET /engagement/popular', response);
  return data.data;
}

export type Tag = Json<'/tags', 'get'>['data'][number];

/** A tag by slug (name, description, article count), or null. */
export async function tagBySlug(slug: string): Promise<Tag | null> {
  const { data, response } = await serverApi().GET('/tags', {
    params: { query: { filters: { slug: { $eq: slug } } } as never },
  });
  if (!data) throw unavailable('GET /tags', response);
  return data.data[0] ?? null;
}

/** One page of a tag's published articles in a locale. */
export async function tagArticles(slug: string, locale: string, page: number, pageSize = 10) {
  const { data, response } = await serverApi().GET('/tags/by-slug/{slug}/articles', {
    params: { path: { slug }, query: { page, pageSize, locale } },
  });
  if (response.status === 404 || response.status === 400) return null;
  if (!data) throw unavailable('GET /tags/by-slug/articles', response);
  return { articles: data.data, pagination: data.meta.pagination, caching: cachingOf(response) };
}
