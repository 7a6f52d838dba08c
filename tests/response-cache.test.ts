/**
 * The public response cache (src/response-cache) over HTTP: ETag/304, Cache-Control, what is never
 * cached, that every kind of write is visible on the very next read (never a stale response), and that
 * a write leaves cached what it does not touch (a draft save touches nothing public).
 */
import { adminAuth } from './helpers/admin-api';
import { contentManager } from './helpers/content-manager';
import { api, documentsOf, paragraphs } from './helpers/content';
import { createFile, imageNode } from './helpers/credits';
import { browserUA, ENGAGEMENT_TEST_ENV, postView } from './helpers/engagement-fixtures';
import { type TestApp, useSharedApp } from './helpers/strapi';
import { makeImage } from './helpers/thumbnails-images';
import { removeUploadsAfterAll, replaceFile, uploadFile } from './helpers/thumbnails-upload';

const testApp = useSharedApp();
removeUploadsAfterAll();
const ARTICLES_CM = '/content-manager/collection-types/api::article.article';
const TAGS_CM = '/content-manager/collection-types/api::tag.tag';
const CREDITS_CM = '/content-manager/collection-types/api::image-credit.image-credit';
/**
 * The tag and article lists with this file's documents on their first page: the shared app also holds the tags of the files
 * that ran before in the same worker, more than a page of them by the time this file runs late in a pass.
 */
