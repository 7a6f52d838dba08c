import { startTestApp, type TestApp } from '../helpers/strapi';
import {
  ENGAGEMENT_TEST_ENV,
  browserUA,
  createArticle,
  flush,
  postView,
  stats,
  storedViews,
  type Article,
} from '../helpers/engagement-fixtures';

/**
 * The public API on one app: counting, dedupe, bots, every 404/400, drafts, editors' saves, deletion,
 * shares and the share redirect, per-day rows, popular lists, REST decoration, admin set/reset, privacy.
 */
let app: TestApp;
let article: Article;

const RAW_IP = '203.0.113.77';
const UA_MARKER = 'PrivacyProbe/9.9';

const counter = () =>
  app.strapi.plugin('engagement').service('counter') as {
    bufferedAll(): Promise<Map<string, number>>;
    flush(): Promise<unknown>;
  };
const bufferedTotal = async () =>
  [...(await counter().bufferedAll()).values()].reduce((sum, value) => sum + value, 0);

beforeAll(async () => {
  app = await startTestApp({
    ...ENGAGEMENT_TEST_ENV,
    IS_PROXIED: 'true',
    ENGAGEMENT_BOT_PATTERNS: 'InternalMonitor,uptime-\\w+',
  });
  // Trust X-Forwarded-For as IS_PROXIED intends. Strapi 5 reads `server.proxy.koa`; config/server.ts sets
  // `proxy: <boolean>`, which Strapi 5.54 ignores, so the test sets the koa flag the config means to set.
  app.strapi.server.app.proxy = true;
  article = await createArticle(app.strapi, 'Counting views exactly');
});
afterAll(async () => {
  await app?.stop();
});

describe('POST view', () => {
  it('counts a view with an empty body and answers 202', async () => {
    const res = await postView(app, article.documentId, browserUA());
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ data: { counted: true } });
    expect((await stats(app, article.documentId)).views).toBe(1);
  });

  it('accepts the text/plain body navigator.sendBeacon sends', async () => {
    const before = (await stats(app, article.documentId)).views;
    const res = await app
      .http()
      .post(`/api/engagement/article/${article.documentId}/view`)
      .set('User-Agent', browserUA())
      .set('Content-Type', 'text/plain;charset=UTF-8')
      .send('{"ts":1}');
    expect(res.status).toBe(202);
    expect(res.body.data.counted).toBe(true);
    expect((await stats(app, article.documentId)).views).toBe(before + 1);
  });

  it('counts a repeat view by the same visitor inside the window once', async () => {
    const doc = await createArticle(app.strapi, 'Dedupe');
    const ua = browserUA();
    const first = await postView(app, doc.documentId, ua).set('X-Forwarded-For', '198.51.100.1');
    const again = await postView(app, doc.documentId, ua).set('X-Forwarded-For', '198.51.100.1');
    const otherIp = await postView(app, doc.documentId, ua).set('X-Forwarded-For', '198.51.100.2');
    expect([first.body.data.counted, again.body.data.counted, otherIp.body.data.counted]).toEqual([
      true,
      false,
      true,
    ]);
    // A share by the same visitor is a different action: it does not use up the view.
    const share = await app
      .http()
      .post(`/api/engagement/article/${doc.documentId}/share`)
      .set('User-Agent', ua)
      .set('X-Forwarded-For', '198.51.100.1')
      .send({ network: 'x' });
    expect(share.body.data.counted).toBe(true);
    await flush(app.strapi);
    expect((await stats(app, doc.documentId)).views).toBe(2);
  });

  it('does not count bots (isbot, configured extra patterns) but answers 202', async () => {
    const doc = await createArticle(app.strapi, 'Bots');
    const agents = [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'curl/8.5.0',
      'InternalMonitor/1.0',
      'Mozilla/5.0 uptime-kuma',
    ];
    for (const agent of agents) {
      const res = await postView(app, doc.documentId, agent);
      expect(res.status).toBe(202);
      expect(res.body.data.counted).toBe(false);
    }
    expect((await stats(app, doc.documentId)).views).toBe(0);
    // As with isbot, a request without a user agent is not taken for a bot (`^$` in botPatterns would drop it).
    const anonymous = await app
      .http()
      .post(`/api/engagement/article/${doc.documentId}/view`)
      .set('User-Agent', '');
    expect(anonymous.status).toBe(202);
    expect(anonymous.body.data.counted).toBe(true);
  });
});

