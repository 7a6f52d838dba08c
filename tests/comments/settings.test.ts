import { randomUUID } from 'node:crypto';
import { adminAuth } from '../helpers/admin-api';
import { documentsOf } from '../helpers/content';
import { COMMENTS, guest, postComment, useCommentSettings } from '../helpers/comments';
import { type TestApp, useSharedApp } from '../helpers/strapi';

/**
 * What admins set at run time and what readers then meet: a document opened, pre-moderated or closed in
 * its edit view, pre-moderation by tag, word lists per locale edited in the settings page, the edit
 * view's counts and the queue counts, with the configure and moderate permissions kept apart.
 */
const testApp = useSharedApp();
let app: TestApp;
let superAdmin: { Authorization: string };
let moderatorOnly: { Authorization: string };
let editor: { Authorization: string };

const ARTICLE = 'api::article.article';

beforeAll(async () => {
  app = testApp();
  superAdmin = await adminAuth(app);
  editor = await adminAuth(app, 'strapi-editor');
  const roles = app.strapi.service('admin::role');
  const role = await roles.create({
    name: `Comment moderators ${randomUUID().slice(0, 8)}`,
    description: 'moderate comments, not configure them',
  });
  await roles.assignPermissions(role.id, [
    {
      action: 'plugin::reader-comments.moderate',
      subject: null,
      properties: {},
      conditions: [],
    },
  ]);
  moderatorOnly = await adminAuth(app, role.code);
});

const withSetting = useCommentSettings(testApp);

const unique = () => randomUUID().slice(0, 8);
const publishedArticle = async (data: Record<string, unknown> = {}) =>
  (
    await documentsOf(app, ARTICLE).create({
      status: 'published',
      data: { title: `Settings ${unique()}`, ...data },
    })
  ).documentId as string;
const thread = (documentId: string) => app.http().get(`${COMMENTS}/article/${documentId}`);
const documentPath = (documentId: string) =>
  `/reader-comments/documents/${encodeURIComponent(ARTICLE)}/${documentId}`;
const setMode = (documentId: string, mode: string, auth = superAdmin) =>
  app.http().put(documentPath(documentId)).set(auth).send({ mode });
const admin = {
  get: (path: string, auth = superAdmin) => app.http().get(`/reader-comments${path}`).set(auth),
  put: (path: string, body: object, auth = superAdmin) =>
    app.http().put(`/reader-comments${path}`).set(auth).send(body),
  post: (path: string, body: object, auth = superAdmin) =>
    app.http().post(`/reader-comments${path}`).set(auth).send(body),
};

