/**
 * The typed client of the content API: the types in content-api.ts are generated from the OpenAPI
 * document by `npm run openapi` (committed, as a frontend project keeps them; CI regenerates them and
 * fails when they changed), and openapi-fetch checks every path, parameter and response field against
 * them. Used on the server (pages) and in the browser (the comment section's script).
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './content-api';
import { strapiQuery } from './query';

/** A typed client of the content API at `baseUrl`, which ends with the REST prefix (`…/api`). */
export const contentApi = (
  baseUrl: string,
  options: {
    headers?: Record<string, string>;
    fetch?: (request: Request) => Promise<Response>;
  } = {}
) => createClient<paths>({ baseUrl, querySerializer: strapiQuery, ...options });
export type ContentApi = ReturnType<typeof contentApi>;

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
  client: ContentApi
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
  client: ContentApi
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
  client: ContentApi
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
  client: ContentApi
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
  client: ContentApi
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
  reason: string | undefined,
  client: ContentApi
): Promise<{ hidden: boolean }> {
  const { data, error, response } = await client.POST('/reader-comments/comments/{id}/report', {
    params: { path: { id: String(id) } },
    body: reason ? { reason } : {},
  });
  if (!data) throw refusal(response, error);
  return { hidden: data.data.hidden };
}
