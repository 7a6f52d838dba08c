import type { Browser, Page } from 'playwright-core';
import { EDITOR, SUPER_ADMIN, createEditor, registerSuperAdmin, type AdminCredentials } from '../helpers/admin-users';
import { chromiumAvailable, collectConsoleErrors, launchBrowser, screenshot } from '../helpers/browser';
import { useTestApp } from '../helpers/strapi';

const app = useTestApp({ SEED_DEMO_CONTENT: 'true' });
let browser: Browser;

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Chromium not found: install Debian\'s chromium or set CHROMIUM_PATH.');
  browser = await launchBrowser();
  await registerSuperAdmin(app());
  await createEditor(app());
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page, user: AdminCredentials): Promise<void> {
  await page.goto(`${app().baseUrl}/admin/auth/login`);
  await page.getByLabel(/email/i).fill(user.email);
  await page.getByLabel(/^password/i).fill(user.password);
  await page.getByRole('button', { name: /login/i }).click();
  await page.waitForURL(/\/admin(\/)?$/);
}

/** Dismisses Strapi's guided tour if it pops up (it covers the page for new users). */
async function skipGuidedTour(page: Page): Promise<void> {
  const skip = page.getByRole('button', { name: /^skip$/i });
  if (await skip.isVisible().catch(() => false)) await skip.click();
}

it('a super admin logs in and finds the seeded articles in the content manager', async () => {
  const page = await browser.newPage();
  const errors = collectConsoleErrors(page);
  await logIn(page, SUPER_ADMIN);
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
  const page = await browser.newPage();
  await logIn(page, EDITOR);
  await page.goto(`${app().baseUrl}/admin/content-manager/collection-types/api::article.article`);
  await page.getByText('Counting readers without tracking them').waitFor();
  await screenshot(page, '04-article-list-editor');
  await page.close();
});
