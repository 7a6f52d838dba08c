import { startTestApp, type TestApp } from '../helpers/strapi';
import { ENGAGEMENT_TEST_ENV, browserUA, createArticle, flush, postView, stats, type Article } from '../helpers/engagement-fixtures';

let app: TestApp;
let article: Article;

beforeAll(async () => {
  app = await startTestApp(ENGAGEMENT_TEST_ENV);
  article = await createArticle(app.strapi, 'Counting views exactly');
});
afterAll(async () => {
  await app?.stop();
});

describe('POST view', () => {
  it('counts a view with an empty body and answers 202', async () => {
    const res = await postView(app, article.documentId, browserUA());
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ data: { counted: true } });
    expect((await stats(app, article.documentId)).views).toBe(1);
  });

  it('accepts the text/plain body navigator.sendBeacon sends', async () => {
    const before = (await stats(app, article.documentId)).views;
    const res = await app
      .http()
      .post(`/api/engagement/article/${article.documentId}/view`)
      .set('User-Agent', browserUA())
      .set('Content-Type', 'text/plain;charset=UTF-8')
      .send('{"ts":1}');
    expect(res.status).toBe(202);
    expect(res.body.data.counted).toBe(true);
    expect((await stats(app, article.documentId)).views).toBe(before + 1);
  });

  it('shows views on the article REST responses, stored and buffered alike', async () => {
    await flush(app.strapi);
    await postView(app, article.documentId, browserUA());
    const expected = (await stats(app, article.documentId)).views;
    const list = await app.http().get('/api/articles');
    expect(list.body.data[0].engagement).toEqual({ views: expected, shares: 0 });
    const one = await app.http().get(`/api/articles/${article.documentId}`);
    expect(one.body.data.engagement).toEqual({ views: expected, shares: 0 });
    const bySlug = await app.http().get(`/api/articles/by-slug/${article.slug}`);
    expect(bySlug.body.data.engagement).toEqual({ views: expected, shares: 0 });
  });
});
