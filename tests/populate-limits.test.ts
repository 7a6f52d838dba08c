import { documentsOf } from './helpers/content';
import { useTestApp, type TestApp } from './helpers/strapi';

/**
 * Public responses stay bounded: a request without credentials may populate at most
 * PUBLIC_POPULATE_MAX_DEPTH relation levels (default 2), in every populate syntax; deeper answers 400
 * with a message. Credentials lift the limit.
 */

/** Two tags sharing three published articles. */
async function seed(app: TestApp): Promise<void> {
  const tags = documentsOf(app, 'api::tag.tag');
  const ai = await tags.create({ data: { name: 'Depth AI' } });
  const ml = await tags.create({ data: { name: 'Depth ML' } });
  for (let i = 1; i <= 3; i += 1) {
    await documentsOf(app, 'api::article.article').create({ status: 'published', data: { title: `Deep ${i}`, tags: [ai.documentId, ml.documentId] } });
  }
}

const TOO_DEEP = [
  // the request: 4 levels
  '/api/tags?pagination[pageSize]=100&populate[articles][populate][tags][populate][articles][populate][tags]=true',
  '/api/tags?populate[articles][populate][tags][populate]=articles',
  '/api/tags?populate[articles][populate][tags][populate]=*',
  '/api/tags?populate=articles.tags.articles',
  '/api/tags?populate[0]=articles&populate[1]=articles.tags.articles',
  '/api/articles?populate[tags][populate][0]=articles.tags',
  '/api/image-credits?populate[articles][populate][tags][populate][articles]=true',
];

const WITHIN = [
  '/api/tags?populate=*',
  '/api/tags?populate=articles',
  '/api/tags?populate=articles.tags',
  '/api/tags?populate[articles][populate][tags]=true',
  '/api/tags?populate[articles][populate]=*',
  '/api/articles?populate[tags][populate][articles][fields][0]=title&populate[coverCredit]=true',
];

describe('default limit', () => {
  const testApp = useTestApp();
  let app: TestApp;
  beforeAll(async () => {
    app = testApp();
    await seed(app);
  });

  describe('without credentials', () => {
    it('refuses populates deeper than 2 levels with a 400 naming the limit', async () => {
      for (const path of TOO_DEEP) {
        const res = await app.http().get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.error.message).toMatch(/at most 2 \(PUBLIC_POPULATE_MAX_DEPTH\)/);
        expect(res.body.data).toBeNull();
      }
    });

    it('answers populates up to 2 levels', async () => {
      for (const path of WITHIN) {
        const res = await app.http().get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
      const res = await app.http().get('/api/tags?populate[articles][populate][tags]=true&filters[name][$eq]=Depth AI');
      expect(res.body.data[0].articles).toHaveLength(3);
      expect(res.body.data[0].articles[0].tags.map((tag: { name: string }) => tag.name).sort()).toEqual(['Depth AI', 'Depth ML']);
    });

    it('keeps page sizes at api.rest.maxLimit (100)', async () => {
      const res = await app.http().get('/api/tags?pagination[pageSize]=1000');
      expect(res.status).toBe(200);
      expect(res.body.meta.pagination.pageSize).toBe(100);
    });
  });

  describe('with an API token', () => {
    it('allows deeper populates', async () => {
      const res = await app.http().get(TOO_DEEP[0]).set({ Authorization: `Bearer ${await app.token()}` });
      expect(res.status).toBe(200);
      const ai = res.body.data.find((tag: { name: string }) => tag.name === 'Depth AI');
      expect(ai.articles[0].tags[0].articles[0].tags.length).toBeGreaterThan(0);
    });
  });
});

describe('PUBLIC_POPULATE_MAX_DEPTH=1', () => {
  const app = useTestApp({ PUBLIC_POPULATE_MAX_DEPTH: '1' });

  it('refuses a second level without credentials and names the limit', async () => {
    expect((await app().http().get('/api/tags?populate=articles')).status).toBe(200);
    const res = await app().http().get('/api/tags?populate[articles][populate]=tags');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/populate is 2 relations deep; .* at most 1 \(PUBLIC_POPULATE_MAX_DEPTH\)/);
  });
});
