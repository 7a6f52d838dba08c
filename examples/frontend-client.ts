/**
 * A frontend's typed client for this content API, as a frontend project would write it: the types come
 * from the OpenAPI document (`npm run openapi` writes examples/generated/content-api.ts; in a frontend,
 * `npx openapi-typescript <url or file of the document> -o src/content-api.ts`), and openapi-fetch checks
 * every path, parameter and response field against them. `npm run openapi` type-checks this file, so a
 * change of the API that breaks a frontend breaks CI.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/content-api';

/** A typed client of the content API at `baseUrl`, which ends with the REST prefix (`…/api`). */
export const contentApi = (baseUrl: string) => createClient<paths>({ baseUrl });
export type ContentApi = ReturnType<typeof contentApi>;

/** Paths are relative to the content API: the base URL ends with the REST prefix. */
export const api = contentApi('http://localhost:1337/api');

type File = components['schemas']['PluginUploadFileDocument'];

/** What an article page renders. */
export interface ArticlePage {
  documentId: string;
  locale: string | undefined;
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
export async function articleBySlug(
  slug: string,
  locale?: string,
  client: ContentApi = api
): Promise<ArticlePage | null> {
  const { data, error, response } = await client.GET('/articles/by-slug/{slug}', {
    params: { path: { slug }, query: { locale } },
  });
  if (response.status === 404) return null;
  if (error || !data)
    throw new Error(`by-slug failed with ${response.status}: ${error?.error.message ?? 'no body'}`);
  const article = data.data;
  return {
    documentId: article.documentId,
    locale: article.locale,
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

// ---------------------------------------------------------------------------------------------------
// Reader comments (strapi-plugin-reader-comments): the thread, more replies, posting with the ALTCHA
// payload, a guest's edit and delete with the token the post returned, reporting.

type ThreadAnswer =
  paths['/reader-comments/{type}/{documentId}']['get']['responses'][200]['content']['application/json'];
// Declared as 200 in the document (Strapi's generator); the server answers 201, which openapi-fetch
// also takes as success.
type PostAnswer =
  paths['/reader-comments/{type}/{documentId}']['post']['responses'][200]['content']['application/json'];

/** A top-level comment with its first replies and the cursor of the rest. */
export type ThreadComment = ThreadAnswer['data'][number];
/** One comment as readers see it (no email, ever). */
export type PublicComment = ThreadComment['replies'][number];

/** A refusal of the API, with the message the server gave and the status (Retry-After on a 429). */
export class CommentsRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds: number | null = null
  ) {
    super(message);
  }
}

const refusal = (response: Response, error: unknown): CommentsRefusal => {
  const message = (error as { error?: { message?: unknown } } | undefined)?.error?.message;
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new CommentsRefusal(
    response.status,
    typeof message === 'string' ? message : `The server answered ${response.status}`,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null
  );
};

/** A page of a document's thread: top-level comments with their first replies, the approved count. */
export async function commentThread(
  documentId: string,
  options: {
    type?: string;
    cursor?: string;
    locale?: string;
    order?: 'newest' | 'oldest' | 'top';
  } = {},
  client: ContentApi = api
): Promise<{ comments: ThreadComment[]; count: number; nextCursor: string | null }> {
  const { data, error, response } = await client.GET('/reader-comments/{type}/{documentId}', {
    params: {
      path: { type: options.type ?? 'article', documentId },
      query: { cursor: options.cursor, locale: options.locale, order: options.order },
    },
  });
  if (!data) throw refusal(response, error);
  return { comments: data.data, count: data.meta.count, nextCursor: data.meta.nextCursor };
}

/** More replies of one thread, after the cursor its entry (or the previous page) gave. */
export async function threadReplies(
  rootId: number,
  cursor: string | undefined,
  client: ContentApi = api
): Promise<{ replies: PublicComment[]; nextCursor: string | null }> {
  const { data, error, response } = await client.GET('/reader-comments/threads/{rootId}/replies', {
    params: { path: { rootId: String(rootId) }, query: { cursor } },
  });
  if (!data) throw refusal(response, error);
  return { replies: data.data, nextCursor: data.meta.nextCursor };
}

/** Where the ALTCHA widget fetches its challenge for a post on the document (`baseUrl` ends with `/api`). */
export function challengeUrl(
  baseUrl: string,
  documentId: string,
  options: { type?: string; locale?: string } = {}
): string {
  const url = new URL(
    `${baseUrl}/reader-comments/${encodeURIComponent(options.type ?? 'article')}/${encodeURIComponent(documentId)}/challenge`
  );
  if (options.locale) url.searchParams.set('locale', options.locale);
  return url.toString();
}

/** What a guest's post sends; `altcha` is the widget's payload, `honeypot` the field people never see. */
export interface GuestPost {
  documentId: string;
  type?: string;
  locale?: string;
  name: string;
  email: string;
  text: string;
  parentId?: number;
  altcha: string;
  honeypot?: { field: string; value: string };
}

/**
 * Posts a guest's comment. The answer says whether it is published or held (`status: 'pending'`), and
 * holds the edit token, shown this once.
 */
export async function postGuestComment(
  post: GuestPost,
  client: ContentApi = api
): Promise<{ comment: PublicComment; meta: PostAnswer['meta'] }> {
  const { data, error, response } = await client.POST('/reader-comments/{type}/{documentId}', {
    params: {
      path: { type: post.type ?? 'article', documentId: post.documentId },
      query: { locale: post.locale },
    },
    body: {
      text: post.text,
      author: { name: post.name, email: post.email },
      altcha: post.altcha,
      ...(post.parentId ? { parentId: post.parentId } : {}),
      // the honeypot's name is the plugin's setting, not part of the typed body
      ...(post.honeypot ? { [post.honeypot.field]: post.honeypot.value } : {}),
    },
  });
  if (!data) throw refusal(response, error);
  return { comment: data.data, meta: data.meta };
}

const tokenHeader = (token: string) => ({ 'X-Comment-Token': token });

/** A guest edits their comment within the edit window, with the token the post returned. */
export async function editGuestComment(
  id: number,
  text: string,
  token: string,
  client: ContentApi = api
): Promise<{ comment: PublicComment; status: string }> {
  const { data, error, response } = await client.PATCH('/reader-comments/comments/{id}', {
    params: { path: { id: String(id) } },
    body: { text },
    headers: tokenHeader(token),
  });
  if (!data) throw refusal(response, error);
  return { comment: data.data, status: data.meta.status };
}

/** A guest deletes their comment within the edit window. */
export async function deleteGuestComment(
  id: number,
  token: string,
  client: ContentApi = api
): Promise<void> {
  const { data, error, response } = await client.DELETE('/reader-comments/comments/{id}', {
    params: { path: { id: String(id) } },
    headers: tokenHeader(token),
  });
  if (!data) throw refusal(response, error);
}

/** Reports a comment (once per reader); `hidden` when enough reports took it down for a moderator. */
export async function reportComment(
  id: number,
  reason?: string,
  client: ContentApi = api
): Promise<{ hidden: boolean }> {
  const { data, error, response } = await client.POST('/reader-comments/comments/{id}/report', {
    params: { path: { id: String(id) } },
    body: reason ? { reason } : {},
  });
  if (!data) throw refusal(response, error);
  return { hidden: data.data.hidden };
}
