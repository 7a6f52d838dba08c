import { logIn, skipGuidedTour, useAdminBrowser } from '../helpers/admin-browser';
import { SUPER_ADMIN } from '../helpers/admin-users';
import { screenshot } from '../helpers/browser';
import { useSharedApp } from '../helpers/strapi';
import { BROKEN } from '../helpers/thumbnails-corpus';
import { makeImage } from '../helpers/thumbnails-images';
import { removeUploadsAfterAll, testName } from '../helpers/thumbnails-upload';

/** An editor dropping a broken image into the Media Library sees why it was refused, and nothing is stored. */
const app = useSharedApp();
const browser = useAdminBrowser(app);

removeUploadsAfterAll();

const fileRows = () => app().strapi.db.query('plugin::upload.file').count({});

/** Waits until `read()` returns `expected` (the admin uploads in the background). */
async function waitFor<T>(read: () => Promise<T>, expected: T, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await read()) !== expected) {
    if (Date.now() > deadline)
      throw new Error(
        `still ${String(await read())} after ${timeoutMs} ms, expected ${String(expected)}`
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

it('the Media Library shows the refusal message for a broken PNG, and still uploads a good one', async () => {
  const page = await browser().newPage();
  await logIn(page, app().baseUrl, SUPER_ADMIN);
  await page.goto(`${app().baseUrl}/admin/plugins/upload`);
  await skipGuidedTour(page);
  const rows = await fileRows();

  const broken = BROKEN.find((c) => c.filename === 'bad-ihdr-crc.png')!;
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles({ name: 'holiday.png', mimeType: 'image/png', buffer: await broken.bytes() });
  const message = page.getByText('"holiday.png" was not uploaded: the image data is damaged');
  await message.first().waitFor();
  await screenshot(page, 'thumbnails-01-media-library-refusal');
  expect(await fileRows()).toBe(rows);

  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles({
      name: 'garden.jpg',
      mimeType: 'image/jpeg',
      buffer: await makeImage(800, 600, 'jpeg'),
    });
  await waitFor(fileRows, rows + 1);
  await page.close();
});
