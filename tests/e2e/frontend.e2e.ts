import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ARTICLES } from '../../src/seed/demo-content';
import { useAdminBrowser } from '../helpers/admin-browser';
import { collectConsoleErrors, screenshot } from '../helpers/browser';
import { FRONTEND_E2E_URL, startFrontend, type RunningFrontend } from '../helpers/frontend';
import { useSharedApp } from '../helpers/strapi';

/**
 * The reference frontend (frontend/, Next.js, production build) in a real chromium, against the e2e
 * project's shared app with its demo content (jest.config.js boots it with FRONTEND_URL pointing here):
 * the demo article with everything the page shows, the cover's chosen rung, no layout shift, one view per
 * page view and none for a prefetch, the share redirect, accessibility, the page without JavaScript,
 * the 404 and the locale redirect, and the page when the API is down.
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
  await page.addScriptTag({
    content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'),
  });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: any[] }> } }).axe;
    return (await axe.run()).violations.map((v) => ({
      id: v.id as string,
      impact: v.impact as string,
      nodes: (v.nodes as Array<{ target: string[] }>).map((n) => n.target.join(' ')).join(', '),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes}`);
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
  site = await startFrontend({ strapiUrl: app().baseUrl });
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
  await page.addInitScript(() => {
    const win = window as unknown as { __cls: number };
    win.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<
        PerformanceEntry & { value: number; hadRecentInput: boolean }
      >)
        if (!entry.hadRecentInput) win.__cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(articleUrl(), { waitUntil: 'load' });
  const cover = page.locator('.cover img');
  await expect(cover.getAttribute('fetchpriority')).resolves.toBe('high');
  await expect(cover.getAttribute('width')).resolves.toMatch(/^\d+$/);
  await expect(cover.getAttribute('height')).resolves.toMatch(/^\d+$/);
  const chosen = await cover.evaluate((img: HTMLImageElement) => {
    const srcsets = [...(img.parentElement?.querySelectorAll('source') ?? [])].map(
      (source) => source.srcset
    );
    const rung = srcsets
      .flatMap((srcset) => srcset.split(',').map((entry) => entry.trim().split(/\s+/)))
      .find(([url]) => url === img.currentSrc);
    return {
      currentSrc: img.currentSrc,
      rungWidth: rung ? Number.parseInt(rung[1], 10) : null,
      renderedWidth: img.getBoundingClientRect().width,
      complete: img.complete && img.naturalWidth > 0,
    };
  });
  expect(chosen.complete).toBe(true);
  expect(chosen.currentSrc).toMatch(/\.(webp|avif)$/);
  expect(chosen.rungWidth).not.toBeNull();
  expect(chosen.rungWidth as number).toBeLessThanOrEqual(2 * chosen.renderedWidth);
  await page.waitForTimeout(500);
  await expect(page.evaluate(() => (window as unknown as { __cls: number }).__cls)).resolves.toBe(
    0
  );
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

it('share links lead to the network with the article canonical URL, counted', async () => {
  const page = await context.newPage();
  // no internet here: answer for the network
  await page.route('https://x.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>shared</title>' })
  );
  await page.goto(articleUrl());
  await Promise.all([
    page.waitForURL(/^https:\/\/x\.com\//),
    page.click('.share a[data-network="x"]'),
  ]);
  const target = new URL(page.url());
  expect(target.pathname).toBe('/intent/tweet');
  expect(target.searchParams.get('url')).toBe(`${FRONTEND_E2E_URL}/en/articles/${slug}`);
  expect(target.searchParams.get('text')).toBe(DEMO.title);
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
    await page.route('https://x.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>shared</title>' })
    );
    await page.goto(articleUrl(), { waitUntil: 'load' });
    await expect(page.locator('h1').innerText()).resolves.toBe(DEMO.title);
    await expect(
      page.locator('.cover img').evaluate((img: HTMLImageElement) => img.naturalWidth)
    ).resolves.toBeGreaterThan(0);
    await expect(page.locator('.cover .credit-line').innerText()).resolves.toMatch(/Jane Doe/);
    await expect(page.locator('.comment-list').count()).resolves.toBe(1);
    await screenshot(page, '71-frontend-article-no-js');
    await Promise.all([
      page.waitForURL(/^https:\/\/x\.com\//),
      page.click('.share a[data-network="x"]'),
    ]);
    expect(new URL(page.url()).searchParams.get('url')).toBe(
      `${FRONTEND_E2E_URL}/en/articles/${slug}`
    );
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
    expect(response?.status()).toBeGreaterThanOrEqual(500);
    await expect(page.locator('h1').innerText()).resolves.toBe('Service unavailable');
    await expect(page.content()).resolves.not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);
  } finally {
    await page.close();
    await down.stop();
  }
});
