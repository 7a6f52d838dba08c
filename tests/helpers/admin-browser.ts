import type { Browser, Page } from 'playwright-core';
import { createEditor, ensureSuperAdmin, type AdminCredentials } from './admin-users';
import { chromiumAvailable, collectConsoleErrors, launchBrowser } from './browser';
import type { TestApp } from './strapi';

/**
 * For an e2e file: launches chromium and creates the file's super admin and editor (Strapi's Editor role,
 * without the plugins' permissions) once the app is up; closes the browser at the end.
 */
export function useAdminBrowser(app: () => TestApp): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error("Chromium not found: install Debian's chromium or set CHROMIUM_PATH.");
    browser = await launchBrowser();
    await ensureSuperAdmin(app());
    await createEditor(app());
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser)
      throw new Error('The browser is not running: call useAdminBrowser() at the top of the file.');
    return browser;
  };
}

/** Signs in through the admin's login form and waits for the homepage. */
export async function logIn(page: Page, baseUrl: string, user: AdminCredentials): Promise<void> {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.getByLabel(/email/i).fill(user.email);
  await page.getByLabel(/^password/i).fill(user.password);
  await page.getByRole('button', { name: /login/i }).click();
  await page.waitForURL(/\/admin(\/)?$/);
}

/** A new page of `browser` signed in as `user`, with the console errors it collects from then on. */
export async function openSignedInPage(
  browser: Browser,
  baseUrl: string,
  user: AdminCredentials
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors = collectConsoleErrors(page);
  await logIn(page, baseUrl, user);
  return { page, errors };
}

/** Dismisses Strapi's guided tour if it pops up (it covers the page for new users). */
export async function skipGuidedTour(page: Page): Promise<void> {
  const skip = page.getByRole('button', { name: /^skip$/i });
  if (await skip.isVisible().catch(() => false)) await skip.click();
}
