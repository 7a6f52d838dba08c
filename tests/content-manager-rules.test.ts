import { randomBytes } from 'node:crypto';
import { adminAuth } from './helpers/admin-api';
import { documentsOf, errorPaths, paragraphs } from './helpers/content';
import { type TestApp, useSharedApp } from './helpers/strapi';
import { nameKey } from '../src/utils/names';

/**
 * Every Content Manager action obeys the content rules, driven over HTTP with an admin JWT the way the
 * admin UI sends them (node_modules/@strapi/content-manager routes): create, update, clone, publish,
 * bulk publish, unpublish and discard draft. On the shared app: every title, tag name and slug carries
 * the file's key K, and counts are taken over this file's rows.
 */
const ARTICLE = 'api::article.article';
const TAG = 'api::tag.tag';
const CREDIT = 'api::image-credit.image-credit';

const testApp = useSharedApp();
/** This file's key: in every title and tag name it makes (slugs follow titles). */
const K = randomBytes(3).toString('hex');
let app: TestApp;
let auth: { Authorization: string };
beforeAll(async () => {
  app = testApp();
  auth = await adminAuth(app);
});

const cm = (uid: string, path = '') => `/content-manager/collection-types/${uid}${path}`;
const post = (url: string, body: object = {}) => app.http().post(url).set(auth).send(body);
const put = (url: string, body: object) => app.http().put(url).set(auth).send(body);
const rows = (uid: string, where: Record<string, unknown>) =>
  app.strapi.db.query(uid).findMany({ where }) as Promise<Array<Record<string, any>>>;
const newDocumentId = () => randomBytes(12).toString('hex').slice(0, 24);

/** A draft written around the Document Service, as `strapi import` or a raw query would leave it (articles are localized: in the default locale). */
async function importedDraft(data: Record<string, unknown>): Promise<string> {
  const documentId = newDocumentId();
  await app.strapi.db
    .query(ARTICLE)
    .create({ data: { documentId, publishedAt: null, locale: 'en', ...data } });
  return documentId;
}

describe('create and update', () => {
  it('generates the slug, excerpt and reading time on create, and refuses a taken slug on update', async () => {
    const created = await post(cm(ARTICLE), {
      title: `CM created story ${K}`,
      body: paragraphs('word '.repeat(400)),
      readingTimeMinutes: 99,
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      slug: `cm-created-story-${K}`,
      readingTimeMinutes: 2,
    });
    expect(created.body.data.excerpt).toMatch(/^word word/);

    const other = await post(cm(ARTICLE), { title: `CM other story ${K}` });
    const clash = await put(cm(ARTICLE, `/${other.body.data.documentId}`), {
      title: `CM other story ${K}`,
      slug: `cm-created-story-${K}`,
    });
    expect(clash.status).toBe(400);
    expect(errorPaths(clash.body)).toEqual(['slug']);
  });

  it('refuses a look-alike tag name and an unsafe credit URL', async () => {
    await post(cm(TAG), { name: `CM Tag ${K}` });
    const twin = await post(cm(TAG), { name: `ｃｍ\u200b tag ${K}` });
    expect(twin.status).toBe(400);
    expect(errorPaths(twin.body)).toEqual(['name']);
    const credit = await post(cm(CREDIT), {
      creator: 'A',
      sourceUrl: 'javascript:alert(document.domain)',
    });
    expect(credit.status).toBe(400);
    expect(errorPaths(credit.body)).toEqual(['sourceUrl']);
  });
});

