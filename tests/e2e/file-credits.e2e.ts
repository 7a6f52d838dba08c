import type { Page } from 'playwright-core';
import {
  AI_SOURCE_TYPE,
  imageWithRights,
} from '../../plugins/thumbnails/server/src/lib/__tests__/rights-fixtures';
import { openSignedInPage, skipGuidedTour, useAdminBrowser } from '../helpers/admin-browser';
import { SUPER_ADMIN } from '../helpers/admin-users';
import { screenshot } from '../helpers/browser';
import { FILE } from '../helpers/credits';
import {
  removeUploadsAfterAll,
  testName,
  uploadFile,
  type ApiFile,
} from '../helpers/thumbnails-upload';
import { useTestApp } from '../helpers/strapi';

/**
 * Credits for the file itself, in a real chromium: the "Image rights" page (reached from the Image
 * credits list) lists an uploaded image whose metadata names its rights and AI origin, and "Create credit
 * from file" there makes the file's credit, prefilled and edited by the editor; the file leaves the list.
 */
// an app of its own: the Image rights list must end empty
const app = useTestApp();
const browser = useAdminBrowser(app);
removeUploadsAfterAll();

const CREDIT_UID = 'api::image-credit.image-credit';
let page: Page;
let errors: string[];

beforeAll(async () => {
  ({ page, errors } = await openSignedInPage(browser(), app().baseUrl, SUPER_ADMIN));
});
afterAll(() => page?.close());

/** The file's credit as stored (null: none). */
async function storedCredit(fileId: number): Promise<Record<string, unknown> | null> {
  const file = (await app()
    .strapi.db.query(FILE)
    .findOne({ where: { id: fileId }, populate: { imageCredit: true } })) as {
    imageCredit?: Record<string, unknown> | null;
  };
  return file.imageCredit ?? null;
}

it('gives a file its credit from the Image rights page, prefilled from its metadata and edited', async () => {
  const jpeg = await imageWithRights(
    'jpeg',
    {
      creators: ['Lawrence W. Sinclair'],
      rights: '© 2023 Lawrence W. Sinclair',
      digitalSourceType: AI_SOURCE_TYPE,
    },
    { width: 400, height: 250 }
  );
  const uploaded = await uploadFile(app(), jpeg, 'e2e-image-rights.jpg', 'image/jpeg');
  expect(uploaded.status).toBe(201);
  const file = uploaded.body[0] as ApiFile;

  // where an editor looks for it: the Image credits list
  await page.goto(`${app().baseUrl}/admin/content-manager/collection-types/${CREDIT_UID}`);
  const link = page.getByRole('link', { name: 'Images to credit' });
  await link.waitFor();
  await skipGuidedTour(page);
  await screenshot(page, '44-image-credits-list-link');
  await link.click();
  await page.waitForURL(/\/admin\/image-rights$/);

  const row = page
    .getByTestId('image-rights-row')
    .filter({ hasText: testName('e2e-image-rights.jpg') });
  await row
    .getByTestId('suggested-credit-line')
    .filter({ hasText: 'Image created with an AI tool, © 2023 Lawrence W. Sinclair' })
    .waitFor({ timeout: 20000 });
  await row.getByText('digital source type trainedAlgorithmicMedia').waitFor();
  // the thumbnail is a real image the browser could load
  const thumbnailWidth = await row.locator('img').evaluate(async (element) => {
    const img = element as unknown as { decode: () => Promise<void>; naturalWidth: number };
    await img.decode(); // rejects for an image the browser cannot load
    return img.naturalWidth;
  });
  expect(thumbnailWidth).toBeGreaterThan(0);
  await screenshot(page, '45-image-rights-list');

  await row.getByRole('button', { name: 'Create credit from file' }).click();
  const dialog = page.getByRole('dialog').or(page.getByRole('alertdialog'));
  await expect(dialog.getByLabel('Creator').inputValue()).resolves.toBe('Lawrence W. Sinclair');
  await expect(dialog.getByLabel('Year').inputValue()).resolves.toBe('2023');
  await expect(
    dialog.getByRole('checkbox', { name: 'AI-generated' }).getAttribute('aria-checked')
  ).resolves.toBe('true');
  await dialog.getByLabel('Creator').fill('L. W. Sinclair');
  await dialog.getByLabel('AI tool').fill('DALL·E');
  await dialog.getByRole('button', { name: 'Create credit' }).click();

  // credited: the file leaves the list, which is now empty
  await page
    .getByText('Every image with rights or provenance metadata has a credit.')
    .waitFor({ timeout: 20000 });
  expect(await row.count()).toBe(0);
  await screenshot(page, '46-image-rights-all-credited');
  expect(await storedCredit(file.id)).toMatchObject({
    creator: 'L. W. Sinclair',
    copyrightHolder: 'Lawrence W. Sinclair',
    year: 2023,
    aiGenerated: true,
    aiTool: 'DALL·E',
    creditLine: 'Image created with DALL·E, © 2023 Lawrence W. Sinclair',
  });

  // on request the credited files show with their credit
  await page.getByRole('checkbox', { name: 'Show credited images too' }).click();
  await row
    .getByTestId('file-credit-line')
    .filter({ hasText: 'Image created with DALL·E, © 2023 Lawrence W. Sinclair' })
    .waitFor({ timeout: 20000 });
  expect(errors).toEqual([]);
});

it('is in the main menu', async () => {
  await page.goto(`${app().baseUrl}/admin`);
  await page.getByRole('link', { name: 'Image rights' }).click();
  await page.waitForURL(/\/admin\/image-rights$/);
  await page.getByRole('heading', { name: 'Image rights' }).waitFor({ timeout: 20000 });
});
