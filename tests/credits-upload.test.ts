import {
  AI_SOURCE_TYPE,
  imageWithRights,
} from '../plugins/thumbnails/server/src/lib/__tests__/rights-fixtures';
import { api } from './helpers/content';
import { removeUploadsAfterAll, uploadFile, type ApiFile } from './helpers/thumbnails-upload';
import { type TestApp, useSharedApp } from './helpers/strapi';

/**
 * The whole path with a real image: an editor uploads an AI-made JPEG whose XMP names its creator and
 * licensor; the thumbnails plugin reads its provenance; publishing it as a cover is refused until it has
 * a disclosing credit; "create credit from file" builds that credit from the file's own metadata.
 */
const testApp = useSharedApp();
removeUploadsAfterAll();
let app: TestApp;
let client: ReturnType<typeof api>;
beforeAll(() => {
  app = testApp();
  client = api(app);
});

it('suggests the credit from an uploaded image, refuses the undisclosed cover, and publishes it once credited', async () => {
  const jpeg = await imageWithRights(
    'jpeg',
    {
      creators: ['Lawrence W. Sinclair'],
      rights: '© 2023 Lawrence W. Sinclair',
      webStatement: 'https://creativecommons.org/licenses/by/4.0/',
      licensor: { name: 'Acme Images', url: 'https://acme.example/licensing' },
      digitalSourceType: AI_SOURCE_TYPE,
    },
    { width: 400, height: 250 }
  );
  const uploaded = await uploadFile(app, jpeg, 'credit-from-file.jpg', 'image/jpeg');
  expect(uploaded.status).toBe(201);
  const file = uploaded.body[0] as ApiFile;

  const suggested = await client.get(`/api/image-credits/suggest/${file.id}`);
  expect(suggested.body.data.suggestion).toEqual({
    creator: 'Lawrence W. Sinclair',
    copyrightHolder: 'Lawrence W. Sinclair',
    year: 2023,
    license: 'cc_by',
    sourceUrl: 'https://acme.example/licensing',
    aiGenerated: true,
  });

  const refused = await client.post('/api/articles?status=published', {
    data: { title: 'Uploaded AI cover', cover: file.id },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.error.message).toMatch(
    /cover image ".*credit-from-file.jpg" is marked AI-made by its file \(digital source type trainedAlgorithmicMedia\)/
  );

  // the file names no tool: the editor adds it, everything else comes from the file
  const created = await client.post(`/api/image-credits/from-file/${file.id}`, {
    data: { aiTool: 'DALL·E' },
  });
  expect(created.status).toBe(201);
  expect(created.body.data.creditLine).toBe(
    'Image created with DALL·E by Lawrence W. Sinclair (CC BY 4.0)'
  );

  expect(
    (
      await client.post('/api/articles?status=published', {
        data: { title: 'Uploaded AI cover', cover: file.id },
      })
    ).status
  ).toBe(201);
  const page = await app.http().get('/api/articles/by-slug/uploaded-ai-cover');
  expect(page.body.data.coverCreditSource).toBe('file');
  expect(page.body.data.coverStructuredData).toEqual({
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'ImageObject',
      contentUrl: file.url,
      creditText: 'Image created with DALL·E by Lawrence W. Sinclair (CC BY 4.0)',
      creator: [{ '@type': 'Person', name: 'Lawrence W. Sinclair' }],
      copyrightNotice: '© 2023 Lawrence W. Sinclair',
      copyrightHolder: { '@type': 'Person', name: 'Lawrence W. Sinclair' },
      copyrightYear: 2023,
      license: 'https://creativecommons.org/licenses/by/4.0/',
      acquireLicensePage: 'https://acme.example/licensing',
    },
    digitalSourceType: AI_SOURCE_TYPE,
  });
});
