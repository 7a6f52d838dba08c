import fs from 'node:fs';
import sharp from 'sharp';
import {
  AI_SOURCE_TYPE,
  imageWithRights,
} from '../plugins/thumbnails/server/src/lib/__tests__/rights-fixtures';
import { readProvenance } from '../plugins/thumbnails/server/src/lib/provenance';
import { api } from './helpers/content';
import {
  diskPath,
  getFile,
  removeUploadsAfterAll,
  uploadFile,
  type ApiFile,
} from './helpers/thumbnails-upload';
import { type TestApp, useSharedApp } from './helpers/strapi';

/**
 * Variants carry the image's credit: once a file has a credit, the thumbnails plugin rewrites its
 * variants (in the background) with the credit's rights as XMP; when the credit changes they follow, and
 * when it is deleted they go back to the file's own metadata. Read back from the variant files.
 */
const testApp = useSharedApp();
removeUploadsAfterAll();
let app: TestApp;
let client: ReturnType<typeof api>;
beforeAll(() => {
  app = testApp();
  client = api(app);
});

/** The rights in the og_webp variant the API currently lists for the file. */
async function variantRights(fileId: number) {
  const file = await getFile(app, fileId);
  const url = file.formats?.og_webp?.url;
  if (!url || !fs.existsSync(diskPath(url))) return null;
  return readProvenance(sharp, fs.readFileSync(diskPath(url)));
}

/**
 * Waits until the background rewrite has produced variants saying `creator` (it replaces the variant
 * files, so the listed URL changes); gives up after 60 attempts, half a second apart.
 */
async function variantsSay(fileId: number, creator: string) {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const rights = await variantRights(fileId);
    if (rights?.rights.creator?.[0] === creator) return rights;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return variantRights(fileId);
}

it('rewrites the variants with the credit, follows its changes, and goes back to the file when it is deleted', async () => {
  const jpeg = await imageWithRights(
    'jpeg',
    {
      creators: ['Metadata Person'],
      rights: '© 2023 Metadata Person',
      digitalSourceType: AI_SOURCE_TYPE,
    },
    { width: 1400, height: 900 }
  );
  const uploaded = await uploadFile(app, jpeg, 'credit-variants.jpg', 'image/jpeg');
  expect(uploaded.status).toBe(201);
  const file = uploaded.body[0] as ApiFile;
  expect((await variantRights(file.id))?.rights.creator).toEqual(['Metadata Person']);

  const created = await client.post(`/api/image-credits/from-file/${file.id}`, {
    data: { creator: 'Jane Doe', year: 2024, license: 'cc_by', aiTool: 'DALL·E' },
  });
  expect(created.status).toBe(201);
  expect(await variantsSay(file.id, 'Jane Doe')).toEqual({
    version: 1,
    rights: {
      creator: ['Jane Doe'],
      creditLine: 'Image created with DALL·E by Jane Doe (CC BY 4.0)',
      // the editor sent no holder: the file's own copyright holder fills it
      copyrightNotice: '© 2024 Metadata Person',
      webStatement: 'https://creativecommons.org/licenses/by/4.0/',
    },
    digitalSourceType: AI_SOURCE_TYPE,
    aiGenerated: true,
  });

  const updated = await client.put(`/api/image-credits/${created.body.data.documentId}`, {
    data: { creator: 'John Roe' },
  });
  expect(updated.status).toBe(200);
  expect((await variantsSay(file.id, 'John Roe'))?.rights).toMatchObject({
    creator: ['John Roe'],
    creditLine: 'Image created with DALL·E by John Roe (CC BY 4.0)',
  });

  expect((await client.del(`/api/image-credits/${created.body.data.documentId}`)).status).toBe(204);
  expect((await variantsSay(file.id, 'Metadata Person'))?.rights).toMatchObject({
    creator: ['Metadata Person'],
    copyrightNotice: '© 2023 Metadata Person',
  });
});
