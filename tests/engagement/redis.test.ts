import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { startChildInstance } from '../helpers/engagement-instance';
import {
  REDIS_URL,
  deleteKeys,
  dumpKeys,
  startRedisProxy,
  uniquePrefix,
} from '../helpers/engagement-redis';
import {
  ENGAGEMENT_TEST_ENV,
  browserUA,
  createArticle,
  flush,
  pool,
  postView,
  stats,
  storedViews,
} from '../helpers/engagement-fixtures';

/** The Redis store against a real Redis: shared buffer, crash safety, privacy. Needs REDIS_URL. */
const describeRedis = REDIS_URL ? describe : describe.skip;
if (!REDIS_URL) {
  // Printed so a run without the services says why these tests did not run.
  process.stdout.write(
    'skipped: set REDIS_URL (e.g. redis://127.0.0.1:6379) to run the Redis store tests\n'
  );
  it.skip('skipped: set REDIS_URL (e.g. redis://127.0.0.1:6379) to run the Redis store tests', () =>
    undefined);
}

describeRedis('Redis store', () => {
  let app: TestApp;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    app = await startTestApp({
      ...ENGAGEMENT_TEST_ENV,
      ENGAGEMENT_STORE: 'redis',
      REDIS_URL: REDIS_URL as string,
      ENGAGEMENT_REDIS_PREFIX: prefix,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await deleteKeys(prefix);
  });

  it('uses Redis', () => {
    expect(
      (app.strapi.plugin('engagement').service('counter') as { storeKind(): string }).storeKind()
    ).toBe('redis');
  });

  it('counts K concurrent clients × M distinct visitors exactly, repeats once', async () => {
    const doc = await createArticle(app.strapi, 'Redis exact');
    const visitors = Array.from({ length: 8 * 40 }, (_, index) => browserUA(`redis-${index}`));
    const first = await pool(visitors, 8, (ua) => postView(app, doc.documentId, ua));
    expect(first.filter((res) => res.body.data?.counted === true)).toHaveLength(320);
    const again = await pool(visitors, 8, (ua) => postView(app, doc.documentId, ua));
    expect(again.filter((res) => res.body.data?.counted === true)).toHaveLength(0);
    expect((await stats(app, doc.documentId)).views).toBe(320);
    expect(await storedViews(app.strapi, doc.documentId)).toBe(0);
    await flush(app.strapi);
    expect(await storedViews(app.strapi, doc.documentId)).toBe(320);
    expect((await stats(app, doc.documentId)).views).toBe(320);
    expect(Object.keys(await dumpKeys(`${prefix}buffer`))).toEqual([]);
  });

  it('keeps a batch whose database write failed and writes it exactly once later', async () => {
    const doc = await createArticle(app.strapi, 'Redis retry');
    for (let i = 0; i < 5; i += 1) await postView(app, doc.documentId, browserUA());
    const counts = app.strapi.plugin('engagement').service('tables') as {
      addIncrements: (m: Map<string, number>) => Promise<void>;
    };
    const original = counts.addIncrements;
    counts.addIncrements = async () => {
      throw new Error('database unavailable');
    };
    try {
      await expect(flush(app.strapi)).rejects.toThrow('database unavailable');
    } finally {
      counts.addIncrements = original;
    }
    expect(Object.keys(await dumpKeys(`${prefix}buffer`))).toEqual([`${prefix}buffer:flushing`]);
    expect((await stats(app, doc.documentId)).views).toBe(5);
    for (let i = 0; i < 3; i += 1) await postView(app, doc.documentId, browserUA());
    expect((await stats(app, doc.documentId)).views).toBe(8);
    await flush(app.strapi); // the kept batch
    await flush(app.strapi); // what arrived meanwhile
    expect(await storedViews(app.strapi, doc.documentId)).toBe(8);
    expect((await stats(app, doc.documentId)).views).toBe(8);
  });

  it('writes a batch once even when its flusher died after the database committed it', async () => {
    const doc = await createArticle(app.strapi, 'Redis committed then died');
    for (let i = 0; i < 4; i += 1) await postView(app, doc.documentId, browserUA());
    const counts = app.strapi.plugin('engagement').service('tables') as {
      addIncrements: (...args: unknown[]) => Promise<void>;
    };
    const original = counts.addIncrements;
    // The write commits, then the flusher "dies" before it can delete the batch from Redis.
    counts.addIncrements = async (...args: unknown[]) => {
      await original.apply(counts, args);
      throw new Error('killed after commit');
    };
    try {
      await expect(flush(app.strapi)).rejects.toThrow('killed after commit');
    } finally {
      counts.addIncrements = original;
    }
    expect(await storedViews(app.strapi, doc.documentId)).toBe(4);
    expect(Object.keys(await dumpKeys(`${prefix}buffer`))).toEqual([`${prefix}buffer:flushing`]);
    await flush(app.strapi);
    expect(Object.keys(await dumpKeys(`${prefix}buffer`))).toEqual([]);
    expect(await storedViews(app.strapi, doc.documentId)).toBe(4);
  });

  it('loses nothing that reached Redis when an instance is killed', async () => {
    const doc = await createArticle(app.strapi, 'Redis kill');
    const child = await startChildInstance();
    const visitors = Array.from({ length: 60 }, (_, index) => browserUA(`kill-${index}`));
    const responses = await pool(visitors, 6, (ua) =>
      request(child.baseUrl)
        .post(`/api/engagement/article/${doc.documentId}/view`)
        .set('User-Agent', ua)
    );
    expect(responses.filter((res) => res.body.data?.counted === true)).toHaveLength(60);
    // SIGKILL: no shutdown hook runs, the child's own flush never happens.
    child.process.kill('SIGKILL');
    await child.stop();
    await flush(app.strapi);
    expect(await storedViews(app.strapi, doc.documentId)).toBe(60);
  });

  it('keeps no raw IP or user agent in Redis', async () => {
    const doc = await createArticle(app.strapi, 'Redis privacy');
    const marker = 'RedisPrivacyProbe/1.0';
    await postView(app, doc.documentId, `Mozilla/5.0 ${marker}`);
    const dump = JSON.stringify(await dumpKeys(prefix));
    expect(dump).toContain(`${prefix}seen:`);
    expect(dump).not.toContain(marker);
    expect(dump).not.toContain('127.0.0.1');
  });
});