describe('REST responses of the tracked type', () => {
  it('load the counts of a whole list with one query', async () => {
    for (let i = 0; i < 3; i += 1)
      await postView(app, (await createArticle(app.strapi, `Listed ${i}`)).documentId, browserUA());
    await flush(app.strapi);
    const statements: string[] = [];
    const onQuery = (query: { sql: string }) => statements.push(query.sql);
    app.strapi.db.connection.on('query', onQuery);
    try {
      const list = await app.http().get('/api/articles?pagination[pageSize]=100');
      expect(list.body.data.length).toBeGreaterThanOrEqual(4);
      expect(
        list.body.data.every(
          (entry: { engagement?: unknown }) => typeof entry.engagement === 'object'
        )
      ).toBe(true);
      expect(
        list.body.data.filter(
          (entry: { title: string; engagement: { views: number } }) =>
            entry.title.startsWith('Listed ') && entry.engagement.views === 1
        )
      ).toHaveLength(3);
    } finally {
      app.strapi.db.connection.off('query', onQuery);
    }
    expect(statements.filter((sql) => sql.includes('engagement_'))).toHaveLength(1);
  });
});

describe('404 and 400, with nothing counted', () => {
  let draft: Article;
  beforeAll(async () => {
    draft = await createArticle(app.strapi, 'Only a draft', 'draft');
  });

  const notFound = () =>
    [
      ['unknown type', 'post', `/api/engagement/recipe/${article.documentId}/view`],
      ['malformed documentId', 'post', '/api/engagement/article/not%20an%20id!/view'],
      ['unknown documentId', 'post', '/api/engagement/article/abcdefghijklmnopqrstuvwx/view'],
      ['draft-only document (view)', 'post', `/api/engagement/article/${draft.documentId}/view`],
      ['draft-only document (share)', 'post', `/api/engagement/article/${draft.documentId}/share`],
      ['draft-only document (stats)', 'get', `/api/engagement/article/${draft.documentId}`],
      [
        'draft-only document (redirect)',
        'get',
        `/api/engagement/share/x/article/${draft.documentId}`,
      ],
      ['unknown documentId (stats)', 'get', '/api/engagement/article/abcdefghijklmnopqrstuvwx'],
      ['unknown type (stats)', 'get', `/api/engagement/recipe/${article.documentId}`],
      ['unknown type (popular)', 'get', '/api/engagement/recipe/popular'],
      [
        'unknown documentId (redirect)',
        'get',
        '/api/engagement/share/x/article/abcdefghijklmnopqrstuvwx',
      ],
    ] as const;

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('404 case %#', async (index) => {
    const [label, method, path] = notFound()[index];
    const before = await bufferedTotal();
    const res = await (
      method === 'post' ? app.http().post(path).send({ network: 'x' }) : app.http().get(path)
    ).set('User-Agent', browserUA());
    expect({ label, status: res.status }).toEqual({ label, status: 404 });
    expect(res.body.error?.message).toEqual(expect.any(String));
    expect(await bufferedTotal()).toBe(before);
  });

  const badRequests = () =>
    [
      [
        'unknown network',
        'post',
        `/api/engagement/article/${article.documentId}/share`,
        { network: 'myspace' },
      ],
      ['missing network', 'post', `/api/engagement/article/${article.documentId}/share`, {}],
      [
        'network not a string',
        'post',
        `/api/engagement/article/${article.documentId}/share`,
        { network: 7 },
      ],
      [
        'unknown network (redirect)',
        'get',
        `/api/engagement/share/myspace/article/${article.documentId}`,
        null,
      ],
      [
        'copy-link has no share page',
        'get',
        `/api/engagement/share/copy-link/article/${article.documentId}`,
        null,
      ],
      ['days=0', 'get', `/api/engagement/article/${article.documentId}?days=0`, null],
      ['days=abc', 'get', `/api/engagement/article/${article.documentId}?days=abc`, null],
      [
        'days over the maximum',
        'get',
        `/api/engagement/article/${article.documentId}?days=100000`,
        null,
      ],
      ['period=year', 'get', '/api/engagement/article/popular?period=year', null],
      ['by=likes', 'get', '/api/engagement/article/popular?by=likes', null],
      ['limit=0', 'get', '/api/engagement/article/popular?limit=0', null],
      ['limit too high', 'get', '/api/engagement/article/popular?limit=5000', null],
    ] as const;

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])('400 case %#', async (index) => {
    const [label, method, path, body] = badRequests()[index];
    const before = await bufferedTotal();
    const request =
      method === 'post'
        ? app
            .http()
            .post(path)
            .send(body ?? {})
        : app.http().get(path);
    const res = await request.set('User-Agent', browserUA());
    expect({ label, status: res.status }).toEqual({ label, status: 400 });
    expect(res.body.error?.message).toEqual(expect.any(String));
    expect(await bufferedTotal()).toBe(before);
  });

  it('400 for a sendBeacon share body that is not JSON', async () => {
    const res = await app
      .http()
      .post(`/api/engagement/article/${article.documentId}/share`)
      .set('Content-Type', 'text/plain')
      .set('User-Agent', browserUA())
      .send('network=x');
    expect(res.status).toBe(400);
  });
});

