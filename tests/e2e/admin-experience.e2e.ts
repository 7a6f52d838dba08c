import type { Page } from 'playwright-core';
import { logIn, openSignedInPage, skipGuidedTour, useAdminBrowser } from '../helpers/admin-browser';
import { EDITOR, SUPER_ADMIN } from '../helpers/admin-users';
import { screenshot } from '../helpers/browser';
import { useSharedApp } from '../helpers/strapi';

/**
 * What an editor sees of the plugins in the admin, driven in a real chromium: the engagement panel,
 * list column and homepage widgets, the thumbnails settings with "Regenerate all", and an editor
 * without the plugins' permissions who sees none of it.
 */
const app = useSharedApp();
const browser = useAdminBrowser(app);
let article: { documentId: string; title: string };

const ARTICLE_UID = 'api::article.article';
const ARTICLE_TITLE = 'Counting readers without tracking them';

beforeAll(async () => {
  const found = (await app()
    .strapi.documents(ARTICLE_UID)
    .findFirst({ filters: { title: ARTICLE_TITLE }, status: 'published' })) as unknown as {
    documentId: string;
    title: string;
  };
  article = found;
});

/** Views from distinct visitors (each a different browser), through the public API. */
async function postViews(count: number, offset = 0): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const res = await app()
      .http()
      .post(`/api/engagement/article/${article.documentId}/view`)
      .set(
        'User-Agent',
        `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 visitor-${offset + i}`
      );
    expect(res.status).toBe(202);
    expect(res.body.data.counted).toBe(true);
  }
}

const editUrl = () =>
  `${app().baseUrl}/admin/content-manager/collection-types/${ARTICLE_UID}/${article.documentId}`;

