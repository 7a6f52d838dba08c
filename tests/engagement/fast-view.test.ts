import {
  ENGAGEMENT_TEST_ENV,
  browserUA,
  createArticle,
  postView,
  stats,
  type Article,
} from '../helpers/engagement-fixtures';
import { useTestApp } from '../helpers/strapi';

/**
 * The app lists `plugin::engagement.fast-view` in config/middlewares.ts: views are answered ahead of the
 * router. A client must not notice: same answers, same CORS and security headers, same error format.
 */
const app = useTestApp({ ...ENGAGEMENT_TEST_ENV, ENGAGEMENT_RATE_LIMIT_MAX: '3' });
let article: Article;

beforeAll(async () => {
  article = await createArticle(app().strapi, 'Fast view');
});

it('counts a view with the CORS and security headers of any other route', async () => {
  const res = await app()
    .http()
    .post(`/api/engagement/article/${article.documentId}/view`)
    .set('Origin', 'https://frontend.example')
    .set('User-Agent', browserUA())
    .set('Content-Type', 'text/plain')
    .send('');
  expect(res.status).toBe(202);
  expect(res.body).toEqual({ data: { counted: true } });
  expect(res.headers['access-control-allow-origin']).toBeDefined();
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-powered-by']).toBe('Strapi <strapi.io>');
  expect((await stats(app(), article.documentId)).views).toBe(1);
});

it("answers errors in Strapi's format, and the rate limit applies", async () => {
  const missing = await postView(app(), 'nosuchdocument0000000000', browserUA());
  expect(missing.status).toBe(404);
  expect(missing.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });

  // the limit (3 a minute here) is shared with the regular routes: the view, the stats read and the 404
  // above used it up
  const limited = await postView(app(), article.documentId, browserUA());
  expect(limited.status).toBe(429);
  expect(limited.body.error.message).toMatch(/Too many engagement requests/);
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
});

it('leaves every other engagement route to the router', async () => {
  // rate limited too, which shows the request reached the share route's own middleware
  const share = await app()
    .http()
    .post(`/api/engagement/article/${article.documentId}/share`)
    .send({ network: 'x' });
  expect(share.status).toBe(429);
  // the router answers a POST to the GET-only stats path with 405
  const wrongMethod = await app().http().post(`/api/engagement/article/${article.documentId}`);
  expect(wrongMethod.status).toBe(405);
});