describe('documents changing', () => {
  it('keeps counts when an editor saves and publishes, and follows unpublish/publish', async () => {
    const doc = await createArticle(app.strapi, 'Edited later');
    for (let i = 0; i < 3; i += 1) await postView(app, doc.documentId, browserUA());
    await flush(app.strapi);
    await postView(app, doc.documentId, browserUA()); // one still buffered
    const documents = app.strapi.documents('api::article.article');
    await documents.update({
      documentId: doc.documentId,
      data: { title: 'Edited later, renamed' } as never,
    });
    expect((await stats(app, doc.documentId)).views).toBe(4);
    await documents.publish({ documentId: doc.documentId });
    await flush(app.strapi);
    expect((await stats(app, doc.documentId)).views).toBe(4);
    const rest = await app.http().get(`/api/articles/${doc.documentId}`);
    expect(rest.body.data.title).toBe('Edited later, renamed');
    expect(rest.body.data.engagement).toEqual({ views: 4, shares: 0 });

    await documents.unpublish({ documentId: doc.documentId });
    expect((await postView(app, doc.documentId, browserUA())).status).toBe(404);
    await documents.publish({ documentId: doc.documentId });
    expect((await postView(app, doc.documentId, browserUA())).status).toBe(202);
    expect((await stats(app, doc.documentId)).views).toBe(5);
  });

  it('deletes a document’s counts, stored and buffered, with the document', async () => {
    const doc = await createArticle(app.strapi, 'To be deleted');
    await postView(app, doc.documentId, browserUA());
    await app
      .http()
      .post(`/api/engagement/article/${doc.documentId}/share`)
      .set('User-Agent', browserUA())
      .send({ network: 'reddit' });
    await flush(app.strapi);
    await postView(app, doc.documentId, browserUA());
    expect(await storedViews(app.strapi, doc.documentId)).toBe(1);
    await app.strapi.documents('api::article.article').delete({ documentId: doc.documentId });
    await flush(app.strapi);
    for (const table of ['engagement_totals', 'engagement_daily']) {
      const rows = await app.strapi.db
        .getConnection(table)
        .where({ target_document_id: doc.documentId });
      expect({ table, rows }).toEqual({ table, rows: [] });
    }
    expect((await app.http().get(`/api/engagement/article/${doc.documentId}`)).status).toBe(404);
  });
});

