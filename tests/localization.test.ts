import { randomBytes } from 'node:crypto';
import { adminAuth } from './helpers/admin-api';
import { api, errorPaths, paragraphs } from './helpers/content';
import { browserUA, flush, postView } from './helpers/engagement-fixtures';
import { type TestApp, useSharedApp } from './helpers/strapi';

/**
 * Articles are localized: every content rule holds per locale, and every read endpoint answers in the
 * locale asked for (`?locale=`, the default locale when absent). Driven over REST (API token) and the
 * Content Manager's own routes (admin JWT), with a French locale added through the admin API (unless
 * another file on the shared app added it first). Every title and tag name carries the file's key K
 * (slugs follow titles); popular rankings are checked by the order and figures of this file's documents
 * within them.
 */
const ARTICLE = 'api::article.article';
const CM = `/content-manager/collection-types/${ARTICLE}`;

const testApp = useSharedApp();
/** This file's key: in every title and tag name it makes. */
const K = randomBytes(3).toString('hex');
let app: TestApp;
let client: ReturnType<typeof api>;
let auth: { Authorization: string };

/** A body of `words` words: 200 words make one minute of reading. */
const words = (count: number) => paragraphs('mot '.repeat(count).trim());

beforeAll(async () => {
  app = testApp();
  client = api(app);
  auth = await adminAuth(app);
  // the shared app may have it already: another file added it
  const locales = await app.http().get('/i18n/locales').set(auth);
  expect(locales.status).toBe(200);
  if (!(locales.body as Array<{ code: string }>).some((locale) => locale.code === 'fr')) {
    const res = await app
      .http()
      .post('/i18n/locales')
      .set(auth)
      .send({ code: 'fr', name: 'French (fr)', isDefault: false });
    expect(res.status).toBe(200);
  }
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
    const documentId = await english(`Hello world ${K}`);
    const fr = await client.put(`/api/articles/${documentId}?locale=fr`, {
      data: { title: `Bonjour le monde ${K}` },
    });
    expect(fr.status).toBe(200);
    expect(fr.body.data).toMatchObject({
      locale: 'fr',
      slug: `bonjour-le-monde-${K}`,
      readingTimeMinutes: 0,
    });

    // an edit that omits the body keeps the French reading time, not the English one
    await client.put(`/api/articles/${documentId}?locale=fr`, { data: { body: words(200) } });
    const edit = await client.put(`/api/articles/${documentId}?locale=fr`, {
      data: { title: `Bonjour le monde ${K}` },
    });
    expect(edit.body.data.readingTimeMinutes).toBe(1);

    // a cleared slug is generated again from the French title
    const cleared = await client.put(`/api/articles/${documentId}?locale=fr`, {
      data: { slug: '' },
    });
    expect(cleared.body.data.slug).toBe(`bonjour-le-monde-${K}`);

    const [en] = await rows({ documentId, locale: 'en', publishedAt: { $notNull: true } });
    expect(en).toMatchObject({ slug: `hello-world-${K}`, readingTimeMinutes: 3 });
  });

  it('keeps slugs unique within a locale only', async () => {
    await english(`Same words ${K}`);
    // a French-only article whose title slugifies like an English one gets the plain slug
    const frOnly = await client.post('/api/articles?locale=fr', {
      data: { title: `Same words ${K}` },
    });
    expect(frOnly.status).toBe(201);
    expect(frOnly.body.data).toMatchObject({ locale: 'fr', slug: `same-words-${K}` });

    // a slug only an English article uses may be given explicitly in French
    await english(`English only slug ${K}`);
    const explicit = await client.post('/api/articles?locale=fr', {
      data: { title: `Autre titre ${K}`, slug: `english-only-slug-${K}` },
    });
    expect(explicit.status).toBe(201);
    expect(explicit.body.data.slug).toBe(`english-only-slug-${K}`);

    // within French it is taken
    const taken = await client.post('/api/articles?locale=fr', {
      data: { title: `Encore ${K}`, slug: `same-words-${K}` },
    });
    expect(taken.status).toBe(400);
    expect(errorPaths(taken.body)).toEqual(['slug']);
    expect(taken.body.error.message).toMatch(/in locale "fr"/);
    const generated = await client.post('/api/articles?locale=fr', {
      data: { title: `Same words ${K}` },
    });
    expect(generated.body.data.slug).toBe(`same-words-${K}-2`);
  });

  it('lets the slug follow the title until that locale is first published', async () => {
    const documentId = await english(`Published in English ${K}`);
    const draft = await client.put(`/api/articles/${documentId}?locale=fr&status=draft`, {
      data: { title: `Brouillon ${K}` },
    });
    expect(draft.body.data.slug).toBe(`brouillon-${K}`);
    // the English version is published, the French one is not: the French slug still follows its title
    const renamed = await client.put(`/api/articles/${documentId}?locale=fr&status=draft`, {
      data: { title: `Brouillon renommé ${K}` },
    });
    expect(renamed.body.data.slug).toBe(`brouillon-renomme-${K}`);

    const published = await client.put(`/api/articles/${documentId}?locale=fr`, {
      data: { title: `Publié ${K}` },
    });
    expect(published.body.data.slug).toBe(`publie-${K}`);
    const after = await client.put(`/api/articles/${documentId}?locale=fr`, {
      data: { title: `Publié puis renommé ${K}` },
    });
    expect(after.body.data.slug).toBe(`publie-${K}`);
  });
});

