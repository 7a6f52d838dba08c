import { adminAuth } from './helpers/admin-api';
import { api, errorPaths, paragraphs } from './helpers/content';
import { browserUA, ENGAGEMENT_TEST_ENV, flush, postView } from './helpers/engagement-fixtures';
import { type TestApp, useTestApp } from './helpers/strapi';

/**
 * Articles are localized: every content rule holds per locale, and every read endpoint answers in the
 * locale asked for (`?locale=`, the default locale when absent). Driven over REST (API token) and the
 * Content Manager's own routes (admin JWT), with a French locale added through the admin API.
 */
const ARTICLE = 'api::article.article';
const CM = `/content-manager/collection-types/${ARTICLE}`;

// an app of its own: popular lists are compared whole

const testApp = useTestApp(ENGAGEMENT_TEST_ENV);
let app: TestApp;
let client: ReturnType<typeof api>;
let auth: { Authorization: string };

/** A body of `words` words: 200 words make one minute of reading. */
const words = (count: number) => paragraphs('mot '.repeat(count).trim());

beforeAll(async () => {
  app = testApp();
  client = api(app);
  auth = await adminAuth(app);
  const res = await app
    .http()
    .post('/i18n/locales')
    .set(auth)
    .send({ code: 'fr', name: 'French (fr)', isDefault: false });
  expect(res.status).toBe(200);
});

const rows = (where: Record<string, unknown>) =>
  app.strapi.db.query(ARTICLE).findMany({ where, orderBy: { id: 'asc' } }) as Promise<
    Array<Record<string, any>>
  >;

/** Creates an English article (published) and returns its documentId. */
async function english(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await client.post('/api/articles', { data: { title, body: words(600), ...extra } });
  expect(res.status).toBe(201);
  return res.body.data.documentId;
}

describe('content rules per locale (REST)', () => {
  it('gives a French version its own slug and reading time, from its own title and body', async () => {
    const documentId = await english('Hello world');
    const fr = await client.put(`/api/articles/${documentId}?locale=fr`, {
      data: { title: 'Bonjour le monde' },
    });
    expect(fr.status).toBe(200);
    expect(fr.body.data).toMatchObject({
      locale: 'fr',
      slug: 'bonjour-le-monde',
      readingTimeMinutes: 0,
    });

    // an edit that omits the body keeps the French reading time, not the English one
    await client.put(`/api/articles/${documentId}?locale=fr`, { data: { body: words(200) } });
    const edit = await client.put(`/api/articles/${documentId}?locale=fr`, {
      data: { title: 'Bonjour le monde' },
    });
    expect(edit.body.data.readingTimeMinutes).toBe(1);

    // a cleared slug is generated again from the French title
    const cleared = await client.put(`/api/articles/${documentId}?locale=fr`, {
      data: { slug: '' },
    });
    expect(cleared.body.data.slug).toBe('bonjour-le-monde');

    const [en] = await rows({ documentId, locale: 'en', publishedAt: { $notNull: true } });
    expect(en).toMatchObject({ slug: 'hello-world', readingTimeMinutes: 3 });
  });

  it('keeps slugs unique within a locale only', async () => {
    await english('Same words');
    // a French-only article whose title slugifies like an English one gets the plain slug
    const frOnly = await client.post('/api/articles?locale=fr', { data: { title: 'Same words' } });
    expect(frOnly.status).toBe(201);
    expect(frOnly.body.data).toMatchObject({ locale: 'fr', slug: 'same-words' });

    // a slug only an English article uses may be given explicitly in French
    await english('English only slug');
    const explicit = await client.post('/api/articles?locale=fr', {
      data: { title: 'Autre titre', slug: 'english-only-slug' },
    });
    expect(explicit.status).toBe(201);
    expect(explicit.body.data.slug).toBe('english-only-slug');

    // within French it is taken
    const taken = await client.post('/api/articles?locale=fr', {
      data: { title: 'Encore', slug: 'same-words' },
    });
    expect(taken.status).toBe(400);
    expect(errorPaths(taken.body)).toEqual(['slug']);
    expect(taken.body.error.message).toMatch(/in locale "fr"/);
    const generated = await client.post('/api/articles?locale=fr', {
      data: { title: 'Same words' },
    });
    expect(generated.body.data.slug).toBe('same-words-2');
  });

  it('lets the slug follow the title until that locale is first published', async () => {
    const documentId = await english('Published in English');
    const draft = await client.put(`/api/articles/${documentId}?locale=fr&status=draft`, {
      data: { title: 'Brouillon' },
    });
    expect(draft.body.data.slug).toBe('brouillon');
    // the English version is published, the French one is not: the French slug still follows its title
    const renamed = await client.put(`/api/articles/${documentId}?locale=fr&status=draft`, {
      data: { title: 'Brouillon renommé' },
    });
    expect(renamed.body.data.slug).toBe('brouillon-renomme');

    const published = await client.put(`/api/articles/${documentId}?locale=fr`, {
      data: { title: 'Publié' },
    });
    expect(published.body.data.slug).toBe('publie');
    const after = await client.put(`/api/articles/${documentId}?locale=fr`, {
      data: { title: 'Publié puis renommé' },
    });
    expect(after.body.data.slug).toBe('publie');
  });
});

