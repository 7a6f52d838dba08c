import { adminAuth } from './helpers/admin-api';
import { api, documentsOf, errorPaths, paragraphs } from './helpers/content';
import { contentManager } from './helpers/content-manager';
import { createFile, DALLE_PROVENANCE, imageNode, PHOTO_PROVENANCE } from './helpers/credits';
import { type TestApp, useSharedApp } from './helpers/strapi';

/**
 * AI disclosure before publishing: an article whose cover or body image is marked AI-made by its file
 * is published only when that image's effective credit says aiGenerated, through REST, the Document
 * Service and the Content Manager's publish and bulk publish; a credit that says AI-made on a file that
 * says otherwise is only a warning.
 */
const ARTICLE = 'api::article.article';
const CREDIT = 'api::image-credit.image-credit';
const ARTICLES_CM = '/content-manager/collection-types/api::article.article';

const testApp = useSharedApp();
let app: TestApp;
let client: ReturnType<typeof api>;
let auth: { Authorization: string };
beforeAll(async () => {
  app = testApp();
  client = api(app);
  auth = await adminAuth(app);
});

const credits = () => documentsOf(app, CREDIT);
const publishedCount = (documentId: string) =>
  app.strapi.db.query(ARTICLE).count({ where: { documentId, publishedAt: { $notNull: true } } });
const humanCredit = () => credits().create({ data: { creator: 'Not Disclosed', year: 2023 } });
const aiCredit = () =>
  credits().create({
    data: { creator: 'Lawrence W. Sinclair', aiGenerated: true, aiTool: 'Dall.E' },
  });

describe('over REST', () => {
  it('refuses an AI-made cover whose credit does not say so, naming the image and the field', async () => {
    const credit = await humanCredit();
    const cover = await createFile(app, { name: 'dalle-cover.png', provenance: DALLE_PROVENANCE });
    const res = await client.post('/api/articles?status=published', {
      data: { title: 'Undisclosed AI cover', cover: cover.id, coverCredit: credit.documentId },
    });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['coverCredit']);
    expect(res.body.error.message).toMatch(
      /The cover image "dalle-cover.png" is marked AI-made by its file \(digital source type trainedAlgorithmicMedia\), but its credit does not set aiGenerated/
    );
    // nothing half-written: neither a published row nor the draft REST wrote first
    expect(
      await app.strapi.db.query(ARTICLE).count({ where: { title: 'Undisclosed AI cover' } })
    ).toBe(0);
  });

  it('refuses an AI-made cover without any credit, and publishes once the file has an AI credit', async () => {
    const cover = await createFile(app, { name: 'no-credit.png', provenance: DALLE_PROVENANCE });
    const refused = await client.post('/api/articles?status=published', {
      data: { title: 'AI cover without credit', cover: cover.id },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/"no-credit.png".*it has no credit/);

    // the file's credit is the cover's effective credit
    const made = await client.post(`/api/image-credits/from-file/${cover.id}`, { data: {} });
    expect(made.status).toBe(201);
    const published = await client.post('/api/articles?status=published', {
      data: { title: 'AI cover without credit', cover: cover.id },
    });
    expect(published.status).toBe(201);
    expect(
      (await app.http().get('/api/articles/by-slug/ai-cover-without-credit')).body.data
        .effectiveCoverCredit
    ).toMatchObject({ aiGenerated: true, aiTool: 'DALL·E' });
  });

  it('refuses an AI-made body image without a disclosing credit, naming the body', async () => {
    const inBody = await createFile(app, { name: 'body-ai.png', provenance: DALLE_PROVENANCE });
    const body = [...paragraphs('Intro'), imageNode(inBody)];
    const res = await client.post('/api/articles?status=published', {
      data: { title: 'AI in the body', body },
    });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['body']);
    expect(res.body.error.message).toMatch(/The body image "body-ai.png" \(block 2\)/);

    const credit = await aiCredit();
    await app.strapi.db
      .query('plugin::upload.file')
      .update({ where: { id: inBody.id }, data: { imageCredit: credit.id } });
    expect(
      (
        await client.post('/api/articles?status=published', {
          data: { title: 'AI in the body', body },
        })
      ).status
    ).toBe(201);
  });

  it('publishes a disclosed AI cover, and a photo with a credit that says AI-made (a warning only)', async () => {
    const warn = jest.spyOn(app.strapi.log, 'warn');
    try {
      const credit = await aiCredit();
      const cover = await createFile(app, { provenance: DALLE_PROVENANCE });
      expect(
        (
          await client.post('/api/articles?status=published', {
            data: { title: 'Disclosed', cover: cover.id, coverCredit: credit.documentId },
          })
        ).status
      ).toBe(201);
      expect(warn).not.toHaveBeenCalledWith(expect.stringContaining('does not mark it AI-made'));

      const photo = await createFile(app, { name: 'camera.png', provenance: PHOTO_PROVENANCE });
      const res = await client.post('/api/articles?status=published', {
        data: { title: 'Over-disclosed', cover: photo.id, coverCredit: credit.documentId },
      });
      expect(res.status).toBe(201);
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /The cover image "camera.png" has a credit that says aiGenerated, but its file's metadata does not mark it AI-made/
        )
      );
    } finally {
      warn.mockRestore();
    }
  });
});

describe('in the Content Manager', () => {
  const draftWithCover = async (title: string, fileName: string) => {
    const cm = contentManager(app, auth);
    const documentId = await cm.createDraft(title);
    const cover = await createFile(app, { name: fileName, provenance: DALLE_PROVENANCE });
    const res = await app
      .http()
      .put(`${ARTICLES_CM}/${documentId}`)
      .set(auth)
      .send({ title, cover: cover.id });
    expect(res.status).toBe(200);
    return { documentId, cover };
  };

  it('refuses publish with the message the admin shows', async () => {
    const { documentId } = await draftWithCover('CM AI draft', 'cm-dalle.png');
    const res = await app
      .http()
      .post(`${ARTICLES_CM}/${documentId}/actions/publish`)
      .set(auth)
      .send({});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/"cm-dalle.png" is marked AI-made/);
    expect(await publishedCount(documentId)).toBe(0);
  });

  it('refuses a bulk publish that contains an undisclosed AI cover, publishing none of it', async () => {
    const cm = contentManager(app, auth);
    const fine = await cm.createDraft('CM bulk fine');
    const { documentId: bad } = await draftWithCover('CM bulk AI', 'bulk-dalle.png');
    const res = await app
      .http()
      .post(`${ARTICLES_CM}/actions/bulkPublish`)
      .set(auth)
      .send({ documentIds: [fine, bad] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/"bulk-dalle.png" is marked AI-made/);
    expect(await publishedCount(bad)).toBe(0);
    expect(await publishedCount(fine)).toBe(0);
  });

  it('publishes once the cover credit says aiGenerated', async () => {
    const { documentId } = await draftWithCover('CM AI fixed', 'fixed-dalle.png');
    const credit = await aiCredit();
    expect(
      (
        await app
          .http()
          .put(`${ARTICLES_CM}/${documentId}`)
          .set(auth)
          .send({ title: 'CM AI fixed', coverCredit: credit.documentId })
      ).status
    ).toBe(200);
    await contentManager(app, auth).publish(documentId);
    expect(await publishedCount(documentId)).toBe(1);
  });
});