const NEWEST_TAGS = '/api/tags?sort=createdAt:desc';
const NEWEST_ARTICLES = '/api/articles?sort=createdAt:desc';
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
async function publishedArticle(
  title: string,
  data: Record<string, unknown> = {}
): Promise<{ documentId: string; slug: string }> {
  const created = await app
    .http()
    .post(ARTICLES_CM)
    .set(admin)
    .send({ title, ...data });
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId as string;
  await contentManager(app, admin).publish(documentId);
  const doc = await documentsOf(app, 'api::article.article').findOne({
    documentId,
    status: 'published',
  });
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

  it("covers lists, a single document, tags with counts and a tag's articles", async () => {
    const { documentId } = await publishedArticle('Cached everywhere');
    const tag = await client.post('/api/tags', { data: { name: 'Cached tag' } });
    expect(tag.status).toBe(201);
    for (const path of [
      '/api/articles',
      '/api/articles?populate=*',
      `/api/articles/${documentId}`,
      '/api/tags',
      `/api/tags/${tag.body.data.documentId}`,
      `/api/tags/by-slug/${tag.body.data.slug}/articles`,
      '/api/image-credits',
    ]) {
      const first = await publicGet(path);
      expect({ path, status: first.status }).toEqual({ path, status: 200 });
      expect({ path, etag: typeof first.headers.etag }).toEqual({ path, etag: 'string' });
      const again = await publicGet(path, first.headers.etag);
      expect({ path, status: again.status }).toEqual({ path, status: 304 });
    }
    const tags = await publicGet(NEWEST_TAGS);
    expect(
      tags.body.data.find((entry: { name: string }) => entry.name === 'Cached tag')
    ).toMatchObject({ articleCount: 0 });
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
    const draft = await client.post('/api/articles?status=draft', {
      data: { title: 'Secret draft' },
    });
    expect(draft.status).toBe(201);
    const withToken = await client.get(
      '/api/articles?status=draft&filters[title][$eq]=Secret%20draft'
    );
    expect(withToken.status).toBe(200);
    expect(withToken.body.data.map((entry: { title: string }) => entry.title)).toEqual([
      'Secret draft',
    ]);
    expect(withToken.headers['x-response-cache']).toBeUndefined();
    expect(withToken.headers['cache-control']).toBe('private, no-store');
    expect(withToken.headers.vary).toMatch(/Authorization/i);

    // The same URL without credentials: refused, not served from anything the token request left behind.
    const anonymous = await publicGet(
      '/api/articles?status=draft&filters[title][$eq]=Secret%20draft'
    );
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
    const list = await publicGet(NEWEST_ARTICLES);
    expect(list.body.data.map((entry: { title: string }) => entry.title)).toContain(
      'Before the edit'
    );

    await editAndPublish(documentId, { excerpt: 'Edited excerpt' });
    const after = await publicGet(`/api/articles/by-slug/${slug}`, before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.data.excerpt).toBe('Edited excerpt');
    const listAfter = await publicGet(NEWEST_ARTICLES, list.headers.etag);
    expect(listAfter.status).toBe(200);
    expect(
      listAfter.body.data.find((entry: { documentId: string }) => entry.documentId === documentId)
        .excerpt
    ).toBe('Edited excerpt');
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
    const { slug } = await publishedArticle('Tagged article', {
      tags: { connect: [{ documentId: tagId }] },
    });
    const path = `/api/articles/by-slug/${slug}?populate=tags`;
    const before = await publicGet(path);
    expect(before.body.data.tags.map((entry: { name: string }) => entry.name)).toEqual([
      'Old tag name',
    ]);
    await publicGet(path).expect('x-response-cache', 'hit');
    const tagArticles = await publicGet(`/api/tags/by-slug/${tag.body.data.slug}/articles`);
    expect(tagArticles.body.data.map((entry: { slug: string }) => entry.slug)).toEqual([slug]);

    const renamed = await app
      .http()
      .put(`${TAGS_CM}/${tagId}`)
      .set(admin)
      .send({ name: 'New tag name' });
    expect(renamed.status).toBe(200);
    const after = await publicGet(path, before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.data.tags.map((entry: { name: string }) => entry.name)).toEqual([
      'New tag name',
    ]);
    const tags = await publicGet(NEWEST_TAGS);
    expect(tags.body.data.map((entry: { name: string }) => entry.name)).toContain('New tag name');
    expect(tags.body.data.map((entry: { name: string }) => entry.name)).not.toContain(
      'Old tag name'
    );
  });

  it('a cover change, and a change to the cover file itself', async () => {
    const files = app.strapi.db.query('plugin::upload.file');
    const makeFile = (name: string) =>
      files.create({
        data: {
          name,
          hash: `${name}_${Date.now()}`,
          ext: '.png',
          mime: 'image/png',
          size: 1,
          url: `/uploads/${name}.png`,
          provider: 'local',
          width: 10,
          height: 10,
        },
      }) as Promise<{ id: number }>;
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
      const info = await app
        .http()
        .post(`/upload?id=${second.id}`)
        .set(admin)
        .field(
          'fileInfo',
          JSON.stringify({ alternativeText: 'A new alt text', name: 'rcache-cover-two' })
        );
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

describe('what a write invalidates', () => {
  const cacheState = (res: { headers: Record<string, string> }) => res.headers['x-response-cache'];

  it('a draft save, a new draft and a discard in the Content Manager leave every public response cached', async () => {
    const { documentId, slug } = await publishedArticle('Edited all day', {
      excerpt: 'Public excerpt',
    });
    const page = `/api/articles/by-slug/${slug}?populate=tags`;
    const list = NEWEST_ARTICLES;
    await publicGet(page);
    await publicGet(list);
    const cm = contentManager(app, admin);

    await cm.saveDraft(documentId, { excerpt: 'Work in progress' });
    const afterSave = await publicGet(page);
    expect({ cache: cacheState(afterSave), excerpt: afterSave.body.data.excerpt }).toEqual({
      cache: 'hit',
      excerpt: 'Public excerpt',
    });
    expect(cacheState(await publicGet(list))).toBe('hit');

    const draft = await cm.createDraft('Not public yet');
    expect(cacheState(await publicGet(list))).toBe('hit');
    await cm.saveDraft(draft, { excerpt: 'Still not public' });
    expect(cacheState(await publicGet(list))).toBe('hit');

    await cm.discard(documentId);
    expect(cacheState(await publicGet(page))).toBe('hit');
    expect(cacheState(await publicGet(list))).toBe('hit');

    // The same draft, published: the next read shows it.
    await cm.saveDraft(documentId, { excerpt: 'Finally public' });
    await cm.publish(documentId);
    const published = await publicGet(page);
    expect({ cache: cacheState(published), excerpt: published.body.data.excerpt }).toEqual({
      cache: 'miss',
      excerpt: 'Finally public',
    });
    const listed = await publicGet(list);
    expect(listed.body.data.map((entry: { title: string }) => entry.title)).not.toContain(
      'Not public yet'
    );
  });

  it('a publish renews the published article and the lists, and leaves other articles cached, also those showing the same tag', async () => {
    const tag = await client.post('/api/tags', { data: { name: 'Shared by both' } });
    const tags = { connect: [{ documentId: tag.body.data.documentId }] };
    const touched = await publishedArticle('Publish touches me', { tags });
    const untouched = await publishedArticle('Publish leaves me', { tags });
    const touchedPage = `/api/articles/by-slug/${touched.slug}`;
    const untouchedPage = `/api/articles/by-slug/${untouched.slug}`;
    await publicGet(touchedPage);
    await publicGet(untouchedPage);
    await publicGet(`/api/articles/${untouched.documentId}`);

    await editAndPublish(touched.documentId, { excerpt: 'Touched' });
    expect((await publicGet(touchedPage)).body.data.excerpt).toBe('Touched');
    const other = await publicGet(untouchedPage);
    expect({
      cache: cacheState(other),
      tags: other.body.data.tags.map((entry: { name: string }) => entry.name),
    }).toEqual({ cache: 'hit', tags: ['Shared by both'] });
    expect(cacheState(await publicGet(`/api/articles/${untouched.documentId}`))).toBe('hit');
  });

  it("a tag's article count follows the publish, unpublish and delete of its articles; a tagged draft changes nothing", async () => {
    const tag = await client.post('/api/tags', { data: { name: 'Counted in the cache' } });
    const tagId = tag.body.data.documentId as string;
    const one = `/api/tags/${tagId}`;
    const list = NEWEST_TAGS;
    const countIn = async (path: string) => {
      const res = await publicGet(path);
      const data = Array.isArray(res.body.data)
        ? res.body.data.find((entry: { documentId: string }) => entry.documentId === tagId)
        : res.body.data;
      return { cache: cacheState(res), count: data.articleCount as number };
    };
    expect(await countIn(one)).toEqual({ cache: 'miss', count: 0 });
    await countIn(list);

    const draft = await app
      .http()
      .post(ARTICLES_CM)
      .set(admin)
      .send({ title: 'Tagged draft', tags: { connect: [{ documentId: tagId }] } });
    expect(draft.status).toBe(201);
    const documentId = draft.body.data.documentId as string;
    expect(await countIn(one)).toEqual({ cache: 'hit', count: 0 });
    expect(await countIn(list)).toEqual({ cache: 'hit', count: 0 });

    const cm = contentManager(app, admin);
    await cm.publish(documentId);
    expect((await countIn(one)).count).toBe(1);
    expect((await countIn(list)).count).toBe(1);
    expect(
      (await publicGet(`/api/tags/by-slug/${tag.body.data.slug}/articles`)).body.data.map(
        (entry: { documentId: string }) => entry.documentId
      )
    ).toEqual([documentId]);

    await cm.unpublish(documentId);
    expect((await countIn(one)).count).toBe(0);
    expect((await countIn(list)).count).toBe(0);
    expect((await publicGet(`/api/tags/by-slug/${tag.body.data.slug}/articles`)).body.data).toEqual(
      []
    );

    await cm.publish(documentId);
    expect((await countIn(one)).count).toBe(1);
    expect((await app.http().delete(`${ARTICLES_CM}/${documentId}`).set(admin)).status).toBe(200);
    expect((await countIn(one)).count).toBe(0);
  });

  it('a tag rename shows in an article list that populates tags, and leaves articles without the tag cached', async () => {
    const tag = await client.post('/api/tags', { data: { name: 'Rename me in lists' } });
    const tagId = tag.body.data.documentId as string;
    const tagged = await publishedArticle('Listed with its tag', {
      tags: { connect: [{ documentId: tagId }] },
    });
    const other = await publishedArticle('Listed without the tag');
    const list = `/api/articles?populate=tags&filters[documentId][$eq]=${tagged.documentId}`;
    expect(
      (await publicGet(list)).body.data[0].tags.map((entry: { name: string }) => entry.name)
    ).toEqual(['Rename me in lists']);
    const otherPage = `/api/articles/by-slug/${other.slug}?populate=tags`;
    await publicGet(otherPage);

    expect(
      (await app.http().put(`${TAGS_CM}/${tagId}`).set(admin).send({ name: 'Renamed in lists' }))
        .status
    ).toBe(200);
    expect(
      (await publicGet(list)).body.data[0].tags.map((entry: { name: string }) => entry.name)
    ).toEqual(['Renamed in lists']);
    expect(cacheState(await publicGet(otherPage))).toBe('hit');

    // Filtering a list by the tag's name: the rename moves the article into the new name's list.
    const byName = (name: string) =>
      `/api/articles?filters[tags][name][$eq]=${encodeURIComponent(name)}`;
    expect(
      (await publicGet(byName('Renamed in lists'))).body.data.map(
        (entry: { documentId: string }) => entry.documentId
      )
    ).toEqual([tagged.documentId]);
    await publicGet(byName('Renamed twice'));
    expect(
      (await app.http().put(`${TAGS_CM}/${tagId}`).set(admin).send({ name: 'Renamed twice' }))
        .status
    ).toBe(200);
    expect(
      (await publicGet(byName('Renamed twice'))).body.data.map(
        (entry: { documentId: string }) => entry.documentId
      )
    ).toEqual([tagged.documentId]);
    expect((await publicGet(byName('Renamed in lists'))).body.data).toEqual([]);
  });

  it('a credit edit shows on the cover it credits, and a credit given to a body image shows under that image', async () => {
    const credit = await client.post('/api/image-credits', {
      data: { creator: 'Jane Doe', creditLine: 'Photo: Jane Doe' },
    });
    expect(credit.status).toBe(201);
    const coverFile = await createFile(app, { imageCredit: credit.body.data.id });
    const bodyFile = await createFile(app);
    const { slug } = await publishedArticle('Credited in the cache', {
      cover: coverFile.id,
      body: [...paragraphs('Intro'), imageNode(bodyFile)],
    });
    const page = `/api/articles/by-slug/${slug}`;
    const before = await publicGet(page);
    expect(before.body.data.effectiveCoverCredit.creditLine).toBe('Photo: Jane Doe');
    expect(before.body.data.body[1].image.credit).toBeNull();
    expect(cacheState(await publicGet(page))).toBe('hit');

    const edited = await app
      .http()
      .put(`${CREDITS_CM}/${credit.body.data.documentId}`)
      .set(admin)
      .send({ creditLine: 'Photo: Jane Doe (CC BY)' });
    expect(edited.status).toBe(200);
    expect((await publicGet(page)).body.data.effectiveCoverCredit.creditLine).toBe(
      'Photo: Jane Doe (CC BY)'
    );

    const given = await client.post(`/api/image-credits/from-file/${bodyFile.id}`, {
      data: { creator: 'Ann Body' },
    });
    expect(given.status).toBe(201);
    expect((await publicGet(page)).body.data.body[1].image.credit).toMatchObject({
      creator: 'Ann Body',
    });
  });

  it('a cover file replaced in the Media Library shows its new URL', async () => {
    const uploaded = await uploadFile(
      app,
      await makeImage(40, 30, 'png'),
      'rcache-replace.png',
      'image/png'
    );
    expect(uploaded.status).toBe(201);
    const file = uploaded.body[0] as { id: number; url: string };
    const { slug } = await publishedArticle('Cover replaced', { cover: file.id });
    const page = `/api/articles/by-slug/${slug}`;
    expect((await publicGet(page)).body.data.cover.url).toBe(file.url);
    expect(cacheState(await publicGet(page))).toBe('hit');

    const replaced = await replaceFile(
      app,
      file.id,
      await makeImage(48, 32, 'jpeg'),
      'rcache-replaced.jpg',
      'image/jpeg'
    );
    expect(replaced.status).toBe(200);
    const after = await publicGet(page);
    expect(after.body.data.cover.url).toBe(replaced.body.url);
    expect(after.body.data.cover).toMatchObject({ width: 48, height: 32, mime: 'image/jpeg' });
  });

  it('computes a page once for readers arriving together', async () => {
    const { slug } = await publishedArticle('Read by many at once');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => publicGet(`/api/articles/by-slug/${slug}?populate=tags`))
    );
    const states = answers.map(cacheState);
    expect(states.filter((state) => state === 'miss')).toHaveLength(1);
    expect(states.every((state) => ['miss', 'shared', 'hit'].includes(state))).toBe(true);
    expect(new Set(answers.map((answer) => answer.headers.etag)).size).toBe(1);
    expect(answers.every((answer) => answer.body.data.title === 'Read by many at once')).toBe(true);
  });

  /**
   * Holds the article service's `findBySlug` (the page's computation) until `release`, and resolves
   * `computing` once a computation has reached it; later calls pass through once released.
   */
  function holdComputation() {
    const service = app.strapi.service('api::article.article') as unknown as {
      findBySlug: (...args: unknown[]) => Promise<unknown>;
    };
    const original = service.findBySlug.bind(service);
    let reached!: () => void;
    let release!: () => void;
    const computing = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const calls = jest
      .spyOn(service, 'findBySlug')
      .mockImplementation(async (...args: unknown[]) => {
        reached();
        await gate;
        return original(...args);
      });
    return { computing, release, calls };
  }
  /** Sends `count` public GETs of `path` now (supertest starts a request when it is awaited). */
  const sendReads = (path: string, count: number) =>
    Promise.all(Array.from({ length: count }, () => publicGet(path).then((answer) => answer)));
  /** Gives requests already sent time to reach the cache; a slower one finds the stored page instead, which the checks accept. */
  const letThemArrive = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('readers arriving after a write elsewhere still share the page being computed', async () => {
    const { slug } = await publishedArticle('Read while another is published');
    const page = `/api/articles/by-slug/${slug}`;
    const held = holdComputation();
    const first = sendReads(page, 2);
    await held.computing;
    await publishedArticle('Published while the other is read');
    const later = sendReads(page, 4);
    await letThemArrive();
    held.release();
    const answers = [...(await first), ...(await later)];
    expect(held.calls).toHaveBeenCalledTimes(1);
    expect(answers.map(cacheState).filter((state) => state === 'miss')).toHaveLength(1);
    expect(
      answers.every(
        (answer) =>
          answer.status === 200 && answer.body.data.title === 'Read while another is published'
      )
    ).toBe(true);
  });

  it('readers arriving after a write to the page being computed get the new page, computed once for them', async () => {
    const { documentId, slug } = await publishedArticle('Written while read');
    const page = `/api/articles/by-slug/${slug}?populate=tags`;
    const held = holdComputation();
    const first = sendReads(page, 1);
    await held.computing;
    await editAndPublish(documentId, { title: 'Rewritten while read' });
    const later = sendReads(page, 4);
    await letThemArrive();
    held.release();
    await first;
    const answers = await later;
    expect(answers.map((answer) => answer.body.data.title)).toEqual(
      Array(4).fill('Rewritten while read')
    );
    expect(held.calls).toHaveBeenCalledTimes(2);
    // the page computed before the write was not kept: the next reader gets the new one from the cache
    const next = await publicGet(page);
    expect({ cache: cacheState(next), title: next.body.data.title }).toEqual({
      cache: 'hit',
      title: 'Rewritten while read',
    });
  });
});