describe('content rules per locale (Content Manager)', () => {
  it('creates a localization with its own slug, excerpt and reading time', async () => {
    const documentId = await english('Managed story', {
      excerpt: 'An English excerpt written by hand.',
    });
    const res = await app
      .http()
      .put(`${CM}/${documentId}?locale=fr`)
      .set(auth)
      .send({ title: 'Histoire gérée', body: words(420) });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      locale: 'fr',
      slug: 'histoire-geree',
      readingTimeMinutes: 3,
    });
    expect(res.body.data.excerpt).toMatch(/^mot mot/);

    // a French title that slugifies like another French article's gets -2, whatever English uses
    const other = await app
      .http()
      .post(`${CM}?locale=fr`)
      .set(auth)
      .send({ title: 'Histoire gérée' });
    expect(other.status).toBe(201);
    expect(other.body.data.slug).toBe('histoire-geree-2');

    const publish = await app
      .http()
      .post(`${CM}/${documentId}/actions/publish?locale=fr`)
      .set(auth)
      .send({});
    expect(publish.status).toBe(200);
    const fr = await rows({ documentId, locale: 'fr', publishedAt: { $notNull: true } });
    expect(fr.map((row) => row.slug)).toEqual(['histoire-geree']);
    const en = await rows({ documentId, locale: 'en', publishedAt: { $notNull: true } });
    expect(en.map((row) => row.slug)).toEqual(['managed-story']);
  });
});

describe('roles on a fresh install', () => {
  it("lets Strapi's Editor role open and edit articles in the default locale", async () => {
    const editor = await adminAuth(app, 'strapi-editor');
    const documentId = await english('Edited by an editor');
    const read = await app.http().get(`${CM}/${documentId}`).set(editor);
    expect(read.status).toBe(200);
    expect(read.body.data.title).toBe('Edited by an editor');
    const update = await app
      .http()
      .put(`${CM}/${documentId}`)
      .set(editor)
      .send({ title: 'Edited by an editor, again' });
    expect(update.status).toBe(200);
  });
});

