import { adminAuth } from './helpers/admin-api';
import { api, documentsOf, errorPaths, paragraphs } from './helpers/content';
import {
  createFile,
  DALLE_PROVENANCE,
  fileCreditId,
  imageNode,
  PHOTO_PROVENANCE,
  AI_SOURCE,
} from './helpers/credits';
import { type TestApp, useSharedApp } from './helpers/strapi';

/**
 * Credits follow the image: a file's credit is the cover credit of every article that has none of its
 * own, and the credit of the file wherever it appears in a body; a credit can be created from what the
 * file says about itself (API token or admin), never replacing an editor's credit.
 */
const ARTICLE = 'api::article.article';
const CREDIT = 'api::image-credit.image-credit';

const testApp = useSharedApp();
let app: TestApp;
let client: ReturnType<typeof api>;
beforeAll(() => {
  app = testApp();
  client = api(app);
});

const credits = () => documentsOf(app, CREDIT);
const articles = () => documentsOf(app, ARTICLE);
const bySlug = (slug: string) => app.http().get(`/api/articles/by-slug/${slug}`);

describe('the by-slug answer', () => {
  it("gives the cover file's credit when the article has none, and the article's own when it has one", async () => {
    const fileCredit = await credits().create({ data: { creator: 'File Owner', year: 2021 } });
    const ownCredit = await credits().create({ data: { creator: 'Article Choice' } });
    const file = await createFile(app, { imageCredit: fileCredit.id });

    await articles().create({
      status: 'published',
      data: { title: 'Falls back to file credit', cover: file.id },
    });
    const fallback = await bySlug('falls-back-to-file-credit');
    expect(fallback.status).toBe(200);
    expect(fallback.body.data.coverCredit).toBeNull();
    expect(fallback.body.data.coverCreditSource).toBe('file');
    expect(fallback.body.data.effectiveCoverCredit).toMatchObject({
      documentId: fileCredit.documentId,
      creditLine: 'Photo: © 2021 File Owner',
    });

    await articles().create({
      status: 'published',
      data: { title: 'Own credit wins', cover: file.id, coverCredit: ownCredit.documentId },
    });
    const own = await bySlug('own-credit-wins');
    expect(own.body.data.coverCreditSource).toBe('article');
    expect(own.body.data.effectiveCoverCredit).toMatchObject({
      documentId: ownCredit.documentId,
      creator: 'Article Choice',
    });

    await articles().create({ status: 'published', data: { title: 'No cover no credit' } });
    const none = await bySlug('no-cover-no-credit');
    expect(none.body.data).toMatchObject({
      effectiveCoverCredit: null,
      coverCreditSource: null,
      coverStructuredData: null,
    });
  });

  it("resolves body images to their files' credits, by file id or by URL", async () => {
    const creditA = await credits().create({ data: { creator: 'Body A', license: 'cc_by' } });
    const fileA = await createFile(app, { imageCredit: creditA.id });
    const fileB = await createFile(app, { imageCredit: creditA.id });
    const uncredited = await createFile(app);
    const body = [
      ...paragraphs('Intro'),
      imageNode(fileA),
      imageNode(fileB, 'url'),
      imageNode(uncredited),
    ];
    await articles().create({ status: 'published', data: { title: 'Body images credited', body } });

    const res = await bySlug('body-images-credited');
    const images = (
      res.body.data.body as Array<{
        type: string;
        image?: { credit: Record<string, unknown> | null };
      }>
    ).filter((n) => n.type === 'image');
    expect(images.map((node) => node.image?.credit?.creditLine ?? null)).toEqual([
      'Photo: Body A (CC BY 4.0)',
      'Photo: Body A (CC BY 4.0)',
      null,
    ]);
  });

  it('gives the cover as a schema.org ImageObject with its digital source type', async () => {
    const credit = await credits().create({
      data: {
        creator: 'Lawrence W. Sinclair',
        year: 2023,
        aiGenerated: true,
        aiTool: 'Dall.E',
        sourceUrl: 'https://example.org/license',
      },
    });
    const file = await createFile(app, { provenance: DALLE_PROVENANCE, imageCredit: credit.id });
    await articles().create({
      status: 'published',
      data: { title: 'Structured cover', cover: file.id },
    });

    const res = await bySlug('structured-cover');
    expect(res.body.data.coverStructuredData).toEqual({
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'ImageObject',
        contentUrl: file.url,
        creditText: 'Image created with Dall.E, © 2023 Lawrence W. Sinclair',
        creator: [{ '@type': 'Person', name: 'Lawrence W. Sinclair' }],
        copyrightNotice: '© 2023 Lawrence W. Sinclair',
        copyrightYear: 2023,
        acquireLicensePage: 'https://example.org/license',
      },
      digitalSourceType: AI_SOURCE,
    });
    // the file's provenance is in the cover for frontends too
    expect(res.body.data.cover.provenance).toMatchObject({
      aiGenerated: true,
      digitalSourceType: AI_SOURCE,
    });
  });
});