describe('a document closed, pre-moderated or open', () => {
  it('closes one document: its thread says so and a post is refused with 403; reopening takes comments again', async () => {
    const documentId = await publishedArticle();
    const other = await publishedArticle();
    const closed = await setMode(documentId, 'closed');
    expect([closed.status, closed.body.data.mode]).toEqual([200, 'closed']);

    expect((await thread(documentId)).body.meta.closed).toBe(true);
    expect((await thread(other)).body.meta.closed).toBe(false);
    const refused = await postComment(app, documentId, { text: 'Too late?', author: guest() });
    expect([refused.status, refused.body.error.message]).toEqual([
      403,
      'Comments are closed on this document',
    ]);
    expect(
      (await postComment(app, other, { text: 'Still open here', author: guest() })).status
    ).toBe(201);

    expect((await setMode(documentId, 'open')).status).toBe(200);
    expect((await thread(documentId)).body.meta.closed).toBe(false);
    const posted = await postComment(app, documentId, { text: 'Open again', author: guest() });
    expect([posted.status, posted.body.meta.status]).toEqual([201, 'approved']);
  });

  it('holds every comment on a pre-moderated document, naming why in the queue', async () => {
    const documentId = await publishedArticle();
    expect((await setMode(documentId, 'pre-moderated')).status).toBe(200);
    const posted = await postComment(app, documentId, { text: 'Held for sure', author: guest() });
    expect(posted.body.meta).toMatchObject({ status: 'pending', heldBy: 'pre-moderation' });
    expect((await thread(documentId)).body.meta).toMatchObject({ count: 0, closed: false });
    const queue = await admin.get(
      `/queue?queue=pending&uid=${encodeURIComponent(ARTICLE)}&documentId=${documentId}`
    );
    expect(queue.body.data).toEqual([
      expect.objectContaining({
        id: posted.body.data.id,
        heldBy: 'pre-moderation',
        heldDetail: 'this document is pre-moderated',
      }),
    ]);
  });

  it('still reads a thread in at most three SQL statements with a setting stored', async () => {
    const documentId = await publishedArticle();
    for (let i = 0; i < 3; i += 1)
      await postComment(app, documentId, { text: `Before closing ${i}`, author: guest() });
    await setMode(documentId, 'closed');
    const statements: string[] = [];
    const count = (query: { sql: string }) => {
      if (!/\bup_(permissions|roles)\b/.test(query.sql)) statements.push(query.sql);
    };
    app.strapi.db.connection.on('query', count);
    try {
      const res = await thread(documentId);
      expect([res.body.meta.count, res.body.meta.closed]).toEqual([3, true]);
    } finally {
      app.strapi.db.connection.off('query', count);
    }
    expect(statements.length).toBeLessThanOrEqual(3);
  });

  it('refuses a bad mode (400), an unknown type or document (404), and changes by admins without configure (403)', async () => {
    const documentId = await publishedArticle();
    const bad = await setMode(documentId, 'half-open');
    expect([bad.status, bad.body.error.message]).toEqual([
      400,
      '"mode" must be one of open, pre-moderated, closed',
    ]);
    expect((await setMode('nosuchdocument000000000', 'closed')).status).toBe(404);
    const otherType = await app
      .http()
      .get(`/reader-comments/documents/${encodeURIComponent('api::tag.tag')}/${documentId}`)
      .set(superAdmin);
    expect(otherType.status).toBe(404);
    expect((await setMode(documentId, 'closed', moderatorOnly)).status).toBe(403);
    expect((await setMode(documentId, 'closed', editor)).status).toBe(403);
    expect((await app.http().get(documentPath(documentId)).set(editor)).status).toBe(403);
    expect((await thread(documentId)).body.meta.closed).toBe(false);
  });

  it('counts closeAfterDays from the first publication: republishing does not reopen', async () => {
    withSetting('closeAfterDays', 2);
    const documentId = await publishedArticle();
    expect(
      (await postComment(app, documentId, { text: 'Fresh article', author: guest() })).status
    ).toBe(201);
    // First published five days ago, then republished today with a correction.
    // Written as the database keeps datetimes (SQLite: milliseconds), around the Document Service,
    // which never lets a caller set firstPublishedAt.
    const fiveDaysAgo = new Date(Date.now() - 5 * 86_400_000);
    const articles = () => app.strapi.db.connection('articles').where('document_id', documentId);
    const [{ published_at: raw }] = await articles()
      .select('published_at')
      .whereNotNull('published_at');
    await articles().update({
      first_published_at: typeof raw === 'number' ? fiveDaysAgo.getTime() : fiveDaysAgo,
    });
    await documentsOf(app, ARTICLE).update({ documentId, data: { excerpt: 'Corrected.' } });
    await documentsOf(app, ARTICLE).publish({ documentId });
    const published = await documentsOf(app, ARTICLE).findOne({ documentId, status: 'published' });
    expect(new Date(published?.publishedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const refused = await postComment(app, documentId, { text: 'Republished?', author: guest() });
    expect([refused.status, refused.body.error.message]).toEqual([
      403,
      'Comments are closed on this document (2 days after it was first published)',
    ]);
    expect((await thread(documentId)).body.meta.closed).toBe(true);
  });
});

describe('closing a type without firstPublishedAt or locales', () => {
  it("counts closeAfterDays from its earliest published row's creation", async () => {
    // Tags take comments here only for this test: a type without draft & publish or i18n, as in other apps.
    withSetting('contentTypes', [ARTICLE, 'api::tag.tag']);
    withSetting('closeAfterDays', 2);
    const tags = documentsOf(app, 'api::tag.tag');
    const old = await tags.create({ data: { name: `Old tag ${unique()}` } });
    const fresh = await tags.create({ data: { name: `New tag ${unique()}` } });
    const rows = () => app.strapi.db.connection('tags').where('document_id', old.documentId);
    const [{ created_at: raw }] = await rows().select('created_at');
    const fiveDaysAgo = new Date(Date.now() - 5 * 86_400_000);
    await rows().update({
      created_at: typeof raw === 'number' ? fiveDaysAgo.getTime() : fiveDaysAgo,
    });
    const closed = (documentId: string) =>
      app
        .http()
        .get(`${COMMENTS}/tag/${documentId}`)
        .then((res) => [res.status, res.body.meta?.closed]);
    expect(await closed(old.documentId)).toEqual([200, true]);
    expect(await closed(fresh.documentId)).toEqual([200, false]);
  });
});

describe('pre-moderation by tag', () => {
  afterAll(async () => {
    await admin.put('/settings/pre-moderation', { rules: [] });
  });

  it('holds comments on articles with a pre-moderated tag, naming the tag; other articles publish at once', async () => {
    const sensitive = await documentsOf(app, 'api::tag.tag').create({
      data: { name: `Elections ${unique()}` },
    });
    const harmless = await documentsOf(app, 'api::tag.tag').create({
      data: { name: `Gardening ${unique()}` },
    });
    const fields = await admin.get('/settings/pre-moderation');
    expect(fields.body.data.fields).toContainEqual({
      contentType: ARTICLE,
      field: 'tags',
      target: 'api::tag.tag',
    });
    const options = await admin.get(
      `/settings/related?target=${encodeURIComponent('api::tag.tag')}`
    );
    expect(options.body.data).toContainEqual({
      documentId: sensitive.documentId,
      label: sensitive.name,
    });
    const saved = await admin.put('/settings/pre-moderation', {
      rules: [
        {
          contentType: ARTICLE,
          field: 'tags',
          target: 'api::tag.tag',
          documentIds: [sensitive.documentId],
        },
      ],
    });
    expect(saved.status).toBe(200);

    const tagged = await publishedArticle({ tags: [sensitive.documentId, harmless.documentId] });
    const untagged = await publishedArticle({ tags: [harmless.documentId] });
    const held = await postComment(app, tagged, { text: 'On a touchy subject', author: guest() });
    expect(held.body.meta).toMatchObject({ status: 'pending', heldBy: 'pre-moderation' });
    const row = await app.strapi.db
      .query('plugin::reader-comments.comment')
      .findOne({ where: { id: held.body.data.id } });
    expect(row.heldDetail).toBe(`pre-moderated tags: ${sensitive.documentId}`);
    const published = await postComment(app, untagged, { text: 'On roses', author: guest() });
    expect(published.body.meta.status).toBe('approved');
  });

  it('refuses rules that do not fit the schema with a 400 naming the problem, and admins without configure', async () => {
    const put = (rules: unknown, auth = superAdmin) =>
      admin.put('/settings/pre-moderation', { rules }, auth);
    const rule = {
      contentType: ARTICLE,
      field: 'tags',
      target: 'api::tag.tag',
      documentIds: ['x'],
    };
    const cases: Array<[unknown, string]> = [
      [{}, 'The rules must be a list of { contentType, field, target, documentIds }'],
      [[{ ...rule, field: 'title' }], `Rule 1: ${ARTICLE} has no relation "title" to api::tag.tag`],
      [
        [{ ...rule, contentType: 'api::tag.tag' }],
        'Rule 1: api::tag.tag does not take comments (contentTypes)',
      ],
      [
        [{ ...rule, documentIds: ['nosuchtag0000'] }],
        'Rule 1: no api::tag.tag document nosuchtag0000',
      ],
    ];
    for (const [rules, message] of cases) {
      const res = await put(rules);
      expect([res.status, res.body.error.message]).toEqual([400, message]);
    }
    expect((await put([], moderatorOnly)).status).toBe(403);
    expect((await admin.get('/settings/pre-moderation', moderatorOnly)).status).toBe(403);
  });
});

describe('word lists edited in the admin', () => {
  afterAll(async () => {
    await admin.put('/settings/words', { words: null });
  });

  it('starts from the config, then screens with the saved lists at once', async () => {
    const initial = await admin.get('/settings/words');
    expect(initial.status).toBe(200);
    expect(initial.body.data.source).toBe('config');

    const banned = `zorblax${unique()}`;
    const suspect = `quibbit${unique()}`;
    const saved = await admin.put('/settings/words', {
      words: {
        '*': { banned: [` ${banned} `], suspect: [] },
        en: { banned: [], suspect: [suspect] },
      },
    });
    expect([saved.status, saved.body.data]).toEqual([
      200,
      {
        source: 'admin',
        words: { '*': { banned: [banned], suspect: [] }, en: { banned: [], suspect: [suspect] } },
      },
    ]);

    const documentId = await publishedArticle();
    const refused = await postComment(app, documentId, {
      text: `You ${banned.toUpperCase()}!`,
      author: guest(),
    });
    expect([refused.status, refused.body.error.message]).toEqual([
      400,
      'the comment contains words this site does not publish',
    ]);
    const held = await postComment(app, documentId, {
      text: `A ${suspect} offer`,
      author: guest(),
    });
    expect(held.body.meta).toMatchObject({ status: 'pending', heldBy: 'suspect-words' });

    const reset = await admin.put('/settings/words', { words: null });
    expect(reset.body.data.source).toBe('config');
    const after = await postComment(app, documentId, { text: `You ${banned}`, author: guest() });
    expect(after.body.meta.status).toBe('approved');
  });

  it('answers 400 with what is wrong, and 403 without the configure permission', async () => {
    const put = (words: unknown, auth = superAdmin) =>
      admin.put('/settings/words', { words }, auth);
    const cases: Array<[unknown, string]> = [
      [['spam'], 'The word lists must be an object: { "<locale or *>": { banned, suspect } }'],
      [{ 'en gb': { banned: [] } }, '"en gb" is not a locale code (or "*" for every locale)'],
      [
        { en: { banned: ['x'.repeat(101)] } },
        'en.banned: "xxxxxxxxxxxxxxxxxxxx…" is longer than 100 characters',
      ],
      [
        { en: { suspect: Array.from({ length: 1001 }, (_, i) => `w${i}`) } },
        'en.suspect has 1001 entries (at most 1000)',
      ],
    ];
    for (const [words, message] of cases) {
      const res = await put(words);
      expect([res.status, res.body.error.message]).toEqual([400, message]);
    }
    expect((await put({}, moderatorOnly)).status).toBe(403);
    expect((await put({}, editor)).status).toBe(403);
    expect((await admin.get('/settings/words')).body.data.source).toBe('config');
  });
});

describe('counts for the edit view and the queue tabs', () => {
  it("shows a document's approved, pending, reported and spam comments, and the queues' counts in one query", async () => {
    withSetting('moderation.hideAfterReports', 0);
    const documentId = await publishedArticle();
    const ids: number[] = [];
    for (let i = 0; i < 4; i += 1)
      ids.push(
        (await postComment(app, documentId, { text: `Counted ${i}`, author: guest() })).body.data.id
      );
    await admin.post('/moderate', { ids: [ids[0]], action: 'spam' });
    await setMode(documentId, 'pre-moderated');
    await postComment(app, documentId, { text: 'Waiting', author: guest() });
    expect(
      (await app.http().post(`${COMMENTS}/comments/${ids[1]}/report`).send({ reason: 'rude' }))
        .status
    ).toBe(201);

    const summary = await app.http().get(documentPath(documentId)).set(moderatorOnly);
    expect([summary.status, summary.body.data]).toEqual([
      200,
      {
        uid: ARTICLE,
        documentId,
        mode: 'pre-moderated',
        counts: { approved: 3, pending: 1, reported: 1, spam: 1 },
      },
    ]);
    const filtered = await admin.get(
      `/queue?queue=all&uid=${encodeURIComponent(ARTICLE)}&documentId=${documentId}`,
      moderatorOnly
    );
    expect(filtered.body.meta.total).toBe(5);

    const statements: string[] = [];
    const count = (query: { sql: string }) => {
      if (/reader_comments\b/.test(query.sql)) statements.push(query.sql);
    };
    app.strapi.db.connection.on('query', count);
    let counts: Record<string, number>;
    try {
      const res = await admin.get('/queue-counts', moderatorOnly);
      expect(res.status).toBe(200);
      counts = res.body.data;
    } finally {
      app.strapi.db.connection.off('query', count);
    }
    expect(statements).toHaveLength(1);
    for (const queue of ['pending', 'reported', 'spam'] as const) {
      const page = await admin.get(`/queue?queue=${queue}&pageSize=1`);
      expect([queue, counts[queue]]).toEqual([queue, page.body.meta.total]);
    }
    expect((await admin.get('/queue-counts', editor)).status).toBe(403);
  });

  it('leaves data requests (export, erasure) to admins who may configure', async () => {
    const email = guest().email;
    const query = `/personal-data?email=${encodeURIComponent(email)}`;
    expect((await admin.get(query, moderatorOnly)).status).toBe(403);
    expect((await app.http().delete(`/reader-comments${query}`).set(moderatorOnly)).status).toBe(
      403
    );
    expect((await admin.get(query)).body.data.comments).toEqual([]);
  });
});
