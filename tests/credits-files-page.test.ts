import sharp from 'sharp';
import {
  AI_SOURCE_TYPE,
  imageWithRights,
} from '../plugins/thumbnails/server/src/lib/__tests__/rights-fixtures';
import { adminAuth } from './helpers/admin-api';
import { documentsOf, errorPaths } from './helpers/content';
import { createFile, PHOTO_PROVENANCE } from './helpers/credits';
import {
  removeUploadsAfterAll,
  testName,
  uploadFile,
  type ApiFile,
} from './helpers/thumbnails-upload';
import { type TestApp, useSharedApp } from './helpers/strapi';

/**
 * The admin's "Image rights" list (`GET /image-credits/files-to-credit`): image files whose own metadata
 * could make a credit and that have none, newest first, with the credit their metadata suggests; the
 * credited ones only on request; only for admins who may read the Media Library. On the shared app the
 * page lists other files' files too: a test checks that its own files come first (they are the newest)
 * and that the total grows by exactly the files it lists.
 */
const CREDIT = 'api::image-credit.image-credit';
const testApp = useSharedApp();
removeUploadsAfterAll();
let app: TestApp;
let auth: { Authorization: string };
beforeAll(async () => {
  app = testApp();
  auth = await adminAuth(app);
});

interface Row {
  id: number;
  name: string;
  thumbnailUrl: string;
  suggestion: Record<string, unknown> | null;
  suggestedCreditLine: string | null;
  aiMade: string | null;
  credit: { creditLine: string } | null;
}

const list = (query = '') => app.http().get(`/image-credits/files-to-credit${query}`).set(auth);
const ids = (rows: Row[]) => rows.map((row) => row.id);

async function upload(bytes: Buffer, name: string): Promise<ApiFile> {
  const res = await uploadFile(
    app,
    bytes,
    name,
    name.endsWith('.png') ? 'image/png' : 'image/jpeg'
  );
  expect(res.status).toBe(201);
  return res.body[0] as ApiFile;
}

it('lists uploaded images with rights and no credit, with the suggested credit, and leaves out the others', async () => {
  const total = async (query = '') => (await list(query)).body.meta.pagination.total as number;
  const before = await total();
  const beforeWithCredit = await total('?withCredit=true');
  const aiMade = await upload(
    await imageWithRights(
      'jpeg',
      {
        creators: ['Lawrence W. Sinclair'],
        rights: '© 2023 Lawrence W. Sinclair',
        digitalSourceType: AI_SOURCE_TYPE,
      },
      { width: 400, height: 250 }
    ),
    'rights-page-ai.jpg'
  );
  const plain = await upload(
    await sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } })
      .png()
      .toBuffer(),
    'rights-page-plain.png'
  );
  const credit = await documentsOf(app, CREDIT).create({
    data: { creator: 'Ann Photographer', license: 'cc_by_sa' },
  });
  const credited = await createFile(app, { provenance: PHOTO_PROVENANCE, imageCredit: credit.id });
  const notAnImage = await createFile(app, {
    mime: 'application/pdf',
    provenance: PHOTO_PROVENANCE,
  });
  const photo = await createFile(app, { provenance: PHOTO_PROVENANCE });

  const res = await list();
  expect(res.status).toBe(200);
  const rows = res.body.data as Row[];
  // newest first: the photo row was stored after the upload; both are newer than any other file
  expect(ids(rows).slice(0, 2)).toEqual([photo.id, aiMade.id]);
  expect(rows[1]).toMatchObject({
    name: testName('rights-page-ai.jpg'),
    suggestion: {
      creator: 'Lawrence W. Sinclair',
      copyrightHolder: 'Lawrence W. Sinclair',
      year: 2023,
      license: 'all_rights_reserved',
      aiGenerated: true,
    },
    suggestedCreditLine: 'Image created with an AI tool, © 2023 Lawrence W. Sinclair',
    aiMade: 'digital source type trainedAlgorithmicMedia',
    credit: null,
  });
  // a real thumbnail the page can show, not the full-size original
  expect(rows[1].thumbnailUrl).toBe(aiMade.formats?.thumbnail?.url);
  expect(rows[0]).toMatchObject({
    suggestedCreditLine: 'Photo: Ann Photographer (CC BY-SA 4.0)',
    aiMade: null,
  });
  expect(res.body.meta.pagination).toEqual({
    page: 1,
    pageSize: 20,
    pageCount: Math.ceil((before + 2) / 20),
    total: before + 2,
  });
  expect(ids(rows)).not.toContain(plain.id);
  expect(ids(rows)).not.toContain(notAnImage.id);

  const all = await list('?withCredit=true');
  expect(all.status).toBe(200);
  const allRows = all.body.data as Row[];
  expect(ids(allRows).slice(0, 3)).toEqual([photo.id, credited.id, aiMade.id]);
  expect(all.body.meta.pagination.total).toBe(beforeWithCredit + 3);
  expect(allRows[1].credit).toMatchObject({
    documentId: credit.documentId,
    creditLine: 'Photo: Ann Photographer (CC BY-SA 4.0)',
  });

  // once credited from its file, it leaves the list
  const created = await app
    .http()
    .post(`/image-credits/from-file/${aiMade.id}`)
    .set(auth)
    .send({ data: { aiTool: 'DALL·E' } });
  expect(created.status).toBe(201);
  const after = await list();
  expect(ids(after.body.data)[0]).toBe(photo.id);
  expect(ids(after.body.data)).not.toContain(aiMade.id);
  expect(after.body.meta.pagination.total).toBe(before + 1);
});

