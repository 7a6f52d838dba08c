import { api, paragraphs } from './helpers/content';
import { startTestApp, type TestApp } from './helpers/strapi';

/**
 * A site that ran before articles were localized keeps working after the upgrade: its rows (no locale,
 * as Strapi stores a type that is not localized) and Strapi's stored schema (article without i18n) are
 * recreated, the app is restarted on that database, and the articles answer as before, in the default
 * locale, with their slugs, tags and counts.
 */
const ARTICLE = 'api::article.article';
let app: TestApp | undefined;

afterAll(async () => {
  await app?.stop();
});

it('migrates existing articles into the default locale', async () => {
  app = await startTestApp();
  const client = api(app);
  const tag = await client.post('/api/tags', { data: { name: 'Archive' } });
  const created = await client.post('/api/articles', {
    data: {
      title: 'Written before locales',
      body: paragraphs('word '.repeat(400)),
      tags: [tag.body.data.documentId],
    },
  });
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId as string;

  // the state of a database written before this version: no locale on the rows, a schema without i18n
  await app.strapi.db.query(ARTICLE).updateMany({ where: {}, data: { locale: null } });
  const store = { type: 'strapi', name: 'content_types', key: 'schema' } as const;
  const schema = (await app.strapi.store.get(store)) as Record<
    string,
    { pluginOptions?: unknown; attributes: Record<string, { pluginOptions?: unknown }> }
  >;
  schema[ARTICLE].pluginOptions = {};
  for (const attribute of Object.values(schema[ARTICLE].attributes)) delete attribute.pluginOptions;
  await app.strapi.store.set({ ...store, value: schema });
  const database = app.database;
  await app.stop({ keepDatabase: true });
  app = undefined;

  app = await startTestApp({}, database);
  const rows = (await app.strapi.db.query(ARTICLE).findMany({ where: { documentId } })) as Array<{
    locale: string | null;
  }>;
  expect(rows.map((row) => row.locale)).toEqual(['en', 'en']);

  const bySlug = await app.http().get('/api/articles/by-slug/written-before-locales');
  expect(bySlug.status).toBe(200);
  expect(bySlug.body.data).toMatchObject({ documentId, locale: 'en', readingTimeMinutes: 2 });
  expect(bySlug.body.meta.localizations).toEqual([]);

  const list = await app.http().get('/api/articles');
  expect(list.body.data.map((article: { documentId: string }) => article.documentId)).toEqual([
    documentId,
  ]);
  const tags = await app.http().get('/api/tags/by-slug/archive/articles');
  expect(tags.body.data.map((article: { documentId: string }) => article.documentId)).toEqual([
    documentId,
  ]);
  const count = await app.http().get('/api/tags?filters[slug][$eq]=archive');
  expect(count.body.data[0].articleCount).toBe(1);

  // editing keeps its slug (it was published) and its rules
  const edited = await api(app).put(`/api/articles/${documentId}`, {
    data: { title: 'Renamed after the upgrade' },
  });
  expect(edited.status).toBe(200);
  expect(edited.body.data).toMatchObject({ slug: 'written-before-locales', locale: 'en' });
});