describe('credits from file metadata over the content API', () => {
  it('suggests a credit from the file and creates it, linked to the file', async () => {
    const file = await createFile(app, { provenance: DALLE_PROVENANCE });
    const suggested = await client.get(`/api/image-credits/suggest/${file.id}`);
    expect(suggested.status).toBe(200);
    expect(suggested.body.data.credit).toBeNull();
    expect(suggested.body.data.suggestion).toEqual({
      creator: 'Lawrence W. Sinclair',
      copyrightHolder: 'Lawrence W. Sinclair',
      year: 2023,
      license: 'all_rights_reserved',
      aiGenerated: true,
      aiTool: 'DALL·E',
    });

    const created = await client.post(`/api/image-credits/from-file/${file.id}`, {
      data: { aiTool: 'Dall.E' },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      creator: 'Lawrence W. Sinclair',
      aiTool: 'Dall.E',
      creditLine: 'Image created with Dall.E, © 2023 Lawrence W. Sinclair',
    });
    const stored = await app.strapi.db
      .query(CREDIT)
      .findOne({ where: { documentId: created.body.data.documentId } });
    expect(await fileCreditId(app, file.id)).toBe(stored.id);

    const again = await client.get(`/api/image-credits/suggest/${file.id}`);
    expect(again.body.data.credit).toMatchObject({ documentId: created.body.data.documentId });
  });

  it("never replaces a file's credit", async () => {
    const editorial = await credits().create({ data: { creator: 'Editor Wrote This' } });
    const file = await createFile(app, { provenance: PHOTO_PROVENANCE, imageCredit: editorial.id });
    const before = await app.strapi.db.query(CREDIT).count();
    const res = await client.post(`/api/image-credits/from-file/${file.id}`, {});
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['imageCredit']);
    expect(res.body.error.message).toMatch(/already has a credit/);
    expect(await fileCreditId(app, file.id)).toBe(editorial.id);
    expect(await app.strapi.db.query(CREDIT).count()).toBe(before);
  });

  it('gives a file one credit when two editors create it at the same time', async () => {
    const file = await createFile(app, { provenance: PHOTO_PROVENANCE });
    const before = await app.strapi.db.query(CREDIT).count();
    const answers = await Promise.all(
      [1, 2].map(() => client.post(`/api/image-credits/from-file/${file.id}`, {}))
    );
    expect(answers.map((res) => res.status).sort()).toEqual([201, 400]);
    expect(await app.strapi.db.query(CREDIT).count()).toBe(before + 1);
    expect(await fileCreditId(app, file.id)).not.toBeNull();
  });

  it('applies the credit rules to what the file suggests', async () => {
    const file = await createFile(app, {
      provenance: {
        version: 1,
        rights: { creator: ['X'] },
        digitalSourceType: AI_SOURCE,
        aiGenerated: true,
      },
    });
    const res = await client.post(`/api/image-credits/from-file/${file.id}`, {});
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['aiTool']);
    expect(await fileCreditId(app, file.id)).toBeNull();
  });

  it('answers 400 for a bad file id, 404 for an unknown file, and 403 without credentials', async () => {
    expect((await client.get('/api/image-credits/suggest/abc')).status).toBe(400);
    expect((await client.post('/api/image-credits/from-file/1', { data: 'x' })).status).toBe(400);
    const unknown = await client.get('/api/image-credits/suggest/999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/No file with id 999999/);
    const file = await createFile(app, { provenance: PHOTO_PROVENANCE });
    expect((await app.http().get(`/api/image-credits/suggest/${file.id}`)).status).toBe(403);
    expect((await app.http().post(`/api/image-credits/from-file/${file.id}`).send({})).status).toBe(
      403
    );
  });
});

describe('credits from file metadata in the admin', () => {
  it('suggests and creates with an admin JWT, and refuses an editor who may not create credits', async () => {
    const auth = await adminAuth(app);
    const file = await createFile(app, { provenance: PHOTO_PROVENANCE });
    const suggested = await app.http().get(`/image-credits/suggest/${file.id}`).set(auth);
    expect(suggested.status).toBe(200);
    expect(suggested.body.data.suggestion).toEqual({
      creator: 'Ann Photographer',
      license: 'cc_by_sa',
      aiGenerated: false,
    });

    const created = await app
      .http()
      .post(`/image-credits/from-file/${file.id}`)
      .set(auth)
      .send({ data: { creator: 'Ann P.' } });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      creator: 'Ann P.',
      license: 'cc_by_sa',
      creditLine: 'Photo: Ann P. (CC BY-SA 4.0)',
    });

    expect((await app.http().get(`/image-credits/suggest/${file.id}`)).status).toBe(401);
    const roles = app.strapi.service('admin::role');
    const mediaOnly = await roles.create({
      name: `Media only ${Date.now()}`,
      description: 'reads the Media Library',
    });
    await roles.assignPermissions(mediaOnly.id, [
      { action: 'plugin::upload.read', subject: null, properties: {}, conditions: [] },
    ]);
    const author = await adminAuth(app, mediaOnly.code);
    expect((await app.http().get(`/image-credits/suggest/${file.id}`).set(author)).status).toBe(
      200
    );
    const other = await createFile(app, { provenance: PHOTO_PROVENANCE });
    expect(
      (await app.http().post(`/image-credits/from-file/${other.id}`).set(author).send({})).status
    ).toBe(403);
    expect(await fileCreditId(app, other.id)).toBeNull();
  });
});
