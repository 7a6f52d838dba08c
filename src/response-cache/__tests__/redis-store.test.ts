import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { ALL_TAG, documentTag, listTag } from '../dependencies';
import { redisStore, type ResponseStore } from '../stores';

/**
 * The Redis store's scripts against a real Redis (REDIS_URL, as CI sets it; skipped without): the same
 * semantics as the memory store, shared by two store instances (two app instances) on one key prefix.
 */
const REDIS_URL = process.env.REDIS_URL;
const describeRedis = REDIS_URL ? describe : describe.skip;
if (!REDIS_URL) it.skip('skipped: set REDIS_URL to test the Redis store', () => undefined);

const entry = (body: string) => ({
  uid: 'api::article.article',
  body,
  digest: body,
  documentIds: ['article-1'],
});
const ARTICLE = documentTag('article-1');
const ARTICLES = listTag('api::article.article');

describeRedis('redisStore', () => {
  const stores: ResponseStore[] = [];
  const prefixes: string[] = [];
  const pair = () => {
    const keyPrefix = `response-cache-test-${randomBytes(4).toString('hex')}:`;
    prefixes.push(keyPrefix);
    const make = () =>
      redisStore({
        url: REDIS_URL as string,
        keyPrefix,
        ttlMs: 60_000,
        timeoutMs: 2000,
        onError: () => undefined,
      });
    const made = [make(), make()] as const;
    stores.push(...made);
    return made;
  };
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    const redis = new Redis(REDIS_URL as string);
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
  });
  // ioredis connects in the background; the first command waits for it through invalidate.
  const ready = (store: ResponseStore) => store.invalidate([documentTag('warm-up')]);

  it('serves an entry saved on one instance to the other, until a write on either touches a dependency', async () => {
    const [one, two] = pair();
    await ready(one);
    await ready(two);
    const lookup = await one.lookup('/api/articles/by-slug/a');
    expect(lookup.entry).toBeNull();
    await one.save('/api/articles/by-slug/a', lookup, [ARTICLE], entry('first'));
    expect((await two.lookup('/api/articles/by-slug/a')).entry?.body).toBe('first');

    await two.invalidate([documentTag('other-article'), ARTICLES]);
    expect((await one.lookup('/api/articles/by-slug/a')).entry?.body).toBe('first');

    await two.invalidate([ARTICLE]);
    expect((await one.lookup('/api/articles/by-slug/a')).entry).toBeNull();
  });

  it('never serves a response computed while a write to one of its dependencies happened, nor any after a write to everything', async () => {
    const [one, two] = pair();
    await ready(one);
    await ready(two);
    const before = await one.lookup('/api/articles');
    await two.invalidate([ARTICLES]);
    await one.save('/api/articles', before, [ARTICLES], entry('computed during the write'));
    expect((await two.lookup('/api/articles')).entry).toBeNull();

    const after = await one.lookup('/api/articles');
    expect(after.snapshot).toBeGreaterThan(before.snapshot);
    await one.save('/api/articles', after, [ARTICLES], entry('computed after the write'));
    expect((await two.lookup('/api/articles')).entry?.body).toBe('computed after the write');

    await two.invalidate([ALL_TAG]);
    expect((await one.lookup('/api/articles')).entry).toBeNull();
  });
});