describeRedis('Redis going away and coming back', () => {
  let app: TestApp;
  let proxy: Awaited<ReturnType<typeof startRedisProxy>>;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    proxy = await startRedisProxy();
    app = await startTestApp({
      ...ENGAGEMENT_TEST_ENV,
      ENGAGEMENT_STORE: 'redis',
      REDIS_URL: proxy.url,
      ENGAGEMENT_REDIS_PREFIX: prefix,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
    await deleteKeys(prefix);
  });

  /** Waits (bounded) until the flush health the settings page shows says Redis is `up`; the assertions do not depend on how long it took. */
  const waitForRedis = async (up: boolean) => {
    const counter = app.strapi.plugin('engagement').service('counter') as {
      health(): Promise<{ buffer: { store: string; reachable?: boolean } }>;
    };
    const reachable = async () => (await counter.health()).buffer.reachable;
    for (let attempt = 0; attempt < 100 && (await reachable()) !== up; attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await counter.health()).buffer).toEqual({ store: 'redis', reachable: up });
  };

  it('keeps answering 202 in memory while Redis is down (logged once), then uses Redis again; totals stay exact', async () => {
    const doc = await createArticle(app.strapi, 'Redis outage');
    const warn = jest.spyOn(app.strapi.log, 'warn');
    for (let i = 0; i < 3; i += 1)
      expect((await postView(app, doc.documentId, browserUA())).body.data.counted).toBe(true);

    await proxy.cut();
    await waitForRedis(false);
    for (let i = 0; i < 4; i += 1) {
      const res = await postView(app, doc.documentId, browserUA());
      expect(res.status).toBe(202);
      expect(res.body.data.counted).toBe(true);
    }
    expect((await stats(app, doc.documentId)).views).toBe(4); // Redis's 3 cannot be read meanwhile
    expect(
      warn.mock.calls.filter(([message]) => /Redis is unreachable/.test(String(message)))
    ).toHaveLength(1);

    await proxy.restore();
    await waitForRedis(true);
    for (let i = 0; i < 2; i += 1)
      expect((await postView(app, doc.documentId, browserUA())).body.data.counted).toBe(true);
    expect((await stats(app, doc.documentId)).views).toBe(9);
    await flush(app.strapi);
    expect(await storedViews(app.strapi, doc.documentId)).toBe(9);
    warn.mockRestore();
  });
});