describe('clone', () => {
  it('refuses a javascript: URL in the body, storing nothing', async () => {
    const source = await documentsOf(app, CREDIT).create({
      data: { creator: `Safe ${K}`, sourceUrl: 'https://example.org/a' },
    });
    // a clone copies the creator: this file's rows of that credit
    const copies = () => app.strapi.db.query(CREDIT).count({ where: { creator: `Safe ${K}` } });
    const before = await copies();
    expect(before).toBeGreaterThan(0);
    const res = await post(cm(CREDIT, `/clone/${source.documentId}`), {
      sourceUrl: 'javascript:alert(document.domain)',
    });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['sourceUrl']);
    expect(await copies()).toBe(before);
  });

  it('recomputes the credit line when the creator changes, unless the editor wrote one', async () => {
    const auto = await documentsOf(app, CREDIT).create({
      data: { creator: 'Sam', license: 'cc_by' },
    });
    expect(auto.creditLine).toBe('Photo: Sam (CC BY 4.0)');
    // the admin's duplicate form sends every field of the source back, with the changes
    const form = {
      creator: 'Kim',
      license: 'cc_by',
      creditLine: auto.creditLine,
      aiGenerated: false,
      copyrightHolder: null,
      year: null,
    };
    const cloned = await post(cm(CREDIT, `/clone/${auto.documentId}`), form);
    expect(cloned.status).toBe(200);
    expect(cloned.body.data.creditLine).toBe('Photo: Kim (CC BY 4.0)');

    const own = await documentsOf(app, CREDIT).create({
      data: { creator: 'Sam', creditLine: 'Courtesy of Sam' },
    });
    const keeps = await post(cm(CREDIT, `/clone/${own.documentId}`), {
      creator: 'Kim',
      creditLine: 'Courtesy of Sam',
    });
    expect(keeps.body.data.creditLine).toBe('Courtesy of Sam');
    const bodyless = await post(cm(CREDIT, `/clone/${own.documentId}`), { creator: 'Lee' });
    expect(bodyless.body.data.creditLine).toBe('Courtesy of Sam');
  });

  it('refuses a second "AI" tag, and gives a cloned tag a slug of its own', async () => {
    const ai = await documentsOf(app, TAG).create({ data: { name: `AI ${K}` } });
    const twin = await post(cm(TAG, `/clone/${ai.documentId}`), {
      name: `ai ${K}`,
      slug: `ai-${K}-x`,
    });
    expect(twin.status).toBe(400);
    expect(errorPaths(twin.body)).toEqual(['name']);
    const unchanged = await post(cm(TAG, `/clone/${ai.documentId}`), {});
    expect(unchanged.status).toBe(400);
    expect(errorPaths(unchanged.body)).toEqual(['name']);

    const renamed = await post(cm(TAG, `/clone/${ai.documentId}`), {
      name: `Robotics ${K}`,
      slug: ai.slug,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ name: `Robotics ${K}`, slug: `robotics-${K}` });
    expect(await app.strapi.db.query(TAG).count({ where: { nameKey: nameKey(`AI ${K}`) } })).toBe(
      1
    );
  });

  it('gives a cloned article a unique slug and its own excerpt', async () => {
    const source = await documentsOf(app, ARTICLE).create({
      status: 'published',
      data: { title: `Clone me ${K}`, body: paragraphs('Original body.') },
    });
    const form = {
      title: `Clone me ${K}`,
      slug: source.slug,
      excerpt: source.excerpt,
      body: paragraphs('A different body.'),
    };
    const first = await post(cm(ARTICLE, `/clone/${source.documentId}`), form);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({
      slug: `clone-me-${K}-2`,
      excerpt: 'A different body.',
    });
    const typed = await post(cm(ARTICLE, `/clone/${source.documentId}`), {
      ...form,
      slug: `clone-me-${K}-2`,
    });
    expect(typed.status).toBe(400);
    expect(errorPaths(typed.body)).toEqual(['slug']);
    const slugs = (await rows(ARTICLE, { title: `Clone me ${K}` })).map(
      (row) => `${row.documentId}:${row.slug}`
    );
    expect(new Set(slugs.map((entry) => entry.split(':')[1])).size).toBe(2);

    // the clone was never published: its slug still follows its title
    const retitled = await put(cm(ARTICLE, `/${first.body.data.documentId}`), {
      title: `Cloned and retitled ${K}`,
    });
    expect(retitled.body.data.slug).toBe(`cloned-and-retitled-${K}`);
  });

  it('keeps the tag comparison key out of the admin edit view', async () => {
    const res = await app
      .http()
      .get(cm('').replace('/collection-types/', '/content-types/') + `${TAG}/configuration`)
      .set(auth);
    expect(res.status).toBe(200);
    const fields = JSON.stringify(res.body.data.contentType.layouts.edit);
    expect(fields).toContain('"name"');
    expect(fields).not.toContain('nameKey');
  });
});

