import request from 'supertest';
import { adminAuth } from './helpers/admin-api';
import { COMMENTS, guest, solvedPayload } from './helpers/comments';
import { contentManager } from './helpers/content-manager';
import { startChildInstance, type ChildInstance } from './helpers/engagement-instance';
import { ENGAGEMENT_TEST_ENV } from './helpers/engagement-fixtures';
import { withinOneMinuteWindow } from './helpers/minute-window';
import { startTestApp, type TestApp } from './helpers/strapi';
import { describeWithSharedServices } from './helpers/two-instances';

/**
 * Two app instances (this process and a child process) on one PostgreSQL or MySQL/MariaDB database share
 * the response cache in Redis: a write on one instance is visible on the other's next read (also through
 * a related document: a tag renamed), a draft save leaves the other's entries cached, and both send the
 * same ETag for the same response, so a 304 holds across instances. The same two instances share each
 * client's per-minute read points through Redis (src/read-budget): a client that spreads its reads over
 * both runs out after the same number of points as on one. (One pair of instances for both, since each
 * boot costs CI time; the read limit is set low, and requests without X-Forwarded-For come from loopback,
 * which is not limited.) The same pair shows the comments plugin's Redis-backed state: a proof-of-work
 * solution is accepted once across instances, and an address's posting limit is shared.
 */
const REDIS_URL = process.env.REDIS_URL;
const describeShared = describeWithSharedServices('response cache and read budget');
/** A low per-minute read allowance; behind a declared proxy so a test client's address comes from X-Forwarded-For. */
const READ_LIMIT_ENV = { READ_RATE_LIMIT: '40', IS_PROXIED: 'true' };
/** A low per-address comment allowance, shared by both instances through Redis. */
const COMMENT_LIMIT_ENV = { COMMENTS_RATE_LIMIT_ADDRESS: '4' };

const ARTICLES_CM = '/content-manager/collection-types/api::article.article';
const TAGS_CM = '/content-manager/collection-types/api::tag.tag';

