import {
  ENGAGEMENT_TEST_ENV,
  browserUA,
  createArticle,
  flush,
  postView,
  storedViews,
} from '../helpers/engagement-fixtures';
import { REDIS_URL } from '../helpers/engagement-redis';
import { dayNumber } from '../../plugins/engagement/server/src/lib/days';
import { startTestApp, useTestApp, type TestApp } from '../helpers/strapi';

/**
 * Dedupe survives midnight (the visitor's key under yesterday's secret is checked while the window lasts)
 * and restarts (memory store: the day's secret and the visitors inside their window are kept in the
 * plugin's tables; secrets older than two days are deleted).
 */
const at = (iso: string) => Date.parse(iso);

const midnight = (store: 'memory' | 'redis') => () => {
  const app = useTestApp({
    ...ENGAGEMENT_TEST_ENV,
    ENGAGEMENT_STORE: store,
    ...(store === 'redis' ? { REDIS_URL: REDIS_URL as string } : {}),
  });

  it('counts a visitor at 23:59 and again at 00:01 once', async () => {
    const doc = await createArticle(app().strapi, `Read across midnight (${store})`);
    const visitor = browserUA();
    const now = jest.spyOn(Date, 'now');
    try {
      now.mockReturnValue(at('2030-06-30T23:59:00Z'));
      expect((await postView(app(), doc.documentId, visitor)).body.data.counted).toBe(true);
      now.mockReturnValue(at('2030-07-01T00:01:00Z'));
      expect((await postView(app(), doc.documentId, visitor)).body.data.counted).toBe(false);
      // another visitor just after midnight counts
      expect((await postView(app(), doc.documentId, browserUA())).body.data.counted).toBe(true);
      await flush(app().strapi);
    } finally {
      now.mockRestore();
    }
    expect(await storedViews(app().strapi, doc.documentId)).toBe(2);
  });
};

describe('memory store across midnight', midnight('memory'));
(REDIS_URL ? describe : describe.skip)('Redis store across midnight', midnight('redis'));
if (!REDIS_URL) console.log('Redis store across midnight: skipped, REDIS_URL is not set');

describe('memory store across a restart', () => {
  let app: TestApp;
  afterAll(async () => {
    await app?.stop();
  });

  it('keeps the day’s secret and the visitors inside their window: a repeat after a restart counts once', async () => {
    app = await startTestApp(ENGAGEMENT_TEST_ENV);
    const doc = await createArticle(app.strapi, 'Read before and after a deploy');
    const visitor = browserUA();
    expect((await postView(app, doc.documentId, visitor)).body.data.counted).toBe(true);
    const secrets = () =>
      app.strapi.db.getConnection('engagement_secrets').select('day', 'value').orderBy('day');
    const before = await secrets();
    // today's secret; in the first dedupe window after midnight (UTC) also yesterday's, to recognise a
    // visitor of 23:59
    const today = dayNumber(Date.now());
    expect(before.map((row: { day: number | string }) => Number(row.day))).toContain(today);
    expect(
      before.every((row: { day: number | string }) =>
        [today, dayNumber(Date.now() - 86_400_000)].includes(Number(row.day))
      )
    ).toBe(true);
    // a secret from three days ago, as a long-running install would have left it
    await app.strapi.db.getConnection('engagement_secrets').insert({ day: 20000101, value: 'old' });

    await app.stop({ keepDatabase: true });
    app = await startTestApp(ENGAGEMENT_TEST_ENV, app.database);

    expect((await postView(app, doc.documentId, visitor)).body.data.counted).toBe(false);
    expect((await postView(app, doc.documentId, browserUA())).body.data.counted).toBe(true);
    await flush(app.strapi);
    expect(await storedViews(app.strapi, doc.documentId)).toBe(2);
    // the same secret as before the restart, and the old one deleted
    expect(await secrets()).toEqual(before);
    // the kept visitors were taken back at startup, not left behind
    const kept = (await app.strapi.db
      .getConnection('engagement_seen')
      .count({ n: '*' })
      .first()) as { n: number | string };
    expect(Number(kept.n)).toBe(0);
  });
});
