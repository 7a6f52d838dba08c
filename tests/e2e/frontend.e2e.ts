import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ARTICLES } from '../../src/seed/demo-content';
import { openSignedInPage, skipGuidedTour, useAdminBrowser } from '../helpers/admin-browser';
import { adminAuth } from '../helpers/admin-api';
import { SUPER_ADMIN } from '../helpers/admin-users';
import { documentsOf } from '../helpers/content';
import { collectConsoleErrors, screenshot } from '../helpers/browser';
import { FRONTEND_E2E_URL, startFrontend, type RunningFrontend } from '../helpers/frontend';
import { signPreview } from '../../src/frontend/preview-link';
import { useSharedApp } from '../helpers/strapi';

/**
 * The reference frontend (frontend/, Next.js, production build) in a real chromium, against the e2e
 * project's shared app with its demo content (jest.config.js boots it with FRONTEND_URL pointing here):
 * the demo article with everything the page shows, the cover's chosen rung, no layout shift, one view per
 * page view and none for a prefetch, the share redirect, accessibility, the page without JavaScript,
 * the 404 and the locale redirect, the page when the API is down, and Strapi's Preview of a draft.
 */
const app = useSharedApp();
const browser = useAdminBrowser(app);

const ARTICLE_UID = 'api::article.article';
const DEMO = DEMO_ARTICLES[0];
const FRENCH_TITLE = DEMO.translations?.fr?.title as string;
/** A desktop browser's user agent: the view counter drops requests that say "HeadlessChrome" (bots). */
const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

let site: RunningFrontend;
let documentId: string;
let slug: string;
let frenchSlug: string;
let context: BrowserContext;

const articleUrl = (locale = 'en', articleSlug = slug) =>
  `${site.url}/${locale}/articles/${articleSlug}`;

/** The article's view total as the API reports it (live: stored + buffered). */
async function views(): Promise<number> {
  const response = await app().http().get(`/api/articles/by-slug/${slug}`);
  return response.body.data.engagement.views as number;
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return check();
}

