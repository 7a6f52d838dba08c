import type { Page } from 'playwright-core';
import { openSignedInPage, skipGuidedTour, useAdminBrowser } from '../helpers/admin-browser';
import { SUPER_ADMIN } from '../helpers/admin-users';
import { screenshot } from '../helpers/browser';
import { useSharedApp } from '../helpers/strapi';

/**
 * An editor of a bilingual site, in a real chromium: the demo article that has an English and a French
 * version shows the same engagement figures and the slug hint on both versions, switching with the edit
 * view's locale menu.
 */
const app = useSharedApp();
const browser = useAdminBrowser(app);

const ARTICLE_UID = 'api::article.article';
const FRENCH_TITLE = 'Ce qu’une image de couverture générée par IA doit à ses lecteurs';
const SLUG_HINT = /Leave empty to generate it from the title/;
let documentId: string;
/** The article's views once this file's two are counted (other files on the shared app read the demo article too). */
let expectedViews: RegExp;

beforeAll(async () => {
  const found = (await app()
    .strapi.documents(ARTICLE_UID)
    .findFirst({
      filters: { title: FRENCH_TITLE },
      locale: 'fr',
      status: 'published',
    })) as unknown as {
    documentId: string;
  } | null;
  if (!found) throw new Error('the demo content has no French article');
  documentId = found.documentId;
  const before = (await app().http().get(`/api/engagement/article/${documentId}`)).body.data
    .views as number;
  expectedViews = new RegExp(`^${before + 2}$`);
  for (let i = 0; i < 2; i += 1) {
    const res = await app()
      .http()
      .post(`/api/engagement/article/${documentId}/view`)
      .set(
        'User-Agent',
        `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 visitor-l10n-${i}`
      );
    expect(res.body.data.counted).toBe(true);
  }
});

describe('a super admin editing a localized article', () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await openSignedInPage(browser(), app().baseUrl, SUPER_ADMIN));
  });
  afterAll(() => page?.close());

  it('sees the engagement panel and the slug hint in English, then in French after switching the locale', async () => {
    await page.goto(
      `${app().baseUrl}/admin/content-manager/collection-types/${ARTICLE_UID}/${documentId}?plugins[i18n][locale]=en`
    );
    await skipGuidedTour(page);
    // the first edit view loads the admin's bundles: slow on a busy machine
    await page
      .getByTestId('engagement-views')
      .filter({ hasText: expectedViews })
      .waitFor({ timeout: 90000 });
    await page.getByText(SLUG_HINT).waitFor();
    await expect(page.getByRole('textbox', { name: /^title/i }).inputValue()).resolves.toBe(
      'What an AI-generated cover image owes its readers'
    );
    await screenshot(page, '30-localized-en');

    await page.getByRole('combobox', { name: 'Locales' }).click();
    await page.getByRole('option', { name: /French/ }).click();
    await page.waitForURL(/plugins(%5B|\[)i18n(%5D|\])(%5B|\[)locale(%5D|\])=fr/);
    await page
      .getByRole('textbox', { name: /^title/i })
      .and(page.locator(`[value="${FRENCH_TITLE}"]`))
      .waitFor({ timeout: 60000 });
    await page
      .getByTestId('engagement-views')
      .filter({ hasText: expectedViews })
      .waitFor({ timeout: 60000 });
    await page.getByText(SLUG_HINT).waitFor();
    await expect(page.getByRole('textbox', { name: /^slug/i }).inputValue()).resolves.toBe(
      'ce-quune-image-de-couverture-generee-par-ia-doit-a-ses-lecteurs'
    );
    await screenshot(page, '31-localized-fr');
    expect(errors).toEqual([]);
  });
});