it('pages through the list without gaps or repeats', async () => {
  for (let i = 0; i < 5; i += 1) await createFile(app, { provenance: PHOTO_PROVENANCE });
  // the whole list, other files' files included, read 100 at a time
  const total = (await list('?pageSize=100')).body.meta.pagination.total as number;
  expect(total).toBeGreaterThanOrEqual(5);
  const everything: Row[] = [];
  for (let page = 1; page <= Math.ceil(total / 100); page += 1)
    everything.push(...(await list(`?page=${page}&pageSize=100`)).body.data);
  expect(everything).toHaveLength(total);

  const pages: number[] = [];
  for (let page = 1; page <= Math.ceil(total / 2); page += 1) {
    const res = await list(`?page=${page}&pageSize=2`);
    expect(res.body.meta.pagination).toEqual({
      page,
      pageSize: 2,
      pageCount: Math.ceil(total / 2),
      total,
    });
    pages.push(...ids(res.body.data));
  }
  expect(pages).toEqual(ids(everything));
  expect((await list(`?page=${Math.ceil(total / 2) + 1}&pageSize=2`)).body.data).toEqual([]);
});

it.each([
  ['?page=0', 'page', 'page must be a positive integer'],
  ['?page=abc', 'page', 'page must be a positive integer'],
  ['?pageSize=101', 'pageSize', 'pageSize must be an integer from 1 to 100'],
  ['?pageSize=-5', 'pageSize', 'pageSize must be an integer from 1 to 100'],
  ['?withCredit=yes', 'withCredit', 'withCredit must be true or false'],
])('answers 400 for %s, naming the parameter', async (query, path, message) => {
  const res = await list(query);
  expect(res.status).toBe(400);
  expect(errorPaths(res.body)).toEqual([path]);
  expect(res.body.error.message).toBe(message);
});

it('is only for signed-in admins who may read the Media Library', async () => {
  expect((await app.http().get('/image-credits/files-to-credit')).status).toBe(401);
  const roles = app.strapi.service('admin::role');
  const noMedia = await roles.create({
    name: `No media ${Date.now()}`,
    description: 'may not read the Media Library',
  });
  await roles.assignPermissions(noMedia.id, [
    {
      action: 'plugin::content-manager.explorer.read',
      subject: CREDIT,
      properties: {},
      conditions: [],
    },
  ]);
  const withoutMedia = await adminAuth(app, noMedia.code);
  expect((await app.http().get('/image-credits/files-to-credit').set(withoutMedia)).status).toBe(
    403
  );

  const mediaOnly = await roles.create({
    name: `Media only ${Date.now()}`,
    description: 'reads the Media Library',
  });
  await roles.assignPermissions(mediaOnly.id, [
    { action: 'plugin::upload.read', subject: null, properties: {}, conditions: [] },
  ]);
  expect(
    (
      await app
        .http()
        .get('/image-credits/files-to-credit')
        .set(await adminAuth(app, mediaOnly.code))
    ).status
  ).toBe(200);
});
