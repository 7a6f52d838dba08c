import type { Page } from 'playwright-core';
import {
  AI_SOURCE_TYPE,
  imageWithRights,
} from '../../plugins/thumbnails/server/src/lib/__tests__/rights-fixtures';
import { openSignedInPage, skipGuidedTour, useAdminBrowser } from '../helpers/admin-browser';
import { SUPER_ADMIN } from '../helpers/admin-users';
import { screenshot } from '../helpers/browser';
import { removeUploadsAfterAll, uploadFile, type ApiFile } from '../helpers/thumbnails-upload';
import { useSharedApp } from '../helpers/strapi';

/**
 * Credits in the admin, in a real chromium: "Create credit from file" in an article's Cover credit panel,
 * prefilled from the cover image's metadata, and the refusal to publish an article whose AI-made cover
 * is not disclosed, with the reason shown to the editor.
 */
const app = useSharedApp();
const browser = useAdminBrowser(app);
removeUploadsAfterAll();

const ARTICLE_UID = 'api::article.article';
let page: Page;
let errors: string[];

async function aiCover(name: string): Promise<ApiFile> {
  const jpeg = await imageWithRights(
    'jpeg',
    {
      creators: ['Lawrence W. Sinclair'],
      rights: '© 2023 Lawrence W. Sinclair',
      digitalSourceType: AI_SOURCE_TYPE,
    },
    { width: 400, height: 250 }
  );
  const res = await uploadFile(app(), jpeg, name, 'image/jpeg');
  expect(res.status).toBe(201);
  return res.body[0] as ApiFile;
}

async function draftWithCover(title: string, cover: ApiFile): Promise<string> {
  const draft = (await app()
    .strapi.documents(ARTICLE_UID)
    .create({ data: { title, cover: cover.id } as never })) as unknown as { documentId: string };
  return draft.documentId;
}

const editUrl = (documentId: string) =>
  `${app().baseUrl}/admin/content-manager/collection-types/${ARTICLE_UID}/${documentId}`;
const published = (documentId: string) =>
  app()
    .strapi.db.query(ARTICLE_UID)
    .count({ where: { documentId, publishedAt: { $notNull: true } } });

beforeAll(async () => {
  ({ page, errors } = await openSignedInPage(browser(), app().baseUrl, SUPER_ADMIN));
});
afterAll(() => page?.close());

it('refuses to publish an undisclosed AI-made cover and shows why', async () => {
  const documentId = await draftWithCover(
    'Undisclosed in the admin',
    await aiCover('e2e-undisclosed.jpg')
  );
  await page.goto(editUrl(documentId));
  await skipGuidedTour(page);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page
    .getByText(
      /is marked AI-made by its file \(digital source type trainedAlgorithmicMedia\), but it has no credit/
    )
    .first()
    .waitFor({ timeout: 20000 });
  await screenshot(page, '40-publish-refused-ai-cover');
  expect(await published(documentId)).toBe(0);
});

it('creates the credit from the cover file, prefilled and editable, and then publishes', async () => {
  const documentId = await draftWithCover(
    'Credit from the admin',
    await aiCover('e2e-credit-from-file.jpg')
  );
  await page.goto(editUrl(documentId));
  await skipGuidedTour(page);
  await page.getByRole('button', { name: 'Create credit from file' }).click();
  const dialog = page.getByRole('dialog').or(page.getByRole('alertdialog'));
  await expect(dialog.getByLabel('Creator').inputValue()).resolves.toBe('Lawrence W. Sinclair');
  await expect(dialog.getByLabel('Copyright holder').inputValue()).resolves.toBe(
    'Lawrence W. Sinclair'
  );
  await expect(dialog.getByLabel('Year').inputValue()).resolves.toBe('2023');
  await expect(
    dialog.getByRole('checkbox', { name: 'AI-generated' }).getAttribute('aria-checked')
  ).resolves.toBe('true');
  await dialog.getByLabel('AI tool').fill('DALL·E');
  await screenshot(page, '41-create-credit-from-file');
  await dialog.getByRole('button', { name: 'Create credit' }).click();

  await page
    .getByTestId('cover-credit-line')
    .filter({ hasText: 'Image created with DALL·E, © 2023 Lawrence W. Sinclair' })
    .waitFor({ timeout: 20000 });
  await screenshot(page, '42-cover-credit-from-file');

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page
    .getByText(/Published/i)
    .first()
    .waitFor({ timeout: 20000 });
  expect(await published(documentId)).toBe(1);
  expect(errors).toEqual([]);
});