describe('documents changed inside a transaction (as the admin’s bulk actions do)', () => {
  it('deletes counts and follows publication without waiting for the transaction’s connection', async () => {
    const docs = [
      await createArticle(app.strapi, 'Bulk 1'),
      await createArticle(app.strapi, 'Bulk 2'),
    ];
    for (const doc of docs) await postView(app, doc.documentId, browserUA());
    await flush(app.strapi);
    const documents = app.strapi.documents('api::article.article');
    await app.strapi.db.transaction(() =>
      Promise.all(docs.map((doc) => documents.unpublish({ documentId: doc.documentId })))
    );
    expect((await postView(app, docs[0].documentId, browserUA())).status).toBe(404);
    await app.strapi.db.transaction(() =>
      Promise.all(docs.map((doc) => documents.delete({ documentId: doc.documentId })))
    );
    // Counts are deleted once the delete committed (Strapi runs commit callbacks without awaiting them).
    const remaining = async () =>
      (await Promise.all(docs.map((doc) => storedViews(app.strapi, doc.documentId)))).reduce(
        (sum, views) => sum + views,
        0
      );
    for (let attempt = 0; attempt < 50 && (await remaining()) > 0; attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await remaining()).toBe(0);
  });
});

describe('shares', () => {
  it('counts shares per network and shows them in stats and REST responses', async () => {
    const doc = await createArticle(app.strapi, 'Shared');
    for (const network of ['x', 'x', 'linkedin', 'copy-link']) {
      const res = await app
        .http()
        .post(`/api/engagement/article/${doc.documentId}/share`)
        .set('User-Agent', browserUA())
        .send({ network });
      expect(res.status).toBe(202);
      expect(res.body.data.counted).toBe(true);
    }
    const beacon = await app
      .http()
      .post(`/api/engagement/article/${doc.documentId}/share`)
      .set('User-Agent', browserUA())
      .set('Content-Type', 'text/plain;charset=UTF-8')
      .send(JSON.stringify({ network: 'bluesky' }));
    expect(beacon.status).toBe(202);
    const data = await stats(app, doc.documentId);
    expect(data.shares.total).toBe(5);
    expect(data.shares.byNetwork).toEqual({
      x: 2,
      facebook: 0,
      linkedin: 1,
      reddit: 0,
      bluesky: 1,
      whatsapp: 0,
      email: 0,
      'copy-link': 1,
    });
    const rest = await app.http().get(`/api/articles/${doc.documentId}`);
    expect(rest.body.data.engagement).toEqual({ views: 0, shares: 5 });
  });

  it('redirects to the network’s own share page for the document’s public URL, counting the share', async () => {
    const doc = await createArticle(app.strapi, 'Share me & co');
    const publicUrl = `https://example.com/articles/${doc.slug}`;
    const x = await app
      .http()
      .get(`/api/engagement/share/x/article/${doc.documentId}`)
      .set('User-Agent', browserUA())
      .redirects(0);
    expect(x.status).toBe(302);
    expect(x.headers.location).toBe(
      `https://x.com/intent/tweet?url=${encodeURIComponent(publicUrl)}&text=${encodeURIComponent('Share me & co')}`
    );
    const facebook = await app
      .http()
      .get(`/api/engagement/share/facebook/article/${doc.documentId}?url=https://evil.example`)
      .set('User-Agent', browserUA())
      .redirects(0);
    expect(facebook.headers.location).toBe(
      `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(publicUrl)}`
    );
    const email = await app
      .http()
      .get(`/api/engagement/share/email/article/${doc.documentId}`)
      .set('User-Agent', browserUA())
      .redirects(0);
    expect(email.headers.location).toBe(
      `mailto:?subject=${encodeURIComponent('Share me & co')}&body=${encodeURIComponent(publicUrl)}`
    );
    expect((await stats(app, doc.documentId)).shares.byNetwork).toMatchObject({
      x: 1,
      facebook: 1,
      email: 1,
    });
  });
});

