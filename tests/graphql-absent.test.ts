import { createArticle, postView, browserUA } from './helpers/engagement-fixtures';
import { useTestApp, type TestApp } from './helpers/strapi';

/**
 * Without the GraphQL plugin (GRAPHQL_ENABLED=false) the app and both plugins start and serve REST as
 * before: their GraphQL extensions are only added when `strapi.plugin('graphql')` exists.
 */
const testApp = useTestApp({ GRAPHQL_ENABLED: 'false' });
let app: TestApp;

beforeAll(() => {
  app = testApp();
});

it('serves no /graphql', async () => {
  expect(app.strapi.plugin('graphql')).toBeUndefined();
  const res = await app.http().post('/graphql').send({ query: '{ articles { title } }' });
  // Strapi's router answers 405 for a POST to a path it serves no route for
  expect([404, 405]).toContain(res.status);
  expect(res.body?.data).toBeUndefined();
});

it('serves the REST by-slug route and the engagement API', async () => {
  const article = await createArticle(app.strapi, 'Without GraphQL');
  const bySlug = await app.http().get('/api/articles/by-slug/without-graphql');
  expect(bySlug.status).toBe(200);
  expect(bySlug.body.data.title).toBe('Without GraphQL');
  expect((await postView(app, article.documentId, browserUA())).status).toBe(202);
  const stats = await app.http().get(`/api/engagement/article/${article.documentId}`);
  expect(stats.status).toBe(200);
  expect(stats.body.data.views).toBe(1);
});