describe('a super admin', () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await openSignedInPage(browser(), app().baseUrl, SUPER_ADMIN));
  });
  afterAll(() => page?.close());

  it('sees the engagement panel update without a reload when views arrive', async () => {
    await page.goto(editUrl());
    await skipGuidedTour(page);
    const views = page.getByTestId('engagement-views');
    await views.waitFor();
    await expect(views.textContent()).resolves.toBe('0');
    await screenshot(page, '10-panel-before');

    await postViews(3);
    await page
      .getByTestId('engagement-views')
      .filter({ hasText: /^3$/ })
      .waitFor({ timeout: 20000 });
    const today = new Date().toISOString().slice(0, 10);
    await expect(
      page
        .locator(`[data-testid="engagement-chart"] rect[data-date="${today}"]`)
        .getAttribute('data-views')
    ).resolves.toBe('3');
    await screenshot(page, '11-panel-after-views');
  });

  it('sets counts carried over from an old site, exports the per-day CSV and resets them', async () => {
    await page.getByRole('button', { name: 'Set counts', exact: true }).click();
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await dialog.getByLabel('Views').fill('4633');
    await dialog.getByLabel('Shares on x').fill('12');
    await screenshot(page, '11b-set-counts');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page
      .getByTestId('engagement-views')
      .filter({ hasText: /^4,633$/ })
      .waitFor({ timeout: 20000 });
    await expect(page.getByTestId('engagement-shares').textContent()).resolves.toBe('12');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export per-day CSV' }).click();
    const csv = await (await download)
      .path()
      .then((file) => require('node:fs').readFileSync(file as string, 'utf8') as string);
    const today = new Date().toISOString().slice(0, 10);
    expect(csv.split(/\r?\n/)[0]).toBe('date,views,shares');
    expect(csv).toContain(`${today},3,0`);

    await page.getByRole('button', { name: 'Reset counts', exact: true }).click();
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page
      .getByTestId('engagement-views')
      .filter({ hasText: /^0$/ })
      .waitFor({ timeout: 20000 });
    // the rest of the tests expect the three views again
    await postViews(3, 100);
    await page
      .getByTestId('engagement-views')
      .filter({ hasText: /^3$/ })
      .waitFor({ timeout: 20000 });
  });

  it('sees the resolved credit line of the cover', async () => {
    await expect(page.getByTestId('cover-credit-line').textContent()).resolves.toBe(
      'Photo: Priya Natarajan, © 2024 The Example Gazette'
    );
  });

  it('sees a views column in the list view', async () => {
    await page.goto(`${app().baseUrl}/admin/content-manager/collection-types/${ARTICLE_UID}`);
    await page.getByText(ARTICLE_TITLE).waitFor();
    await skipGuidedTour(page);
    await screenshot(page, '12-list-view');
    await page.locator('thead th', { hasText: /^views$/i }).waitFor({ timeout: 10000 });
    const row = page.getByRole('row').filter({ hasText: ARTICLE_TITLE });
    await expect(row.getByTestId('engagement-views-cell').textContent()).resolves.toBe('3');
    await screenshot(page, '12-list-column');
  });

  it('sees both homepage widgets, linking to the edit view', async () => {
    const share = await app()
      .http()
      .post(`/api/engagement/article/${article.documentId}/share`)
      .send({ network: 'linkedin' });
    expect(share.status).toBe(202);
    await page.goto(`${app().baseUrl}/admin`);
    await skipGuidedTour(page);
    const viewed = page.getByTestId('engagement-widget-views');
    await viewed.getByRole('link', { name: ARTICLE_TITLE }).waitFor();
    await expect(viewed.textContent()).resolves.toContain('3 views');
    await expect(
      page
        .getByTestId('engagement-widget-shares')
        .getByRole('link', { name: ARTICLE_TITLE })
        .count()
    ).resolves.toBe(1);
    await screenshot(page, '13-home-widgets');
    await viewed.getByRole('link', { name: ARTICLE_TITLE }).click();
    await page.waitForURL(new RegExp(`${article.documentId}`));
  });

  it('runs "Regenerate all" to completion, even after leaving the page', async () => {
    await page.goto(`${app().baseUrl}/admin/settings/thumbnails`);
    await page.getByText('og_webp').waitFor();
    await screenshot(page, '14-thumbnails-settings');
    await page.getByRole('button', { name: /regenerate all/i }).click();
    await page.goto(`${app().baseUrl}/admin/settings/engagement`);
    await page.getByText('dedupeWindowSeconds').waitFor();
    // flush health: the views of the earlier steps have been written
    await page
      .getByTestId('engagement-flush-health')
      .getByText(/Last successful write: (?!—)/)
      .waitFor();
    await screenshot(page, '15-engagement-settings');
    await page.goto(`${app().baseUrl}/admin/settings/thumbnails`);
    await page
      .locator('[data-testid="regenerate-status"][data-state="done"]')
      .waitFor({ timeout: 60000 });
    await screenshot(page, '16-regenerate-done');
    const files = (await app()
      .strapi.db.query('plugin::upload.file')
      .findMany({ select: ['formats'] })) as Array<{ formats: Record<string, unknown> }>;
    expect(files.length).toBeGreaterThan(0);
    for (const file of files)
      expect(Object.keys(file.formats)).toEqual(
        expect.arrayContaining(['og_webp', 'card_webp', 'square_webp'])
      );
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('an editor without the plugin permissions', () => {
  let page: Page;

  beforeAll(async () => {
    page = await browser().newPage();
    await logIn(page, app().baseUrl, EDITOR);
  });
  afterAll(async () => {
    await page.close();
  });

  it('sees no panel, no column and no widget', async () => {
    await page.goto(editUrl());
    await skipGuidedTour(page);
    await page.getByText('Cover credit').waitFor();
    await expect(page.getByText('Engagement', { exact: true }).count()).resolves.toBe(0);
    await expect(page.getByTestId('engagement-views').count()).resolves.toBe(0);
    await screenshot(page, '20-editor-edit-view');

    await page.goto(`${app().baseUrl}/admin/content-manager/collection-types/${ARTICLE_UID}`);
    await page.getByText(ARTICLE_TITLE).waitFor();
    await expect(page.locator('thead th', { hasText: /^views$/i }).count()).resolves.toBe(0);
    await expect(page.locator('thead th', { hasText: /^title$/i }).count()).resolves.toBe(1);

    await page.goto(`${app().baseUrl}/admin`);
    await page
      .getByText(/hello|welcome/i)
      .first()
      .waitFor();
    await expect(page.getByText('Most viewed this week').count()).resolves.toBe(0);
    await expect(page.getByText('Most shared this week').count()).resolves.toBe(0);
    await screenshot(page, '21-editor-home');
  });

  it('gets 403 from every admin route of the plugins', async () => {
    const login = await app().http().post('/admin/login').send(EDITOR);
    expect(login.status).toBe(200);
    const auth = { Authorization: `Bearer ${login.body.data.token}` };
    const id = article.documentId;
    const calls = [
      app().http().get(`/engagement/stats/article/${id}`).set(auth),
      app().http().get('/engagement/popular/article').set(auth),
      app().http().get(`/engagement/totals/article?documentIds=${id}`).set(auth),
      app().http().get('/engagement/settings').set(auth),
      app().http().get(`/engagement/export/article/${id}`).set(auth),
      app().http().put(`/engagement/counts/article/${id}`).set(auth).send({ views: 1 }),
      app().http().delete(`/engagement/counts/article/${id}`).set(auth),
      app().http().get('/thumbnails/settings').set(auth),
      app().http().get('/thumbnails/regenerate').set(auth),
      app().http().post('/thumbnails/regenerate').set(auth),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(403);
  });
});