describe('publish, bulk publish, unpublish, discard', () => {
  it('publish fills in what an imported draft is missing', async () => {
    const documentId = await importedDraft({
      title: `Imported via CM ${K}`,
      body: paragraphs('word '.repeat(450)),
      readingTimeMinutes: 0,
    });
    const res = await post(cm(ARTICLE, `/${documentId}/actions/publish`), {});
    expect(res.status).toBe(200);
    const [published] = await rows(ARTICLE, { documentId, publishedAt: { $notNull: true } });
    expect(published).toMatchObject({ slug: `imported-via-cm-${K}`, readingTimeMinutes: 3 });
    expect(published.excerpt).toMatch(/^word word/);
  });

  it('bulk publish repairs imported drafts and refuses one whose slug another document uses, publishing nothing', async () => {
    const good = await importedDraft({ title: `Bulk one ${K}`, body: paragraphs('Short.') });
    const other = await importedDraft({ title: `Bulk two ${K}` });
    const ok = await post(cm(ARTICLE, '/actions/bulkPublish'), { documentIds: [good, other] });
    expect(ok.status).toBe(200);
    const published = await rows(ARTICLE, {
      documentId: { $in: [good, other] },
      publishedAt: { $notNull: true },
    });
    expect(published.map((row) => row.slug).sort()).toEqual([`bulk-one-${K}`, `bulk-two-${K}`]);
    expect(published.find((row) => row.documentId === good)).toMatchObject({
      excerpt: 'Short.',
      readingTimeMinutes: 1,
    });

    // the database itself refuses a second draft row with a slug another draft holds
    expect(
      await importedDraft({ title: `Bulk copy ${K}`, slug: `bulk-one-${K}` }).then(
        () => false,
        () => true
      )
    ).toBe(true);
    // a slug only another document's published row holds (its draft moved on) can be imported, not published
    const owner = await documentsOf(app, ARTICLE).create({
      status: 'published',
      data: { title: `Bulk owner ${K}` },
    });
    expect(
      (await put(cm(ARTICLE, `/${owner.documentId}`), { slug: `bulk-owner-${K}-new` })).status
    ).toBe(200);
    const fresh = await importedDraft({ title: `Bulk three ${K}` });
    const thief = await importedDraft({ title: `Bulk thief ${K}`, slug: `bulk-owner-${K}` });
    const refused = await post(cm(ARTICLE, '/actions/bulkPublish'), {
      documentIds: [fresh, thief],
    });
    expect(refused.status).toBe(400);
    expect(errorPaths(refused.body)).toEqual(['slug']);
    expect(
      await rows(ARTICLE, { documentId: { $in: [fresh, thief] }, publishedAt: { $notNull: true } })
    ).toEqual([]);
  });

  it('publish refuses a draft without a title', async () => {
    const documentId = await importedDraft({ title: null, body: paragraphs('No title.') });
    const res = await app
      .http()
      .post(cm(ARTICLE, '/actions/bulkPublish'))
      .set(auth)
      .send({ documentIds: [documentId] });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['title']);
  });

  it('unpublish keeps the draft and its slug reserved', async () => {
    const doc = await documentsOf(app, ARTICLE).create({
      status: 'published',
      data: { title: `Pulled story ${K}` },
    });
    const res = await post(cm(ARTICLE, `/${doc.documentId}/actions/unpublish`), {});
    expect(res.status).toBe(200);
    expect(
      await rows(ARTICLE, { documentId: doc.documentId, publishedAt: { $notNull: true } })
    ).toEqual([]);
    const again = await post(cm(ARTICLE), { title: `Pulled story ${K}` });
    expect(again.body.data.slug).toBe(`pulled-story-${K}-2`);
  });

  it('discard draft restores the published fields, the draft and published rows sharing one slug', async () => {
    const doc = await documentsOf(app, ARTICLE).create({
      status: 'published',
      data: { title: `Discard me ${K}`, body: paragraphs('Published body.') },
    });
    const edited = await put(cm(ARTICLE, `/${doc.documentId}`), {
      title: `Discard me edited ${K}`,
      body: paragraphs('Draft body with more words.'),
    });
    expect(edited.status).toBe(200);
    const res = await post(cm(ARTICLE, `/${doc.documentId}/actions/discard`), {});
    expect(res.status).toBe(200);
    const versions = await rows(ARTICLE, { documentId: doc.documentId });
    expect(versions).toHaveLength(2);
    for (const row of versions)
      expect(row).toMatchObject({
        title: `Discard me ${K}`,
        slug: `discard-me-${K}`,
        excerpt: 'Published body.',
        readingTimeMinutes: 1,
      });
  });
});
