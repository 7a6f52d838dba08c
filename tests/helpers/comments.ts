import { createHash } from 'node:crypto';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { TestApp } from './strapi';

export const COMMENTS = '/api/reader-comments';

/** What a post sends; `author` is a guest's (omit it with a user's JWT). */
export interface PostBody {
  text: string;
  author?: { name: string; email: string };
  parentId?: number;
  [field: string]: unknown;
}

/** Fetches a challenge for the document (optionally bound to the form's fields) and solves it, as the ALTCHA widget does. */
export async function solvedPayload(
  app: TestApp,
  documentId: string,
  options: { locale?: string; fields?: string; type?: string } = {}
): Promise<string> {
  const query = new URLSearchParams({
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.fields ? { fields: options.fields } : {}),
  });
  const res = await app
    .http()
    .get(`${COMMENTS}/${options.type ?? 'article'}/${documentId}/challenge?${query}`);
  if (res.status !== 200)
    throw new Error(`challenge answered ${res.status}: ${JSON.stringify(res.body)}`);
  const challenge = res.body as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('the challenge could not be solved');
  return Buffer.from(
    JSON.stringify({
      challenge: { parameters: challenge.parameters, signature: challenge.signature },
      solution,
    })
  ).toString('base64');
}

/** The fields hash a form sends in `?fields=` (SHA-256 of `JSON.stringify([name, email, text])`). */
export const fieldsHashOf = (name: string, email: string, text: string): string =>
  createHash('sha256')
    .update(JSON.stringify([name, email, text]))
    .digest('hex');

/** Posts a comment on an article the way a frontend does: a solved challenge, then the form. */
export async function postComment(
  app: TestApp,
  documentId: string,
  body: PostBody,
  options: { locale?: string; jwt?: string } = {}
) {
  const altcha = await solvedPayload(app, documentId, { locale: options.locale });
  const request = app
    .http()
    .post(`${COMMENTS}/article/${documentId}${options.locale ? `?locale=${options.locale}` : ''}`);
  if (options.jwt) request.set('Authorization', `Bearer ${options.jwt}`);
  return request.send({ altcha, ...body });
}

/** A guest author with a unique email. */
export const guest = (name = 'Ada Reader') => ({
  name,
  email: `${name.toLowerCase().replace(/\W+/g, '.')}.${Math.random().toString(36).slice(2, 8)}@example.com`,
});

/**
 * For a test file: a setter of the plugin's config on the running app (`moderation.preModerate`, …) that
 * lasts one test; after each test the values it changed are put back, last change first.
 */
export function useCommentSettings(app: () => TestApp): (path: string, value: unknown) => void {
  const restore: Array<() => void> = [];
  afterEach(() => {
    while (restore.length > 0) restore.pop()?.();
  });
  return (path, value) => {
    const { config } = app().strapi;
    const key = `plugin::reader-comments.${path}`;
    const before = config.get(key);
    config.set(key, value);
    restore.push(() => config.set(key, before));
  };
}
