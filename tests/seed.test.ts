import fs from 'node:fs';
import path from 'node:path';
import { seedDemoContent } from '../src/seed';
import { DEMO_ARTICLES, DEMO_TAGS } from '../src/seed/demo-content';
import { testPublicDir } from './helpers/boot';
import { useTestApp } from './helpers/strapi';

const app = useTestApp();
const uploaded: string[] = [];

afterAll(() => {
  for (const file of uploaded) fs.rmSync(file, { force: true });
});

const snapshot = async () => ({
  articles: await app().strapi.db.query('api::article.article').count(),
  tags: await app().strapi.db.query('api::tag.tag').count(),
  credits: await app().strapi.db.query('api::image-credit.image-credit').count(),
  files: await app().strapi.db.query('plugin::upload.file').count(),
});

it('creates published demo articles with covers, credits and tags, and a second run changes nothing', async () => {
  const summary = await seedDemoContent(app().strapi);
  expect(summary.articles).toBe(DEMO_ARTICLES.length);
  expect(summary.tags).toBe(DEMO_TAGS.length);

  const files = (await app()
    .strapi.db.query('plugin::upload.file')
    .findMany({ select: ['url', 'formats'] })) as Array<{
    url: string;
    formats: Record<string, { url: string }> | null;
  }>;
  for (const file of files) {
    uploaded.push(path.join(testPublicDir(), file.url));
    for (const format of Object.values(file.formats ?? {}))
      uploaded.push(path.join(testPublicDir(), format.url));
  }

  const first = await snapshot();
  expect(first.files).toBe(DEMO_ARTICLES.length);
  await seedDemoContent(app().strapi);
  expect(await snapshot()).toEqual(first);

  const list = await app().http().get('/api/articles').query({ populate: '*', sort: 'title:asc' });
  expect(list.status).toBe(200);
  expect(list.body.data).toHaveLength(DEMO_ARTICLES.length);
  for (const article of list.body.data) {
    expect(article.cover.mime).toBe('image/jpeg');
    expect(article.cover.width).toBe(1600);
    expect(fs.existsSync(path.join(testPublicDir(), article.cover.url))).toBe(true);
    expect(article.coverCredit.creditLine).toBeTruthy();
    expect(article.tags.length).toBeGreaterThan(0);
    expect(article.readingTimeMinutes).toBeGreaterThan(0);
  }
  const ai = list.body.data.filter(
    (a: { coverCredit: { aiGenerated: boolean } }) => a.coverCredit.aiGenerated
  );
  expect(ai).toHaveLength(1);
  expect(ai[0].coverCredit.creditLine).toMatch(/^Image created with DALL·E/);

  // one article has a French version, with its own slug, the same cover, credit and tags
  const fr = await app().http().get('/api/articles').query({ locale: 'fr', populate: '*' });
  expect(fr.body.data).toHaveLength(1);
  expect(fr.body.data[0]).toMatchObject({
    documentId: ai[0].documentId,
    locale: 'fr',
    slug: 'ce-quune-image-de-couverture-generee-par-ia-doit-a-ses-lecteurs',
  });
  expect(fr.body.data[0].cover.id).toBe(ai[0].cover.id);
  expect(fr.body.data[0].coverCredit.creditLine).toBe(ai[0].coverCredit.creditLine);
  expect(fr.body.data[0].tags.map((tag: { name: string }) => tag.name).sort()).toEqual([
    'AI',
    'Photography',
  ]);
  const bySlug = await app().http().get(`/api/articles/by-slug/${fr.body.data[0].slug}?locale=fr`);
  expect(bySlug.body.meta.localizations).toEqual([{ locale: 'en', slug: ai[0].slug }]);
});
