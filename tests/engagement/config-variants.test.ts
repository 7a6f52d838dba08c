import { startTestApp, type TestApp } from '../helpers/strapi';
import {
  browserUA,
  createArticle,
  flush,
  postView,
  storedViews,
} from '../helpers/engagement-fixtures';

/**
 * Settings the other tests turn off, on one app: the per-IP rate limit (429 with a message), a dedupe
 * window of 0 (every view counts), and the Redis store with Redis unreachable (memory fallback, logged
 * once, never a 500).
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    ENGAGEMENT_RATE_LIMIT_MAX: '5',
    ENGAGEMENT_DEDUPE_WINDOW_SECONDS: '0',
    ENGAGEMENT_FLUSH_INTERVAL_MS: '3600000',
    ENGAGEMENT_STORE: 'redis',
    // Nothing listens on port 1: the store must fall back to memory.
    REDIS_URL: 'redis://127.0.0.1:1',
  });
});
afterAll(async () => {
  await app?.stop();
});

it('limits requests per IP (429 with a message), counts every repeat with window 0, and survives Redis being down', async () => {
  const counter = app.strapi.plugin('engagement').service('counter') as {
    storeKind(): string;
    bufferedAll(): Promise<Map<string, number>>;
  };
  expect(counter.storeKind()).toBe('redis');
  const warn = jest.spyOn(app.strapi.log, 'warn');
  const doc = await createArticle(app.strapi, 'Rate limited');
  const ua = browserUA();
  const responses = [];
  for (let i = 0; i < 7; i += 1) responses.push(await postView(app, doc.documentId, ua));
  expect(responses.map((res) => res.status)).toEqual([202, 202, 202, 202, 202, 429, 429]);
  expect(responses.slice(0, 5).every((res) => res.body.data.counted === true)).toBe(true);
  expect(responses[5].body.error.message).toMatch(/Too many engagement requests/);
  expect(Number(responses[5].headers['retry-after'])).toBeGreaterThan(0);
  // The articles' own REST API is not limited by the plugin.
  expect((await app.http().get('/api/articles')).status).toBe(200);

  expect((await counter.bufferedAll()).get(`t|api::article.article|${doc.documentId}|view`)).toBe(
    5
  );
  await flush(app.strapi);
  expect(await storedViews(app.strapi, doc.documentId)).toBe(5);
  const outageWarnings = warn.mock.calls.filter(([message]) =>
    /Redis is unreachable/.test(String(message))
  );
  expect(outageWarnings.length).toBeLessThanOrEqual(1);
  warn.mockRestore();
});