describe('content rules per locale (Content Manager)', () => {
  it('creates a localization with its own slug, excerpt and reading time', async () => {
    const documentId = await english(`Managed story ${K}`, {
      excerpt: 'An English excerpt written by hand.',
    });
    const res = await app
      .http()
      .put(`${CM}/${documentId}?locale=fr`)
      .set(auth)
      .send({ title: `Histoire gérée ${K}`, body: words(420) });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      locale: 'fr',
      slug: `histoire-geree-${K}`,
      readingTimeMinutes: 3,
    });
    expect(res.body.data.excerpt).toMatch(/^mot mot/);

    // a French title that slugifies like another French article's gets -2, whatever English uses
    const other = await app
      .http()
      .post(`${CM}?locale=fr`)
      .set(auth)
      .send({ title: `Histoire gérée ${K}` });
    expect(other.status).toBe(201);
    expect(other.body.data.slug).toBe(`histoire-geree-${K}-2`);

    const publish = await app
      .http()
      .post(`${CM}/${documentId}/actions/publish?locale=fr`)
      .set(auth)
      .send({});
    expect(publish.status).toBe(200);
    const fr = await rows({ documentId, locale: 'fr', publishedAt: { $notNull: true } });
    expect(fr.map((row) => row.slug)).toEqual([`histoire-geree-${K}`]);
    const en = await rows({ documentId, locale: 'en', publishedAt: { $notNull: true } });
    expect(en.map((row) => row.slug)).toEqual([`managed-story-${K}`]);
  });
});

describe('roles on a fresh install', () => {
  it("lets Strapi's Editor role open and edit articles in the default locale", async () => {
    const editor = await adminAuth(app, 'strapi-editor');
    const documentId = await english(`Edited by an editor ${K}`);
    const read = await app.http().get(`${CM}/${documentId}`).set(editor);
    expect(read.status).toBe(200);
    expect(read.body.data.title).toBe(`Edited by an editor ${K}`);
    const update = await app
      .http()
      .put(`${CM}/${documentId}`)
      .set(editor)
      .send({ title: `Edited by an editor, again ${K}` });
    expect(update.status).toBe(200);
  });
});