describeShared('response cache shared by two instances through Redis', () => {
  let app: TestApp;
  let child: ChildInstance;
  let admin: { Authorization: string };

  beforeAll(async () => {
    app = await startTestApp({
      ...ENGAGEMENT_TEST_ENV,
      ...READ_LIMIT_ENV,
      ...COMMENT_LIMIT_ENV,
      RESPONSE_CACHE_REDIS_URL: REDIS_URL as string,
      // A lookup slower than the timeout (200 ms by default) serves the page without the cache, by design;
      // on a CI machine running three passes on two cores an instance's event loop stalls that long, and
      // this file checks what the cache serves, not how it copes with a slow Redis.
      RESPONSE_CACHE_REDIS_TIMEOUT_MS: '10000',
    });
    child = await startChildInstance();
    admin = await adminAuth(app);
  });
  afterAll(async () => {
    await child?.stop();
    await app?.stop();
    for (const key of [
      ...Object.keys(ENGAGEMENT_TEST_ENV),
      ...Object.keys(READ_LIMIT_ENV),
      ...Object.keys(COMMENT_LIMIT_ENV),
      'RESPONSE_CACHE_REDIS_URL',
      'RESPONSE_CACHE_REDIS_TIMEOUT_MS',
    ])
      delete process.env[key];
  });

  const onChild = (path: string, etag?: string) => {
    const req = request(child.baseUrl).get(path);
    return etag ? req.set('If-None-Match', etag) : req;
  };

  it('serves one entry to both instances and sees a write made on the other instance at once', async () => {
    const created = await app
      .http()
      .post(ARTICLES_CM)
      .set(admin)
      .send({ title: 'Shared cache story' });
    expect(created.status).toBe(201);
    const { documentId, slug } = created.body.data as { documentId: string; slug: string };
    await contentManager(app, admin).publish(documentId);
    const path = `/api/articles/by-slug/${slug}`;

    const fromChild = await onChild(path);
    expect(fromChild.status).toBe(200);
    expect(fromChild.headers['x-response-cache']).toBe('miss');
    // The entry the child stored is served by this instance too, with the same ETag.
    const fromParent = await app.http().get(path);
    expect(fromParent.headers['x-response-cache']).toBe('hit');
    expect(fromParent.headers.etag).toBe(fromChild.headers.etag);
    expect((await onChild(path, fromParent.headers.etag)).status).toBe(304);

    // The editor publishes a change on this instance; the child's very next read shows it.
    for (let round = 1; round <= 5; round += 1) {
      const saved = await app
        .http()
        .put(`${ARTICLES_CM}/${documentId}`)
        .set(admin)
        .send({ excerpt: `Revision ${round}` });
      expect(saved.status).toBe(200);
      await contentManager(app, admin).publish(documentId);
      const read = await onChild(path, fromChild.headers.etag);
      expect({ round, status: read.status, excerpt: read.body.data?.excerpt }).toEqual({
        round,
        status: 200,
        excerpt: `Revision ${round}`,
      });
      // Warm the child's entry again, so the next round checks invalidation of a cached response.
      expect((await onChild(path)).headers['x-response-cache']).toBe('hit');
    }

    await contentManager(app, admin).unpublish(documentId);
    expect((await onChild(path)).status).toBe(404);
  });

  it("keeps the other instance's entries through draft saves, and shows a tag rename and a publish made here in what it serves", async () => {
    const cm = contentManager(app, admin);
    const tag = await app.http().post(TAGS_CM).set(admin).send({ name: 'Shared tag before' });
    expect(tag.status).toBe(201);
    const tagId = tag.body.data.documentId as string;
    const created = await app
      .http()
      .post(ARTICLES_CM)
      .set(admin)
      .send({
        title: 'Shared drafts story',
        excerpt: 'Published text',
        tags: { connect: [{ documentId: tagId }] },
      });
    expect(created.status).toBe(201);
    const { documentId, slug } = created.body.data as { documentId: string; slug: string };
    await cm.publish(documentId);
    const other = await app
      .http()
      .post(ARTICLES_CM)
      .set(admin)
      .send({ title: 'Shared bystander story' });
    await cm.publish(other.body.data.documentId);
    const page = `/api/articles/by-slug/${slug}?populate=tags`;
    const bystander = `/api/articles/by-slug/${other.body.data.slug}`;
    expect((await onChild(page)).status).toBe(200);
    expect((await onChild(bystander)).status).toBe(200);

    // Draft saves on this instance: the child keeps serving its cached, still public, answer.
    for (let save = 1; save <= 3; save += 1) {
      await cm.saveDraft(documentId, { excerpt: `Draft ${save}` });
      const read = await onChild(page);
      expect({
        save,
        cache: read.headers['x-response-cache'],
        excerpt: read.body.data.excerpt,
      }).toEqual({ save, cache: 'hit', excerpt: 'Published text' });
    }

    // A tag rename here shows inside the article the child serves; the bystander stays cached.
    expect(
      (await app.http().put(`${TAGS_CM}/${tagId}`).set(admin).send({ name: 'Shared tag after' }))
        .status
    ).toBe(200);
    expect(
      (await onChild(page)).body.data.tags.map((entry: { name: string }) => entry.name)
    ).toEqual(['Shared tag after']);
    expect((await onChild(bystander)).headers['x-response-cache']).toBe('hit');

    // The publish of the saved draft shows on the child at once, in the page and in the tag's count.
    const tagBefore = await onChild(`/api/tags/${tagId}`);
    expect(tagBefore.body.data.articleCount).toBe(1);
    await cm.publish(documentId);
    expect((await onChild(page)).body.data.excerpt).toBe('Draft 3');
    expect((await onChild(bystander)).headers['x-response-cache']).toBe('hit');
    await cm.unpublish(documentId);
    expect((await onChild(`/api/tags/${tagId}`)).body.data.articleCount).toBe(0);
  });

  it("counts a client's reads on both instances against one allowance", async () => {
    // Each read misses the shared cache (its own filter per instance) and may return one tag: 1 point + 1 for its cost, so the
    // allowance of 40 holds exactly 20 reads.
    await app.strapi
      .documents('api::tag.tag' as never)
      .create({ data: { name: `Points ${Date.now()}` } as never });
    const client = { 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 200) + 1}` };
    const read = (baseUrl: string, i: number) =>
      request(baseUrl)
        .get(`/api/tags?pagination[pageSize]=1&filters[name][$ne]=none-${baseUrl}-${i}`)
        .set(client);
    const statuses: number[] = [];
    await withinOneMinuteWindow();
    for (let i = 0; i < 10; i += 1)
      statuses.push((await read(app.baseUrl, i)).status, (await read(child.baseUrl, i)).status);
    expect(statuses).toEqual(Array(20).fill(200));
    const fromApp = await read(app.baseUrl, 99);
    const fromChild = await read(child.baseUrl, 99);
    expect([fromApp.status, fromChild.status]).toEqual([429, 429]);
    expect(Number(fromChild.headers['retry-after'])).toBeGreaterThan(0);
    // another client is served on both
    expect(
      (await request(child.baseUrl).get('/api/tags').set({ 'X-Forwarded-For': '198.51.100.250' }))
        .status
    ).toBe(200);
  });

  describe('comments (strapi-plugin-reader-comments)', () => {
    const publishedArticle = async () =>
      (
        await app.strapi
          .documents('api::article.article')
          .create({ status: 'published', data: { title: `Two-instance comments ${Date.now()}` } })
      ).documentId as string;
    const from = (address: string) => ({ 'X-Forwarded-For': address });

    it('accepts a solved challenge once across both instances: a replay on the other instance is refused', async () => {
      const documentId = await publishedArticle();
      const altcha = await solvedPayload(app, documentId);
      const body = { text: 'Posted once', author: guest(), altcha };
      const first = await app
        .http()
        .post(`${COMMENTS}/article/${documentId}`)
        .set(from('198.51.100.201'))
        .send(body);
      expect(first.status).toBe(201);
      const replay = await request(child.baseUrl)
        .post(`${COMMENTS}/article/${documentId}`)
        .set(from('198.51.100.202'))
        .send({ ...body, text: 'Posted twice' });
      expect([replay.status, replay.body.error.message]).toEqual([
        400,
        'The anti-spam challenge was already used: ask for a new one',
      ]);
    });

    it("counts an address's posts on both instances against one limit", async () => {
      const documentId = await publishedArticle();
      const address = from(`203.0.113.${Math.floor(Math.random() * 200) + 1}`);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const altcha = await solvedPayload(app, documentId);
        const target = i % 2 === 0 ? app.http() : request(child.baseUrl);
        statuses.push(
          (
            await target
              .post(`${COMMENTS}/article/${documentId}`)
              .set(address)
              .send({ text: `Post ${i}`, author: guest(), altcha })
          ).status
        );
      }
      expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    });
  });
});