describe('per-day figures and popular lists', () => {
  it('writes one row per document, metric and day, and returns `days` days oldest first', async () => {
    const doc = await createArticle(app.strapi, 'Daily');
    for (let i = 0; i < 3; i += 1) await postView(app, doc.documentId, browserUA());
    await app
      .http()
      .post(`/api/engagement/article/${doc.documentId}/share`)
      .set('User-Agent', browserUA())
      .send({ network: 'x' });
    const today = new Date().toISOString().slice(0, 10);
    const buffered = await stats(app, doc.documentId, '?days=7');
    expect(buffered.daily).toHaveLength(7);
    expect(buffered.daily[6]).toEqual({ date: today, views: 3, shares: 1 });
    await flush(app.strapi);
    const rows = (await app.strapi.db
      .getConnection('engagement_daily')
      .where({ target_document_id: doc.documentId })
      .orderBy('metric')) as Array<{ day: number; metric: string; count: number }>;
    expect(rows.map((row) => [Number(row.day), row.metric, Number(row.count)])).toEqual([
      [Number(today.replace(/-/g, '')), 'share:x', 1],
      [Number(today.replace(/-/g, '')), 'view', 3],
    ]);
    const stored = await stats(app, doc.documentId);
    expect(stored.daily).toHaveLength(30);
    expect(stored.daily[29]).toEqual({ date: today, views: 3, shares: 1 });
    expect(stored.daily.slice(0, 29).every((day) => day.views === 0 && day.shares === 0)).toBe(
      true
    );
  });

  it('ranks published documents per period and by views or shares, buffered counts included', async () => {
    // Wipe earlier tests' counts so the ranking below is the whole picture.
    await flush(app.strapi);
    await app.strapi.db.getConnection('engagement_totals').delete();
    await app.strapi.db.getConnection('engagement_daily').delete();
    const [a, b, c] = [
      await createArticle(app.strapi, 'Popular A'),
      await createArticle(app.strapi, 'Popular B'),
      await createArticle(app.strapi, 'Popular C'),
    ];
    const hidden = await createArticle(app.strapi, 'Popular but unpublished');
    const day = (offset: number) =>
      Number(
        new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')
      );
    const increments = new Map<string, number>();
    const add = (doc: Article, offset: number, metric: string, amount: number) => {
      increments.set(`d|api::article.article|${doc.documentId}|${day(offset)}|${metric}`, amount);
      const total = `t|api::article.article|${doc.documentId}|${metric}`;
      increments.set(total, (increments.get(total) ?? 0) + amount);
    };
    add(a, 0, 'view', 5);
    add(b, 3, 'view', 10);
    add(c, 20, 'view', 20);
    add(c, 1, 'share:x', 7);
    add(b, 0, 'share:x', 1);
    add(hidden, 0, 'view', 100);
    await (
      app.strapi.plugin('engagement').service('tables') as {
        addIncrements(m: Map<string, number>): Promise<void>;
      }
    ).addIncrements(increments);
    await app.strapi.documents('api::article.article').unpublish({ documentId: hidden.documentId });
    // Two views of C today, still in the buffer.
    await postView(app, c.documentId, browserUA());
    await postView(app, c.documentId, browserUA());

    const ranking = async (query: string) => {
      const res = await app.http().get(`/api/engagement/article/popular${query}`);
      expect(res.status).toBe(200);
      return (
        res.body.data as Array<{
          documentId: string;
          title: string;
          slug: string;
          views: number;
          shares: number;
        }>
      ).map((entry) => [entry.title, entry.views, entry.shares]);
    };
    expect(await ranking('?period=day')).toEqual([
      ['Popular A', 5, 0],
      ['Popular C', 2, 0],
    ]);
    expect(await ranking('?period=week')).toEqual([
      ['Popular B', 10, 1],
      ['Popular A', 5, 0],
      ['Popular C', 2, 7],
    ]);
    expect(await ranking('?period=month')).toEqual([
      ['Popular C', 22, 7],
      ['Popular B', 10, 1],
      ['Popular A', 5, 0],
    ]);
    expect(await ranking('?period=all&limit=2')).toEqual([
      ['Popular C', 22, 7],
      ['Popular B', 10, 1],
    ]);
    expect(await ranking('?period=month&by=shares')).toEqual([
      ['Popular C', 22, 7],
      ['Popular B', 10, 1],
    ]);
    const full = await app.http().get('/api/engagement/article/popular?period=all&limit=1');
    expect(full.body.data[0]).toEqual({
      documentId: c.documentId,
      title: 'Popular C',
      slug: c.slug,
      views: 22,
      shares: 7,
    });
  });
});

