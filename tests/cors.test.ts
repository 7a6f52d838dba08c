import { COMMENTS } from './helpers/comments';
import { useTestApp } from './helpers/strapi';

/**
 * Browsers on other sites call the API through CORS (config/middlewares.ts): a guest's edit sends
 * `X-Comment-Token` (and a verified guest's `X-Reader-Token`), a 429's `Retry-After` must be readable, and `CORS_ORIGINS` limits which sites may
 * call at all. An app of its own: `CORS_ORIGINS` is read at startup.
 */
const SITE = 'https://www.example.com';
const app = useTestApp({ CORS_ORIGINS: `${SITE}, https://preview.example.com` });

const preflight = (origin: string) =>
  app()
    .http()
    .options(`${COMMENTS}/comments/1`)
    .set('Origin', origin)
    .set('Access-Control-Request-Method', 'PATCH')
    .set('Access-Control-Request-Headers', 'content-type,x-comment-token,x-reader-token');

it("lets the site's pages send a guest's edit token and a verified guest's reader token", async () => {
  const res = await preflight(SITE);
  expect(res.status).toBe(204);
  expect(res.headers['access-control-allow-origin']).toBe(SITE);
  expect(res.headers['access-control-allow-methods']).toMatch(/PATCH/);
  expect(res.headers['access-control-allow-headers']?.toLowerCase()).toMatch(/x-comment-token/);
  expect(res.headers['access-control-allow-headers']?.toLowerCase()).toMatch(/x-reader-token/);
});

it('lets the site read Retry-After, and tells other sites nothing', async () => {
  const read = await app().http().get('/api/articles').set('Origin', SITE);
  expect(read.headers['access-control-expose-headers']).toMatch(/Retry-After/);

  const other = await preflight('https://elsewhere.example.org');
  expect(other.headers['access-control-allow-origin']).toBeUndefined();
  const otherRead = await app()
    .http()
    .get('/api/articles')
    .set('Origin', 'https://elsewhere.example.org');
  expect(otherRead.headers['access-control-allow-origin']).toBeUndefined();
});
