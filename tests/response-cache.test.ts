/**
 * The public response cache (src/response-cache) over HTTP: ETag/304, Cache-Control, what is never
 * cached, and that every kind of write is visible on the very next read (never a stale response).
 */
import { adminAuth } from './helpers/admin-api';
import { contentManager } from './helpers/content-manager';
import { api, documentsOf } from './helpers/content';
import { browserUA, ENGAGEMENT_TEST_ENV, postView } from './helpers/engagement-fixtures';
import { useTestApp, type TestApp } from './helpers/strapi';

const testApp = useTestApp(ENGAGEMENT_TEST_ENV);
const ARTICLES_CM = '/content-manager/collection-types/api::article.article';
const TAGS_CM = '/content-manager/collection-types/api::tag.tag';
const DEFAULT_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';

let app: TestApp;
let admin: { Authorization: string };
let client: ReturnType<typeof api>;
beforeAll(async () => {
  app = testApp();
  admin = await adminAuth(app);
  client = api(app);
});

/** A public GET (no credentials), optionally conditional. */
const publicGet = (path: string, etag?: string) => {
  const request = app.http().get(path);
  return etag ? request.set('If-None-Match', etag) : request;
};

/** Publishes a new article through the Content Manager (as an editor would) and returns its documentId and slug. */
async function publishedArticle(title: string, data: Record<string, unknown> = {}): Promise<{ documentId: string; slug: string }> {
  const created = await app.http().post(ARTICLES_CM).set(admin).send({ title, ...data });
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId as string;
  await contentManager(app, admin).publish(documentId);
  const doc = await documentsOf(app, 'api::article.article').findOne({ documentId, status: 'published' });
  return { documentId, slug: doc?.slug as string };
}

/** Saves a draft change through the Content Manager and publishes it, as the admin UI does. */
async function editAndPublish(documentId: string, data: Record<string, unknown>): Promise<void> {
  const saved = await app.http().put(`${ARTICLES_CM}/${documentId}`).set(admin).send(data);
  expect(saved.status).toBe(200);
  await contentManager(app, admin).publish(documentId);
}

describe('headers and conditional requests', () => {
  it('sends a strong ETag and the configured Cache-Control, and answers 304 to a matching If-None-Match', async () => {
    const { slug } = await publishedArticle('Cached headers');
    const first = await publicGet(`/api/articles/by-slug/${slug}`);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[^"]+"$/);
    expect(first.headers['cache-control']).toBe(DEFAULT_CACHE_CONTROL);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.body.data.title).toBe('Cached headers');

    const second = await publicGet(`/api/articles/by-slug/${slug}`);
    expect(second.headers['x-response-cache']).toBe('hit');
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.body).toEqual(first.body);

    const conditional = await publicGet(`/api/articles/by-slug/${slug}`, first.headers.etag);
    expect(conditional.status).toBe(304);
    expect(conditional.text).toBe('');
    expect(conditional.headers.etag).toBe(first.headers.etag);
    expect(conditional.headers['cache-control']).toBe(DEFAULT_CACHE_CONTROL);

    const otherTag = await publicGet(`/api/articles/by-slug/${slug}`, '"something-else"');
    expect(otherTag.status).toBe(200);
  });

  it('covers lists, a single document, tags with counts and a tag\'s articles', async () => {
    const { documentId } = await publishedArticle('Cached everywhere');
    const tag = await client.post('/api/tags', { data: { name: 'Cached tag' } });
    expect(tag.status).toBe(201);
    for (const path of ['/api/articles', '/api/articles?populate=*', `/api/articles/${documentId}`, '/api/tags', `/api/tags/${tag.body.data.documentId}`, `/api/tags/by-slug/${tag.body.data.slug}/articles`, '/api/image-credits']) {
      const first = await publicGet(path);
      expect({ path, status: first.status }).toEqual({ path, status: 200 });
      expect({ path, etag: typeof first.headers.etag }).toEqual({ path, etag: 'string' });
      const again = await publicGet(path, first.headers.etag);
      expect({ path, status: again.status }).toEqual({ path, status: 304 });
    }
    const tags = await publicGet('/api/tags');
    expect(tags.body.data.find((entry: { name: string }) => entry.name === 'Cached tag')).toMatchObject({ articleCount: 0 });
  });

  it('keeps different query strings and locales apart', async () => {
    await publishedArticle('Query string one');
    const titles = await publicGet('/api/articles?fields[0]=title&sort=title:asc');
    const slugs = await publicGet('/api/articles?fields[0]=slug&sort=title:asc');
    expect(titles.body.data[0]).toHaveProperty('title');
    expect(titles.body.data[0]).not.toHaveProperty('slug');
    expect(slugs.body.data[0]).toHaveProperty('slug');
    expect(slugs.body.data[0]).not.toHaveProperty('title');
    expect(slugs.headers.etag).not.toBe(titles.headers.etag);

    // Each locale is its own entry: the first read of another locale is computed, not served from the first.
    const english = await publicGet('/api/articles?locale=en');
    expect(english.status).toBe(200);
    expect((await publicGet('/api/articles?locale=en')).headers['x-response-cache']).toBe('hit');
    expect((await publicGet('/api/articles?locale=fr')).headers['x-response-cache']).toBe('miss');
  });

  it('never caches errors: a 404 for a missing slug stays a 404 and becomes a 200 once the article exists', async () => {
    const missing = await publicGet('/api/articles/by-slug/arrives-later');
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    await publishedArticle('Arrives later');
    const present = await publicGet('/api/articles/by-slug/arrives-later');
    expect(present.status).toBe(200);
  });
});