let adminToken: string;
describe('admin routes', () => {
  beforeAll(async () => {
    const res = await app.http().post('/admin/register-admin').send({
      firstname: 'Ed',
      lastname: 'Itor',
      email: 'editor@example.com',
      password: 'Editor-Passw0rd',
    });
    expect(res.status).toBe(200);
    adminToken = res.body.data.token;
  });

  it('sets counts (migration from an old site) and resets them; only for admins', async () => {
    const doc = await createArticle(app.strapi, 'Migrated');
    await postView(app, doc.documentId, browserUA());
    const path = `/engagement/counts/article/${doc.documentId}`;
    expect((await app.http().put(path).send({ views: 4633 })).status).toBe(401);
    const apiToken = await app.token();
    expect(
      (await app.http().put(path).set('Authorization', `Bearer ${apiToken}`).send({ views: 4633 }))
        .status
    ).toBe(401);

    const set = await app
      .http()
      .put(path)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ views: 4633, shares: { x: 12 } });
    expect(set.status).toBe(200);
    expect((await stats(app, doc.documentId)).views).toBe(4633);
    await postView(app, doc.documentId, browserUA());
    await flush(app.strapi);
    const after = await stats(app, doc.documentId);
    expect([after.views, after.shares.byNetwork.x]).toEqual([4634, 12]);

    expect(
      (await app.http().put(path).set('Authorization', `Bearer ${adminToken}`).send({ views: -1 }))
        .status
    ).toBe(400);
    expect(
      (
        await app
          .http()
          .put(path)
          .set('Authorization', `Bearer ${adminToken}`)
          .send({ shares: { myspace: 1 } })
      ).status
    ).toBe(400);
    expect(
      (
        await app
          .http()
          .put('/engagement/counts/article/abcdefghijklmnopqrstuvwx')
          .set('Authorization', `Bearer ${adminToken}`)
          .send({ views: 1 })
      ).status
    ).toBe(404);

    expect((await app.http().delete(path)).status).toBe(401);
    const reset = await app.http().delete(path).set('Authorization', `Bearer ${adminToken}`);
    expect(reset.status).toBe(200);
    const cleared = await stats(app, doc.documentId);
    expect([
      cleared.views,
      cleared.shares.total,
      cleared.daily.every((d) => d.views === 0),
    ]).toEqual([0, 0, true]);
  });
});