describe('publishing several locales at once (Content Manager bulk locale publish)', () => {
  it('fills in what each imported draft locale is missing, from that locale', async () => {
    const documentId = 'l10nbulkimported000000001';
    // drafts written around the Document Service, as an import leaves them
    await app.strapi.db.query(ARTICLE).create({
      data: {
        documentId,
        locale: 'en',
        publishedAt: null,
        title: 'Imported story',
        body: words(200),
      },
    });
    await app.strapi.db.query(ARTICLE).create({
      data: {
        documentId,
        locale: 'fr',
        publishedAt: null,
        title: 'Histoire importée',
        body: words(600),
      },
    });
    const res = await app
      .http()
      .post(`${CM}/actions/bulkPublish`)
      .set(auth)
      .send({ documentIds: [documentId], locale: ['en', 'fr'] });
    expect(res.status).toBe(200);
    const published = await rows({ documentId, publishedAt: { $notNull: true } });
    expect(
      published
        .map(({ locale, slug, readingTimeMinutes }) => ({ locale, slug, readingTimeMinutes }))
        .sort((a, b) => a.locale.localeCompare(b.locale))
    ).toEqual([
      { locale: 'en', slug: 'imported-story', readingTimeMinutes: 1 },
      { locale: 'fr', slug: 'histoire-importee', readingTimeMinutes: 3 },
    ]);
  });
});