/** axe-core's serious and critical violations on the page. */
async function seriousViolations(page: Page): Promise<string[]> {
  // evaluated by the browser's devtools protocol: the page's Content-Security-Policy refuses an
  // injected <script>, as it should
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = (await page.evaluate(`axe.run().then((result) =>
    result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')).join(', '),
    })))`)) as Array<{ id: string; impact: string; nodes: string }>;
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes}`);
}

/** Sums the page's layout shifts from its first paint (`window.__cls`). */
const MEASURE_CLS = `
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
`;

/** The cover's chosen source, the width of that rung in the srcset, and its rendered width. */
const COVER_CHOICE = `(() => {
  const img = document.querySelector('.cover img');
  const rung = [...img.parentElement.querySelectorAll('source')]
    .flatMap((source) => source.srcset.split(',').map((entry) => entry.trim().split(/\\s+/)))
    .find(([url]) => url === img.currentSrc);
  return {
    currentSrc: img.currentSrc,
    rungWidth: rung ? Number.parseInt(rung[1], 10) : null,
    renderedWidth: img.getBoundingClientRect().width,
    complete: img.complete && img.naturalWidth > 0,
  };
})()`;

/**
 * The frontend's token for Preview, made as an admin would in Settings → API Tokens: a custom token
 * with the read-drafts permission and the by-slug read, nothing else.
 */
async function readDraftsToken(): Promise<string> {
  const res = await app()
    .http()
    .post('/admin/api-tokens')
    .set(await adminAuth(app()))
    .send({
      name: `frontend-preview-${Date.now()}`,
      type: 'custom',
      lifespan: null,
      permissions: ['api::article.article.findBySlug', 'api::preview.preview.readDrafts'],
    });
  if (res.status !== 201) throw new Error(`api-tokens answered ${res.status}: ${res.text}`);
  return res.body.data.accessKey as string;
}

beforeAll(async () => {
  const found = (await app()
    .strapi.documents(ARTICLE_UID)
    .findFirst({ filters: { title: DEMO.title }, status: 'published' })) as unknown as {
    documentId: string;
    slug: string;
  } | null;
  if (!found) throw new Error('the demo content has no article to render');
  documentId = found.documentId;
  slug = found.slug;
  const french = (await app()
    .strapi.documents(ARTICLE_UID)
    .findOne({ documentId, locale: 'fr', status: 'published' })) as unknown as {
    slug: string;
  } | null;
  if (!french) throw new Error('the demo article has no French version');
  frenchSlug = french.slug;
  expect(app().env.FRONTEND_URL).toBe(FRONTEND_E2E_URL);
  site = await startFrontend({
    strapiUrl: app().baseUrl,
    env: {
      PREVIEW_SECRET: app().env.PREVIEW_SECRET,
      PREVIEW_API_TOKEN: await readDraftsToken(),
    },
  });
  context = await browser().newContext({
    userAgent: USER_AGENT,
    viewport: { width: 1280, height: 900 },
  });
});
afterAll(async () => {
  await context?.close();
  await site?.stop();
});

it('renders the demo article: text, cover and credit, tags, count, share links, comments', async () => {
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  const response = await page.goto(articleUrl());
  expect(response?.status()).toBe(200);
  // scripts only from the site, with this response's nonce (a violation would be a console error)
  expect(response?.headers()['content-security-policy']).toMatch(
    /script-src 'self' 'nonce-[A-Za-z0-9+/=]+';/
  );
  await expect(page.locator('h1').innerText()).resolves.toBe(DEMO.title);
  await expect(page.locator('.article-body').innerText()).resolves.toContain(
    DEMO.paragraphs[0].slice(0, 60)
  );
  await expect(page.locator('.cover .credit-line').innerText()).resolves.toMatch(
    /DALL·E.*Jane Doe/
  );
  const tag = page.locator('.tags a', { hasText: 'AI' });
  await expect(tag.getAttribute('href')).resolves.toBe('/en/tags/ai');
  await expect(page.locator('.view-count').innerText()).resolves.toMatch(/^\d[\d,]* views?$/);
  await expect(page.locator('.share a').count()).resolves.toBeGreaterThanOrEqual(3);
  await expect(page.locator('#comments h2').innerText()).resolves.toBe('Comments');
  // the head: canonical, hreflang for both languages, the og_webp card, JSON-LD with the cover
  const canonical = `${FRONTEND_E2E_URL}/en/articles/${slug}`;
  await expect(page.locator('link[rel="canonical"]').getAttribute('href')).resolves.toBe(canonical);
  await expect(
    page.locator('link[rel="alternate"][hreflang="fr"]').getAttribute('href')
  ).resolves.toBe(`${FRONTEND_E2E_URL}/fr/articles/${frenchSlug}`);
  await expect(
    page.locator('link[rel="alternate"][hreflang="x-default"]').getAttribute('href')
  ).resolves.toBe(canonical);
  const ogImage = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(ogImage).toMatch(/og_webp_.*\.webp$/);
  await expect(page.locator('meta[name="twitter:card"]').getAttribute('content')).resolves.toBe(
    'summary_large_image'
  );
  const jsonLd = JSON.parse(
    (await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}'
  );
  expect(jsonLd).toMatchObject({ '@type': 'Article', headline: DEMO.title, url: canonical });
  expect(jsonLd.image).toMatchObject({ '@type': 'ImageObject' });
  // the language switcher leads to the French version
  await expect(
    page.locator('.language-switcher a[hreflang="fr"]').getAttribute('href')
  ).resolves.toBe(`/fr/articles/${frenchSlug}`);
  await screenshot(page, '70-frontend-article');
  expect(errors).toEqual([]);
  await page.close();
});

it('loads a WebP or AVIF rung of the cover no wider than twice its rendered width, without layout shift', async () => {
  const page = await context.newPage();
  await page.addInitScript({ content: MEASURE_CLS });
  await page.goto(articleUrl(), { waitUntil: 'load' });
  const cover = page.locator('.cover img');
  await expect(cover.getAttribute('fetchpriority')).resolves.toBe('high');
  await expect(cover.getAttribute('width')).resolves.toMatch(/^\d+$/);
  await expect(cover.getAttribute('height')).resolves.toMatch(/^\d+$/);
  const chosen = (await page.evaluate(COVER_CHOICE)) as {
    currentSrc: string;
    rungWidth: number | null;
    renderedWidth: number;
    complete: boolean;
  };
  expect(chosen.complete).toBe(true);
  expect(chosen.currentSrc).toMatch(/\.(webp|avif)$/);
  expect(chosen.rungWidth).not.toBeNull();
  expect(chosen.rungWidth as number).toBeLessThanOrEqual(2 * chosen.renderedWidth);
  await page.waitForTimeout(500);
  await expect(page.evaluate('window.__cls')).resolves.toBe(0);
  await page.close();
});

it('counts exactly one view per page view, and none for a prefetch', async () => {
  // a fresh reader (its own user agent): the counter's dedupe window is per visitor
  const reader = await browser().newContext({ userAgent: `${USER_AGENT} Reader/1` });
  try {
    const before = await views();
    // a prefetch fetches the HTML and runs no script: nothing is counted
    const prefetch = await reader.request.get(articleUrl(), {
      headers: { 'Sec-Purpose': 'prefetch', Purpose: 'prefetch' },
    });
    expect(prefetch.status()).toBe(200);
    const linkPage = await reader.newPage();
    await linkPage.setContent(`<link rel="prefetch" href="${articleUrl()}">`);
    await linkPage.waitForTimeout(1000);
    await linkPage.close();
    await expect(views()).resolves.toBe(before);

    const page = await reader.newPage();
    await page.goto(articleUrl());
    expect(await until(async () => (await views()) === before + 1)).toBe(true);
    // and not once more a moment later
    await page.waitForTimeout(1500);
    await expect(views()).resolves.toBe(before + 1);
    await page.close();
  } finally {
    await reader.close();
  }
});

/**
 * Follows a share link as the browser navigates to it, and answers for the network (no internet here):
 * resolves with where the share redirect sent the reader.
 */
async function followShareLink(page: Page, network: string): Promise<URL> {
  let location: string | undefined;
  await page.route('**/api/engagement/share/**', async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    location = response.headers()['location'];
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Shared</title>' });
  });
  await Promise.all([
    page.waitForURL('**/api/engagement/share/**'),
    page.click(`.share a[data-network="${network}"]`),
  ]);
  if (!location) throw new Error('the share link did not redirect');
  return new URL(location);
}

it('share links lead to the network with the article canonical URL', async () => {
  const page = await context.newPage();
  await page.goto(articleUrl());
  const target = await followShareLink(page, 'x');
  expect(target.origin + target.pathname).toBe('https://x.com/intent/tweet');
  expect(target.searchParams.get('url')).toBe(`${FRONTEND_E2E_URL}/en/articles/${slug}`);
  expect(target.searchParams.get('text')).toBe(DEMO.title);
  await page.close();
});

it('shares the French page with its own canonical URL', async () => {
  const page = await context.newPage();
  await page.goto(articleUrl('fr', frenchSlug));
  const target = await followShareLink(page, 'x');
  expect(target.searchParams.get('url')).toBe(`${FRONTEND_E2E_URL}/fr/articles/${frenchSlug}`);
  expect(target.searchParams.get('text')).toBe(FRENCH_TITLE);
  await page.close();
});

it('has no serious or critical accessibility violations on the article, tag and home pages', async () => {
  const page = await context.newPage();
  for (const path of [`/en/articles/${slug}`, '/en/tags/ai', '/en']) {
    await page.goto(`${site.url}${path}`);
    expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
  }
  await page.close();
});

it('works without JavaScript: the article, its image, credit and share links', async () => {
  const noScript = await browser().newContext({
    javaScriptEnabled: false,
    userAgent: USER_AGENT,
  });
  try {
    const page = await noScript.newPage();
    await page.goto(articleUrl(), { waitUntil: 'load' });
    await expect(page.locator('h1').innerText()).resolves.toBe(DEMO.title);
    await expect(
      page.evaluate("document.querySelector('.cover img').naturalWidth")
    ).resolves.toBeGreaterThan(0);
    await expect(page.locator('.cover .credit-line').innerText()).resolves.toMatch(/Jane Doe/);
    // the count as the server rendered it
    await expect(page.locator('.view-count').innerText()).resolves.toMatch(/^\d[\d,]* views?$/);
    await expect(page.locator('.comment-list').count()).resolves.toBe(1);
    await screenshot(page, '71-frontend-article-no-js');
    const target = await followShareLink(page, 'facebook');
    expect(target.searchParams.get('u')).toBe(`${FRONTEND_E2E_URL}/en/articles/${slug}`);
  } finally {
    await noScript.close();
  }
});

it('shows the tag page and the home page with the article and its count', async () => {
  const page = await context.newPage();
  await page.goto(`${site.url}/en/tags/ai`);
  await expect(page.locator('h1').innerText()).resolves.toBe('Articles tagged AI');
  await expect(page.locator('.article-list a', { hasText: DEMO.title }).count()).resolves.toBe(1);
  const home = await page.goto(site.url);
  expect(home?.url()).toBe(`${site.url}/en`);
  await expect(page.locator('.article-list a', { hasText: DEMO.title }).count()).resolves.toBe(1);
  await expect(page.locator('.popular h2').innerText()).resolves.toBe('Most read this week');
  await screenshot(page, '72-frontend-home');
  await page.close();
});

it('answers 404 for an unknown slug, and sends a slug of another locale to this locale’s version', async () => {
  const page = await context.newPage();
  const missing = await page.goto(`${site.url}/en/articles/no-such-article-anywhere`);
  expect(missing?.status()).toBe(404);
  await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
  // the English slug under /fr/ leads to the French version
  await page.goto(articleUrl('fr', slug));
  expect(page.url()).toBe(articleUrl('fr', frenchSlug));
  await expect(page.locator('h1').innerText()).resolves.toBe(FRENCH_TITLE);
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
  await page.close();
});

it('says the service is unavailable when the API is down, without a stack trace', async () => {
  const down = await startFrontend({ strapiUrl: 'http://127.0.0.1:9', port: 3124 });
  const page = await context.newPage();
  try {
    const response = await page.goto(`${down.url}/en/articles/${slug}`);
    expect(response?.status()).toBe(503);
    expect(response?.headers()['retry-after']).toMatch(/^\d+$/);
    expect(response?.headers()['cache-control']).toBe('private, no-store');
    await expect(page.locator('h1').innerText()).resolves.toBe('Service unavailable');
    await expect(page.content()).resolves.not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);
  } finally {
    await page.close();
    await down.stop();
  }
});

it('shows an editor the draft in Preview while readers still see the published version', async () => {
  const run = Date.now().toString(36);
  const published = `Published title ${run}`;
  const drafted = `Draft title the editor just wrote ${run}`;
  const article = await documentsOf(app(), ARTICLE_UID).create({
    status: 'published',
    data: { title: published },
  });
  const publicUrl = articleUrl('en', article.slug as string);
  const { page: admin } = await openSignedInPage(browser(), app().baseUrl, SUPER_ADMIN);
  try {
    await admin.goto(
      `${app().baseUrl}/admin/content-manager/collection-types/${ARTICLE_UID}/${article.documentId}?plugins[i18n][locale]=en`
    );
    await skipGuidedTour(admin);
    const title = admin.getByRole('textbox', { name: /^title/i });
    await title.waitFor({ timeout: 60000 });
    await title.fill(drafted);
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await admin.getByText(/Saved/).first().waitFor({ timeout: 20000 });
    await admin.getByRole('link', { name: /Open preview/i }).click();
    const frame = admin.frameLocator('iframe');
    await expect(frame.locator('h1').innerText({ timeout: 30000 })).resolves.toBe(drafted);
    await expect(frame.locator('.preview-banner').count()).resolves.toBe(1);
    await screenshot(admin, '73-frontend-preview');
  } finally {
    await admin.close();
  }
  // readers: the published title, and the previews counted no view
  const reader = await context.newPage();
  await reader.goto(publicUrl);
  await expect(reader.locator('h1').innerText()).resolves.toBe(published);
  await reader.close();
  const stats = await app().http().get(`/api/articles/by-slug/${article.slug}`);
  expect(stats.body.data.title).toBe(published);
});

it('refuses a preview link that is forged or for another page, and never caches a preview', async () => {
  const forged = await fetch(`${site.url}/preview/en/articles/${slug}?preview=forged.token`);
  expect(forged.status).toBe(404);
  expect(forged.headers.get('cache-control')).toBe('private, no-store');
  expect(forged.headers.get('x-robots-tag')).toBe('noindex, nofollow');
  // a valid token for another page is worth nothing here
  const other = signPreview(
    { path: '/en/articles/another-page', status: 'draft', expires: Date.now() + 60_000 },
    app().env.PREVIEW_SECRET as string
  );
  const elsewhere = await fetch(
    `${site.url}/preview/en/articles/${slug}?${new URLSearchParams({ preview: other })}`
  );
  expect(elsewhere.status).toBe(404);
  // the public page ignores a token: it never shows a draft, so it stays cacheable
  const ignored = await fetch(`${articleUrl()}?preview=${encodeURIComponent(other)}`);
  expect(ignored.status).toBe(200);
  await expect(ignored.text()).resolves.not.toContain('preview-banner');
});

it("lets a CDN keep the article, tag and home pages as long as the API's answers, the count staying live", async () => {
  const api = await app().http().get(`/api/articles/by-slug/${slug}`);
  const apiCaching = api.headers['cache-control'] as string;
  expect(apiCaching).toMatch(/\bpublic\b.*\bs-maxage=\d+/);
  for (const path of [`/en/articles/${slug}`, '/en/tags/ai', '/en']) {
    const res = await fetch(`${site.url}${path}`, { redirect: 'manual' });
    expect({ path, status: res.status, caching: res.headers.get('cache-control') }).toEqual({
      path,
      status: 200,
      caching: apiCaching,
    });
    await res.arrayBuffer();
  }
  // the page's count is the API's current one, read by the browser after load (a CDN's copy of the
  // HTML may be older): here the API is made to say a number no render ever had
  const page = await context.newPage();
  await page.route(
    (url) => /^\/api\/engagement\/article\/[^/]+$/.test(url.pathname),
    async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ data: { views: 987654, shares: { total: 0, byNetwork: {} } } }),
      });
    }
  );
  await page.goto(articleUrl());
  await page.locator('.view-count', { hasText: '987,654 views' }).waitFor({ timeout: 10_000 });
  await page.close();
});