describe('admin routes for the admin UI', () => {
  const get = (path: string) => app.http().get(path).set('Authorization', `Bearer ${adminToken}`);

  it('serves settings, totals, popular lists, stats of drafts and a CSV export to admins only', async () => {
    const published = await createArticle(app.strapi, 'Admin figures');
    const draft = await createArticle(app.strapi, 'Admin draft', 'draft');
    await postView(app, published.documentId, browserUA());
    await postView(app, published.documentId, browserUA());

    expect((await app.http().get('/engagement/settings')).status).toBe(401);
    const settings = await get('/engagement/settings');
    expect(settings.status).toBe(200);
    expect(settings.body.data.types).toEqual([{ uid: 'api::article.article', name: 'article' }]);
    expect(settings.body.data.networks).toContain('copy-link');
    // The Content Manager passes pluginOptions to the admin: that is how the panel finds tracked types.
    expect(
      (app.strapi.contentType('api::article.article') as { pluginOptions?: unknown }).pluginOptions
    ).toMatchObject({ engagement: { tracked: true } });
    expect(JSON.stringify(settings.body.data.config)).not.toContain('redis://');

    const totals = await get(
      `/engagement/totals/article?documentIds=${published.documentId},${draft.documentId}`
    );
    expect(totals.body.data).toEqual({
      [published.documentId]: { views: 2, shares: 0 },
      [draft.documentId]: { views: 0, shares: 0 },
    });
    expect((await get('/engagement/totals/article?documentIds=')).status).toBe(400);
    expect((await get('/engagement/totals/recipe?documentIds=abc')).status).toBe(404);

    const draftStats = await get(`/engagement/stats/article/${draft.documentId}?days=7`);
    expect(draftStats.status).toBe(200);
    expect(draftStats.body.data.daily).toHaveLength(7);
    expect((await get(`/engagement/stats/article/${published.documentId}`)).body.data.views).toBe(
      2
    );
    expect((await get('/engagement/stats/article/abcdefghijklmnopqrstuvwx')).status).toBe(404);

    const popular = await get('/engagement/popular/article?period=day&by=views&limit=50');
    expect(
      popular.body.data.find(
        (entry: { documentId: string }) => entry.documentId === published.documentId
      )
    ).toMatchObject({ views: 2 });

    const csv = await get(`/engagement/export/article/${published.documentId}?days=2`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const today = new Date().toISOString().slice(0, 10);
    expect(csv.text.trim().split('\n')).toEqual([
      'date,views,shares',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2},0,0$/),
      `${today},2,0`,
    ]);
  });
});

describe('privacy', () => {
  it('stores no raw IP or user agent in any table', async () => {
    const doc = await createArticle(app.strapi, 'Private');
    const ua = `Mozilla/5.0 (X11; Linux x86_64) ${UA_MARKER}`;
    await postView(app, doc.documentId, ua).set('X-Forwarded-For', RAW_IP);
    await app
      .http()
      .post(`/api/engagement/article/${doc.documentId}/share`)
      .set('User-Agent', ua)
      .set('X-Forwarded-For', RAW_IP)
      .send({ network: 'x' });
    await app
      .http()
      .get(`/api/engagement/share/x/article/${doc.documentId}`)
      .set('User-Agent', ua)
      .set('X-Forwarded-For', RAW_IP)
      .redirects(0);
    await flush(app.strapi);
    expect((await stats(app, doc.documentId)).views).toBe(1);

    const knex = app.strapi.db.connection;
    const client = app.strapi.db.dialect.client;
    const schema = app.strapi.db.getSchemaName?.();
    let tables: string[];
    if (client === 'sqlite')
      tables = (
        (await knex.raw(`select name from sqlite_master where type = 'table'`)) as Array<{
          name: string;
        }>
      ).map((row) => row.name);
    else if (client === 'postgres')
      tables = (
        (await knex.raw('select table_name from information_schema.tables where table_schema = ?', [
          schema ?? 'public',
        ])) as { rows: Array<{ table_name: string }> }
      ).rows.map((row) => row.table_name);
    else
      tables = (
        (await knex.raw(
          'select table_name as name from information_schema.tables where table_schema = database()'
        )) as [Array<{ name: string }>]
      )[0].map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(['engagement_totals', 'engagement_daily']));
    const hits: string[] = [];
    for (const table of tables) {
      const rows = (await app.strapi.db.getConnection(table).select('*')) as Array<
        Record<string, unknown>
      >;
      const text = JSON.stringify(rows);
      if (text.includes(RAW_IP) || text.includes(UA_MARKER)) hits.push(table);
    }
    expect(hits).toEqual([]);
  });
});