describe('what is never cached', () => {
  it('does not cache or mark public a request with an API token, and drafts never reach the public', async () => {
    const draft = await client.post('/api/articles?status=draft', { data: { title: 'Secret draft' } });
    expect(draft.status).toBe(201);
    const withToken = await client.get('/api/articles?status=draft&filters[title][$eq]=Secret%20draft');
    expect(withToken.status).toBe(200);
    expect(withToken.body.data.map((entry: { title: string }) => entry.title)).toEqual(['Secret draft']);
    expect(withToken.headers['x-response-cache']).toBeUndefined();
    expect(withToken.headers['cache-control']).toBe('private, no-store');
    expect(withToken.headers.vary).toMatch(/Authorization/i);

    // The same URL without credentials: refused, not served from anything the token request left behind.
    const anonymous = await publicGet('/api/articles?status=draft&filters[title][$eq]=Secret%20draft');
    expect(anonymous.status).toBe(403);
    const list = await publicGet('/api/articles?filters[title][$eq]=Secret%20draft');
    expect(list.body.data).toEqual([]);
  });

  it('does not answer a credentialed request from the public entry', async () => {
    const { slug } = await publishedArticle('Token reader');
    const anonymous = await publicGet(`/api/articles/by-slug/${slug}`);
    expect(anonymous.status).toBe(200);
    const withToken = await client.get(`/api/articles/by-slug/${slug}`);
    expect(withToken.status).toBe(200);
    expect(withToken.headers['x-response-cache']).toBeUndefined();
    expect(withToken.headers.etag).toBeUndefined();
  });
});

