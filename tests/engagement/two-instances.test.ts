import request from 'supertest';
import { databaseClient } from '../helpers/database';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { startChildInstance, type ChildInstance } from '../helpers/engagement-instance';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../helpers/engagement-redis';
import {
  ENGAGEMENT_TEST_ENV,
  browserUA,
  createArticle,
  pool,
  storedViews,
} from '../helpers/engagement-fixtures';

/**
 * Two Strapi instances (this process and a child process) sharing one PostgreSQL (or MySQL) database and
 * one Redis: hits split across both count exactly, one dedupe window, flushes from both at once.
 * Needs REDIS_URL and DATABASE_CLIENT=postgres|mysql.
 */
const runnable = Boolean(REDIS_URL) && databaseClient() !== 'sqlite';
const describeShared = runnable ? describe : describe.skip;
if (!runnable) {
  // Printed so a run without the services says why these tests did not run.
  process.stdout.write(
    'skipped: set REDIS_URL and DATABASE_CLIENT=postgres (or mysql) to run the two-instance test\n'
  );
  it.skip('skipped: set REDIS_URL and DATABASE_CLIENT=postgres (or mysql) to run the two-instance test', () =>
    undefined);
}

describeShared('two instances sharing the database and Redis', () => {
  let app: TestApp;
  let child: ChildInstance;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    app = await startTestApp({
      ...ENGAGEMENT_TEST_ENV,
      ENGAGEMENT_STORE: 'redis',
      REDIS_URL: REDIS_URL as string,
      ENGAGEMENT_REDIS_PREFIX: prefix,
    });
    child = await startChildInstance();
  });
  afterAll(async () => {
    await child?.stop();
    await app?.stop();
    await deleteKeys(prefix);
  });

  const view = (baseUrl: string, documentId: string, ua: string) =>
    request(baseUrl).post(`/api/engagement/article/${documentId}/view`).set('User-Agent', ua);
  /** A view, retried until accepted: an instance learns of a new article through Redis. Resolves to the last status. */
  const viewOnceKnown = async (
    baseUrl: string,
    documentId: string,
    ua: string
  ): Promise<number> => {
    let status = 404;
    for (let attempt = 0; attempt < 50 && status !== 202; attempt += 1) {
      status = (await view(baseUrl, documentId, ua)).status;
      if (status !== 202) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return status;
  };

  it('counts hits split across both instances exactly, with one shared dedupe window', async () => {
    // Created after the child started: the child learns it is published through Redis.
    const doc = await createArticle(app.strapi, 'Two instances');
    expect(await viewOnceKnown(child.baseUrl, doc.documentId, browserUA('warm-up'))).toBe(202);

    const visitors = Array.from({ length: 400 }, (_, index) => browserUA(`two-${index}`));
    const targets = [app.baseUrl, child.baseUrl];
    let flushes: Array<Promise<unknown>> = [];
    const responses = await pool(visitors, 8, async (ua) => {
      const index = visitors.indexOf(ua);
      const res = await view(targets[index % 2], doc.documentId, ua);
      // Both instances flush while hits arrive; the lock lets one at a time write.
      if (index % 50 === 0)
        flushes.push(
          child.flush(),
          (
            app.strapi.plugin('engagement').service('counter') as { flush(): Promise<unknown> }
          ).flush()
        );
      return res;
    });
    await Promise.all(flushes);
    flushes = [];
    expect(responses.filter((res) => res.body.data?.counted === true)).toHaveLength(400);

    // The same visitors on the other instance: already seen in the shared window.
    const repeats = await pool(visitors, 8, async (ua) =>
      view(targets[(visitors.indexOf(ua) + 1) % 2], doc.documentId, ua)
    );
    expect(repeats.filter((res) => res.body.data?.counted === true)).toHaveLength(0);

    await child.flush();
    await (
      app.strapi.plugin('engagement').service('counter') as { flush(): Promise<unknown> }
    ).flush();
    // 400 visitors plus the warm-up visitor.
    expect(await storedViews(app.strapi, doc.documentId)).toBe(401);
    const statsFromChild = await request(child.baseUrl).get(
      `/api/engagement/article/${doc.documentId}`
    );
    expect(statsFromChild.body.data.views).toBe(401);
  });

  it('shows exact counts on each instance after the other one writes them to the database', async () => {
    const doc = await createArticle(app.strapi, 'Counts cached across instances');
    const viewsOn = async (baseUrl: string) =>
      (await request(baseUrl).get(`/api/engagement/article/${doc.documentId}`)).body.data
        ?.views as number;
    const bySlugViewsOn = async (baseUrl: string) =>
      (await request(baseUrl).get(`/api/articles/by-slug/${doc.slug}`)).body.data?.engagement
        ?.views as number;
    const viewsAccepted = async (baseUrl: string, ids: string[]) => {
      for (const id of ids)
        expect(await viewOnceKnown(baseUrl, doc.documentId, browserUA(id))).toBe(202);
    };

    // Five views on this instance, read on the child (its stored totals of the article are now known: 0).
    await viewsAccepted(app.baseUrl, ['cached-1', 'cached-2', 'cached-3', 'cached-4', 'cached-5']);
    expect(await viewsOn(child.baseUrl)).toBe(5);
    expect(await bySlugViewsOn(child.baseUrl)).toBe(5);

    // This instance writes them to the database: they leave the shared buffer, the child must not lose them.
    await (
      app.strapi.plugin('engagement').service('counter') as { flush(): Promise<unknown> }
    ).flush();
    expect(await viewsOn(child.baseUrl)).toBe(5);
    expect(await bySlugViewsOn(child.baseUrl)).toBe(5);

    // And the other way round.
    expect(await viewsOn(app.baseUrl)).toBe(5);
    await viewsAccepted(child.baseUrl, ['cached-6', 'cached-7']);
    await child.flush();
    expect(await viewsOn(app.baseUrl)).toBe(7);
    expect(await bySlugViewsOn(app.baseUrl)).toBe(7);
    expect(await storedViews(app.strapi, doc.documentId)).toBe(7);
  });
});
