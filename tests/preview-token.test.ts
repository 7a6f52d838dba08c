import { randomBytes } from 'node:crypto';
import { PREVIEW_TOKEN_NAME, ensurePreviewToken } from '../src/bootstrap/preview-token';
import { adminAuth } from './helpers/admin-api';
import { documentsOf } from './helpers/content';
import { useSharedApp } from './helpers/strapi';

/**
 * `npm run develop`'s Preview token (src/bootstrap/preview-token.ts, called at start in development with
 * PREVIEW_API_TOKEN from .env): the key `.env` holds reads drafts by slug and nothing else, and starting
 * again changes nothing, or moves the token to a new key.
 */
const app = useSharedApp();
const run = Date.now().toString(36);

const bySlugDraft = (slug: string, key: string) =>
  app()
    .http()
    .get(`/api/articles/by-slug/${slug}`)
    .query({ status: 'draft' })
    .set({ Authorization: `Bearer ${key}` });

it('makes the token .env names, limited to reading drafts by slug, once', async () => {
  const key = randomBytes(48).toString('hex');
  const article = await documentsOf(app(), 'api::article.article').create({
    data: { title: `Draft only a preview sees ${run}` },
  });
  expect(await ensurePreviewToken(app().strapi, key)).toBe('created');

  const draft = await bySlugDraft(article.slug as string, key);
  expect(draft.status).toBe(200);
  expect(draft.body.data.title).toBe(`Draft only a preview sees ${run}`);
  // nothing beyond what Preview reads
  const list = await app()
    .http()
    .get('/api/articles')
    .set({ Authorization: `Bearer ${key}` });
  expect(list.status).toBe(403);

  // the next start: nothing to do, still one token of that name
  expect(await ensurePreviewToken(app().strapi, key)).toBe('unchanged');
  const tokens = await app()
    .http()
    .get('/admin/api-tokens')
    .set(await adminAuth(app()));
  expect(
    (tokens.body.data as Array<{ name: string }>).filter((t) => t.name === PREVIEW_TOKEN_NAME)
  ).toHaveLength(1);

  // a new .env: the same token takes the new key, the old one stops working
  const next = randomBytes(48).toString('hex');
  expect(await ensurePreviewToken(app().strapi, next)).toBe('updated');
  expect((await bySlugDraft(article.slug as string, next)).status).toBe(200);
  expect((await bySlugDraft(article.slug as string, key)).status).toBe(401);
});