describe('never stale: the next read after a write sees it', () => {
  it('an update published from the Content Manager', async () => {
    const { documentId, slug } = await publishedArticle('Before the edit');
    const before = await publicGet(`/api/articles/by-slug/${slug}`);
    await publicGet(`/api/articles/by-slug/${slug}`).expect('x-response-cache', 'hit');
    const list = await publicGet('/api/articles?sort=title:asc&pagination[pageSize]=100');
    expect(list.body.data.map((entry: { title: string }) => entry.title)).toContain('Before the edit');

    await editAndPublish(documentId, { excerpt: 'Edited excerpt' });
    const after = await publicGet(`/api/articles/by-slug/${slug}`, before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.data.excerpt).toBe('Edited excerpt');
    const listAfter = await publicGet('/api/articles?sort=title:asc&pagination[pageSize]=100', list.headers.etag);
    expect(listAfter.status).toBe(200);
    expect(listAfter.body.data.find((entry: { documentId: string }) => entry.documentId === documentId).excerpt).toBe('Edited excerpt');
  });

  it('a publish, an unpublish and a delete', async () => {
    const created = await app.http().post(ARTICLES_CM).set(admin).send({ title: 'Publish cycle' });
    const documentId = created.body.data.documentId as string;
    const slug = created.body.data.slug as string;
    const filter = `/api/articles?filters[documentId][$eq]=${documentId}`;
    expect((await publicGet(filter)).body.data).toEqual([]);
    expect((await publicGet(`/api/articles/by-slug/${slug}`)).status).toBe(404);

    await contentManager(app, admin).publish(documentId);
    expect((await publicGet(filter)).body.data).toHaveLength(1);
    expect((await publicGet(`/api/articles/by-slug/${slug}`)).status).toBe(200);

    await contentManager(app, admin).unpublish(documentId);
    expect((await publicGet(filter)).body.data).toEqual([]);
    expect((await publicGet(`/api/articles/by-slug/${slug}`)).status).toBe(404);

    await contentManager(app, admin).publish(documentId);
    expect((await publicGet(`/api/articles/${documentId}`)).status).toBe(200);
    const deleted = await app.http().delete(`${ARTICLES_CM}/${documentId}`).set(admin);
    expect(deleted.status).toBe(200);
    expect((await publicGet(`/api/articles/${documentId}`)).status).toBe(404);
    expect((await publicGet(filter)).body.data).toEqual([]);
  });

  it('a tag rename shows in the articles that carry the tag and in the tag list', async () => {
    const tag = await client.post('/api/tags', { data: { name: 'Old tag name' } });
    const tagId = tag.body.data.documentId as string;
    const { slug } = await publishedArticle('Tagged article', { tags: { connect: [{ documentId: tagId }] } });
    const path = `/api/articles/by-slug/${slug}?populate=tags`;
    const before = await publicGet(path);
    expect(before.body.data.tags.map((entry: { name: string }) => entry.name)).toEqual(['Old tag name']);
    await publicGet(path).expect('x-response-cache', 'hit');
    const tagArticles = await publicGet(`/api/tags/by-slug/${tag.body.data.slug}/articles`);
    expect(tagArticles.body.data.map((entry: { slug: string }) => entry.slug)).toEqual([slug]);

    const renamed = await app.http().put(`${TAGS_CM}/${tagId}`).set(admin).send({ name: 'New tag name' });
    expect(renamed.status).toBe(200);
    const after = await publicGet(path, before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.data.tags.map((entry: { name: string }) => entry.name)).toEqual(['New tag name']);
    const tags = await publicGet('/api/tags');
    expect(tags.body.data.map((entry: { name: string }) => entry.name)).toContain('New tag name');
    expect(tags.body.data.map((entry: { name: string }) => entry.name)).not.toContain('Old tag name');
  });

  it('a cover change, and a change to the cover file itself', async () => {
    const files = app.strapi.db.query('plugin::upload.file');
    const makeFile = (name: string) =>
      files.create({ data: { name, hash: `${name}_${Date.now()}`, ext: '.png', mime: 'image/png', size: 1, url: `/uploads/${name}.png`, provider: 'local', width: 10, height: 10 } }) as Promise<{ id: number }>;
    const first = await makeFile('rcache-cover-one');
    const second = await makeFile('rcache-cover-two');
    try {
      const { documentId, slug } = await publishedArticle('Cover story', { cover: first.id });
      const path = `/api/articles/by-slug/${slug}?populate=cover`;
      const before = await publicGet(path);
      expect(before.body.data.cover.url).toBe('/uploads/rcache-cover-one.png');
      await publicGet(path).expect('x-response-cache', 'hit');

      await editAndPublish(documentId, { cover: second.id });
      const swapped = await publicGet(path, before.headers.etag);
      expect(swapped.status).toBe(200);
      expect(swapped.body.data.cover.url).toBe('/uploads/rcache-cover-two.png');
      await publicGet(path).expect('x-response-cache', 'hit');

      // The editor changes the file's alternative text in the Media Library (the upload plugin writes it
      // with strapi.db.query, bypassing the Document Service).
      const info = await app.http().post(`/upload?id=${second.id}`).set(admin).field('fileInfo', JSON.stringify({ alternativeText: 'A new alt text', name: 'rcache-cover-two' }));
      expect(info.status).toBe(200);
      const altered = await publicGet(path, swapped.headers.etag);
      expect(altered.status).toBe(200);
      expect(altered.body.data.cover.alternativeText).toBe('A new alt text');
    } finally {
      await files.deleteMany({ where: { id: { $in: [first.id, second.id] } } });
    }
  });
});

describe('live engagement counts in cached responses', () => {
  it('shows a new view at once, and the old ETag no longer answers 304', async () => {
    const { documentId, slug } = await publishedArticle('Counted article');
    const path = `/api/articles/by-slug/${slug}`;
    const before = await publicGet(path);
    expect(before.body.data.engagement).toEqual({ views: 0, shares: 0 });
    expect((await publicGet(path, before.headers.etag)).status).toBe(304);

    const view = await postView(app, documentId, browserUA());
    expect(view.status).toBe(202);
    const after = await publicGet(path, before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.headers['x-response-cache']).toBe('hit');
    expect(after.body.data.engagement).toEqual({ views: 1, shares: 0 });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((await publicGet(path, after.headers.etag)).status).toBe(304);

    const list = await publicGet(`/api/articles?filters[documentId][$eq]=${documentId}`);
    expect(list.body.data[0].engagement).toEqual({ views: 1, shares: 0 });
  });
});
