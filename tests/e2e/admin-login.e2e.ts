import { logIn, skipGuidedTour, useAdminBrowser } from '../helpers/admin-browser';
import { EDITOR, SUPER_ADMIN } from '../helpers/admin-users';
import { collectConsoleErrors, screenshot } from '../helpers/browser';
import { useSharedApp } from '../helpers/strapi';

/** The admin runs at all: a super admin and an editor sign in and reach the seeded articles. */
const app = useSharedApp();
const browser = useAdminBrowser(app);

it('a super admin logs in and finds the seeded articles in the content manager', async () => {
  const page = await browser().newPage();
  const errors = collectConsoleErrors(page);
  await logIn(page, app().baseUrl, SUPER_ADMIN);
  await screenshot(page, '01-home-super-admin');

  await page.goto(`${app().baseUrl}/admin/content-manager/collection-types/api::article.article`);
  await page.getByText('Counting readers without tracking them').waitFor();
  await skipGuidedTour(page);
  await screenshot(page, '02-article-list');

  await page.getByText('Counting readers without tracking them').click();
  await page.getByText(/Computed from the body on every save/).waitFor();
  await screenshot(page, '03-article-edit');
  expect(errors).toEqual([]);
  await page.close();
});

it('an editor logs in and sees the articles too', async () => {
  const page = await browser().newPage();
  await logIn(page, app().baseUrl, EDITOR);
  await page.goto(`${app().baseUrl}/admin/content-manager/collection-types/api::article.article`);
  await page.getByText('Counting readers without tracking them').waitFor();
  await screenshot(page, '04-article-list-editor');
  await page.close();
});