describe('read endpoints take a locale', () => {
  let documentId: string;
  let frOnly: string;
  beforeAll(async () => {
    const tag = await client.post('/api/tags', { data: { name: 'Langues' } });
    const tagId = tag.body.data.documentId;
    documentId = await english('Two languages', { tags: [tagId] });
    await client.put(`/api/articles/${documentId}?locale=fr`, {
      data: { title: 'Deux langues', tags: [tagId] },
    });
    frOnly = (
      await client.post('/api/articles?locale=fr', {
        data: { title: 'Seulement en français', tags: [tagId] },
      })
    ).body.data.documentId;
  });

  it('finds by slug in the locale asked for and lists the other localizations', async () => {
    const fr = await app.http().get('/api/articles/by-slug/deux-langues?locale=fr');
    expect(fr.status).toBe(200);
    expect(fr.body.data).toMatchObject({ documentId, locale: 'fr', title: 'Deux langues' });
    expect(fr.body.meta).toEqual({
      locale: 'fr',
      localizations: [{ locale: 'en', slug: 'two-languages' }],
    });

    const en = await app.http().get('/api/articles/by-slug/two-languages');
    expect(en.status).toBe(200);
    expect(en.body.data.locale).toBe('en');
    expect(en.body.meta.localizations).toEqual([{ locale: 'fr', slug: 'deux-langues' }]);
  });

  it('answers 404 naming where a slug of another locale lives, and 400 for an unknown locale', async () => {
    const wrongLocale = await app.http().get('/api/articles/by-slug/deux-langues');
    expect(wrongLocale.status).toBe(404);
    expect(wrongLocale.body.error.message).toMatch(/"en" version has the slug "two-languages"/);
    expect(wrongLocale.body.error.details.localizations).toEqual([
      { locale: 'en', slug: 'two-languages' },
      { locale: 'fr', slug: 'deux-langues' },
    ]);
    const frenchOnly = await app.http().get('/api/articles/by-slug/seulement-en-francais');
    expect(frenchOnly.status).toBe(404);
    expect(frenchOnly.body.error.message).toMatch(/exists in "fr"/);

    const unknown = await app.http().get('/api/articles/by-slug/deux-langues?locale=xx');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Unknown locale "xx"/);
  });

  it("lists a tag's articles and counts them per locale", async () => {
    const fr = await app.http().get('/api/tags/by-slug/langues/articles?locale=fr');
    expect(fr.status).toBe(200);
    expect(fr.body.data.map((a: { title: string }) => a.title).sort()).toEqual([
      'Deux langues',
      'Seulement en français',
    ]);
    const en = await app.http().get('/api/tags/by-slug/langues/articles');
    expect(en.body.data.map((a: { title: string }) => a.title)).toEqual(['Two languages']);

    const countFr = await app.http().get('/api/tags?filters[slug][$eq]=langues&locale=fr');
    expect(countFr.status).toBe(200);
    expect(countFr.body.data[0].articleCount).toBe(2);
    const countEn = await app.http().get('/api/tags?filters[slug][$eq]=langues');
    expect(countEn.body.data[0].articleCount).toBe(1);
    expect((await app.http().get('/api/tags?locale=xx')).status).toBe(400);
    expect((await app.http().get('/api/tags/by-slug/langues/articles?locale=xx')).status).toBe(400);
  });

  it('deletes only in the locale asked for, never a silent 204', async () => {
    const missing = await client.del(`/api/articles/${frOnly}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/no "en" version; it exists in "fr"/);
    expect(await rows({ documentId: frOnly })).not.toHaveLength(0);

    const deleted = await client.del(`/api/articles/${frOnly}?locale=fr`);
    expect(deleted.status).toBe(204);
    expect(await rows({ documentId: frOnly })).toHaveLength(0);

    expect((await client.del(`/api/articles/${documentId}?locale=xx`)).status).toBe(400);
    const fr = await client.del(`/api/articles/${documentId}?locale=fr`);
    expect(fr.status).toBe(204);
    expect((await rows({ documentId })).map((row) => row.locale)).toEqual(['en', 'en']);
  });
});

describe('engagement per locale', () => {
  const ids: Record<'both' | 'frOnly' | 'enOnly', string> = { both: '', frOnly: '', enOnly: '' };
  const views = async (documentId: string, count: number) => {
    for (let i = 0; i < count; i += 1)
      expect((await postView(app, documentId, browserUA())).body.data.counted).toBe(true);
  };
  beforeAll(async () => {
    ids.both = await english('Read everywhere');
    await client.put(`/api/articles/${ids.both}?locale=fr`, { data: { title: 'Lu partout' } });
    ids.frOnly = (
      await client.post('/api/articles?locale=fr', { data: { title: 'Lu en France' } })
    ).body.data.documentId;
    ids.enOnly = await english('Read in England');
    await views(ids.both, 3);
    await views(ids.frOnly, 1);
    await views(ids.enOnly, 5);
    await flush(app.strapi);
    // one more view of the French-only article, still in the buffer
    await views(ids.frOnly, 1);
  });

  const ranking = async (query: string) => {
    const res = await app.http().get(`/api/engagement/article/popular${query}`);
    expect(res.status).toBe(200);
    return (res.body.data as Array<{ title: string; slug: string; views: number }>).map((entry) => [
      entry.title,
      entry.slug,
      entry.views,
    ]);
  };

  it("ranks the documents of the locale asked for, with that locale's titles and slugs and counts across locales", async () => {
    expect(await ranking('?locale=fr')).toEqual([
      ['Lu partout', 'lu-partout', 3],
      ['Lu en France', 'lu-en-france', 2],
    ]);
    expect(await ranking('')).toEqual([
      ['Read in England', 'read-in-england', 5],
      ['Read everywhere', 'read-everywhere', 3],
    ]);
    // the top document overall exists only in English: the French list still has one entry
    expect(await ranking('?locale=fr&limit=1')).toEqual([['Lu partout', 'lu-partout', 3]]);
    const unknown = await app.http().get('/api/engagement/article/popular?locale=xx');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Unknown locale "xx"/);
  });

  it('gives one count per document whatever the locale, and stats in the locale asked for', async () => {
    const fr = await app.http().get(`/api/engagement/article/${ids.both}?locale=fr`);
    const en = await app.http().get(`/api/engagement/article/${ids.both}`);
    expect([fr.status, en.status]).toEqual([200, 200]);
    expect(fr.body.data.views).toBe(3);
    expect(en.body.data).toEqual(fr.body.data);

    expect(
      (await app.http().get(`/api/engagement/article/${ids.frOnly}?locale=fr`)).body.data.views
    ).toBe(2);
    const missing = await app.http().get(`/api/engagement/article/${ids.frOnly}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/locale "en"/);
    expect((await app.http().get(`/api/engagement/article/${ids.both}?locale=xx`)).status).toBe(
      400
    );
  });

  it('shows the same counts on every locale of the document in the admin panel route', async () => {
    const res = await app.http().get(`/engagement/stats/article/${ids.frOnly}`).set(auth);
    expect(res.status).toBe(200);
    expect(res.body.data.views).toBe(2);
  });
});
