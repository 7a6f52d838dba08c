import {
  ENGAGEMENT_TEST_ENV,
  browserUA,
  createArticle,
  flush,
  postView,
  stats,
  type Article,
} from '../helpers/engagement-fixtures';
import { useTestApp, type TestApp } from '../helpers/strapi';

/**
 * Bounded memory under floods of distinct (spoofed) visitors: the dedupe table and the rate limiter's
 * table are capped; beyond the cap new visitors are answered but not counted, known ones are still
 * deduplicated (no double count) and limited, and the condition is logged once, not per request.
 */
/** One user agent for the whole flood: only the (spoofed) address differs. */
const FLOOD_UA = browserUA('flood');

const spoofed = (app: TestApp, documentId: string, ip: string, userAgent = browserUA()) =>
  postView(app, documentId, userAgent).set('X-Forwarded-For', ip);

const trustProxy = (app: () => TestApp) =>
  beforeAll(() => {
    // as IS_PROXIED means to (see tests/engagement/api.test.ts)
    app().strapi.server.app.proxy = true;
  });

const refusedLines = (warn: jest.SpyInstance, pattern: RegExp) =>
  warn.mock.calls.map(([line]) => String(line)).filter((line) => pattern.test(line));

describe('dedupe table cap', () => {
  const app = useTestApp({
    ...ENGAGEMENT_TEST_ENV,
    IS_PROXIED: 'true',
    ENGAGEMENT_DEDUPE_MAX_VISITORS: '20',
  });
  trustProxy(app);
  let article: Article;
  beforeAll(async () => {
    article = await createArticle(app().strapi, 'Flooded');
  });

  it('counts up to the cap, then answers new visitors uncounted; known visitors stay deduplicated', async () => {
    const warn = jest.spyOn(app().strapi.log, 'warn');
    try {
      const first = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          spoofed(app(), article.documentId, `198.18.0.${i + 1}`, FLOOD_UA)
        )
      );
      expect(first.map((res) => res.body.data.counted)).toEqual(Array(20).fill(true));
      const flood = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          spoofed(app(), article.documentId, `198.18.1.${i + 1}`, FLOOD_UA)
        )
      );
      expect(flood.map((res) => res.status)).toEqual(Array(30).fill(202));
      expect(flood.every((res) => res.body.data.counted === false)).toBe(true);
      // a visitor already counted is still recognised: no second count while the table is full
      expect(
        (await spoofed(app(), article.documentId, '198.18.0.1', FLOOD_UA)).body.data.counted
      ).toBe(false);
      await flush(app().strapi);
      expect((await stats(app(), article.documentId)).views).toBe(20);
      expect(refusedLines(warn, /dedupeMaxVisitors/)).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('rate limiter table cap', () => {
  const app = useTestApp({
    ...ENGAGEMENT_TEST_ENV,
    IS_PROXIED: 'true',
    ENGAGEMENT_RATE_LIMIT_MAX: '3',
    ENGAGEMENT_RATE_LIMIT_MAX_CLIENTS: '10',
  });
  trustProxy(app);
  let article: Article;
  beforeAll(async () => {
    article = await createArticle(app().strapi, 'Rate limited flood');
  });

  it('tracks up to the cap of clients per window; new clients are answered uncounted, tracked ones still limited', async () => {
    const warn = jest.spyOn(app().strapi.log, 'warn');
    try {
      const tracked = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          spoofed(app(), article.documentId, `198.18.2.${i + 1}`)
        )
      );
      expect(tracked.map((res) => res.body.data.counted)).toEqual(Array(10).fill(true));
      const flood = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          spoofed(app(), article.documentId, `198.18.3.${i + 1}`)
        )
      );
      expect(flood.map((res) => [res.status, res.body.data.counted])).toEqual(
        Array(20).fill([202, false])
      );
      // the tracked clients keep their limit, 3 a minute (these two count: distinct user agents)
      await spoofed(app(), article.documentId, '198.18.2.1');
      await spoofed(app(), article.documentId, '198.18.2.1');
      expect((await spoofed(app(), article.documentId, '198.18.2.1')).status).toBe(429);
      await flush(app().strapi);
      expect(
        (
          await app()
            .strapi.plugin('engagement')
            .service('stats')
            .totals('api::article.article', [article.documentId])
        ).get(article.documentId).views
      ).toBe(12);
      expect(refusedLines(warn, /rateLimit\.maxClients/)).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });
});