describe('publishing several locales at once (Content Manager bulk locale publish)', () => {
  it('fills in what each imported draft locale is missing, from that locale', async () => {
    const documentId = `l10nbulk${K}${randomBytes(6).toString('hex')}`.slice(0, 25);
    // drafts written around the Document Service, as an import leaves them
    await app.strapi.db.query(ARTICLE).create({
      data: {
        documentId,
        locale: 'en',
        publishedAt: null,
        title: `Imported story ${K}`,
        body: words(200),
      },
    });
    await app.strapi.db.query(ARTICLE).create({
      data: {
        documentId,
        locale: 'fr',
        publishedAt: null,
        title: `Histoire importée ${K}`,
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
      { locale: 'en', slug: `imported-story-${K}`, readingTimeMinutes: 1 },
      { locale: 'fr', slug: `histoire-importee-${K}`, readingTimeMinutes: 3 },
    ]);
  });
});

describe('read endpoints take a locale', () => {
  let documentId: string;
  let frOnly: string;
  beforeAll(async () => {
    const tag = await client.post('/api/tags', { data: { name: `Langues ${K}` } });
    const tagId = tag.body.data.documentId;
    documentId = await english(`Two languages ${K}`, { tags: [tagId] });
    await client.put(`/api/articles/${documentId}?locale=fr`, {
      data: { title: `Deux langues ${K}`, tags: [tagId] },
    });
    frOnly = (
      await client.post('/api/articles?locale=fr', {
        data: { title: `Seulement en français ${K}`, tags: [tagId] },
      })
    ).body.data.documentId;
  });

  it('finds by slug in the locale asked for and lists the other localizations', async () => {
    const fr = await app.http().get(`/api/articles/by-slug/deux-langues-${K}?locale=fr`);
    expect(fr.status).toBe(200);
    expect(fr.body.data).toMatchObject({ documentId, locale: 'fr', title: `Deux langues ${K}` });
    expect(fr.body.meta).toEqual({
      locale: 'fr',
      localizations: [{ locale: 'en', slug: `two-languages-${K}` }],
    });

    const en = await app.http().get(`/api/articles/by-slug/two-languages-${K}`);
    expect(en.status).toBe(200);
    expect(en.body.data.locale).toBe('en');
    expect(en.body.meta.localizations).toEqual([{ locale: 'fr', slug: `deux-langues-${K}` }]);
  });

  it('answers 404 naming where a slug of another locale lives, and 400 for an unknown locale', async () => {
    const wrongLocale = await app.http().get(`/api/articles/by-slug/deux-langues-${K}`);
    expect(wrongLocale.status).toBe(404);
    expect(wrongLocale.body.error.message).toContain(
      `"en" version has the slug "two-languages-${K}"`
    );
    expect(wrongLocale.body.error.details.localizations).toEqual([
      { locale: 'en', slug: `two-languages-${K}` },
      { locale: 'fr', slug: `deux-langues-${K}` },
    ]);
    const frenchOnly = await app.http().get(`/api/articles/by-slug/seulement-en-francais-${K}`);
    expect(frenchOnly.status).toBe(404);
    expect(frenchOnly.body.error.message).toMatch(/exists in "fr"/);

    const unknown = await app.http().get(`/api/articles/by-slug/deux-langues-${K}?locale=xx`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Unknown locale "xx"/);
  });

  it("lists a tag's articles and counts them per locale", async () => {
    const fr = await app.http().get(`/api/tags/by-slug/langues-${K}/articles?locale=fr`);
    expect(fr.status).toBe(200);
    expect(fr.body.data.map((a: { title: string }) => a.title).sort()).toEqual([
      `Deux langues ${K}`,
      `Seulement en français ${K}`,
    ]);
    const en = await app.http().get(`/api/tags/by-slug/langues-${K}/articles`);
    expect(en.body.data.map((a: { title: string }) => a.title)).toEqual([`Two languages ${K}`]);

    const countFr = await app.http().get(`/api/tags?filters[slug][$eq]=langues-${K}&locale=fr`);
    expect(countFr.status).toBe(200);
    expect(countFr.body.data[0].articleCount).toBe(2);
    const countEn = await app.http().get(`/api/tags?filters[slug][$eq]=langues-${K}`);
    expect(countEn.body.data[0].articleCount).toBe(1);
    expect((await app.http().get('/api/tags?locale=xx')).status).toBe(400);
    expect((await app.http().get(`/api/tags/by-slug/langues-${K}/articles?locale=xx`)).status).toBe(
      400
    );
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
    ids.both = await english(`Read everywhere ${K}`);
    await client.put(`/api/articles/${ids.both}?locale=fr`, {
      data: { title: `Lu partout ${K}` },
    });
    ids.frOnly = (
      await client.post('/api/articles?locale=fr', { data: { title: `Lu en France ${K}` } })
    ).body.data.documentId;
    ids.enOnly = await english(`Read in England ${K}`);
    await views(ids.both, 3);
    await views(ids.frOnly, 1);
    await views(ids.enOnly, 5);
    await flush(app.strapi);
    // one more view of the French-only article, still in the buffer
    await views(ids.frOnly, 1);
  });

  type Entry = { documentId: string; title: string; slug: string; views: number };
  /** The whole ranking (other files' documents too), checked to be ordered by views. */
  const ranked = async (query: string): Promise<Entry[]> => {
    const res = await app.http().get(`/api/engagement/article/popular${query}`);
    expect(res.status).toBe(200);
    const entries = res.body.data as Entry[];
    const views = entries.map((entry) => entry.views);
    expect(views).toEqual([...views].sort((a, b) => b - a));
    return entries;
  };
  /** This file's documents within the ranking, in their order. */
  const ranking = async (query: string) =>
    (await ranked(query))
      .filter((entry) => Object.values(ids).includes(entry.documentId))
      .map((entry) => [entry.title, entry.slug, entry.views]);

  it("ranks the documents of the locale asked for, with that locale's titles and slugs and counts across locales", async () => {
    expect(await ranking('?locale=fr&limit=100')).toEqual([
      [`Lu partout ${K}`, `lu-partout-${K}`, 3],
      [`Lu en France ${K}`, `lu-en-france-${K}`, 2],
    ]);
    expect(await ranking('?limit=100')).toEqual([
      [`Read in England ${K}`, `read-in-england-${K}`, 5],
      [`Read everywhere ${K}`, `read-everywhere-${K}`, 3],
    ]);
    // the top document overall exists only in English (no other file writes French): the French list
    // read with limit=1 still has one entry, the top of the whole French ranking
    const french = await ranked('?locale=fr&limit=100');
    const [top] = await ranked('?limit=1');
    expect(french.map((entry) => entry.documentId)).not.toContain(top.documentId);
    const first = await ranked('?locale=fr&limit=1');
    expect(first).toHaveLength(1);
    expect(first[0]).toEqual(french[0]);
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
