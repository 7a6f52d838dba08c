import { adminAuth } from './helpers/admin-api';
import { documentsOf } from './helpers/content';
import { useTestApp } from './helpers/strapi';
import { verifyPreview } from '../src/frontend/preview-link';

/**
 * One FRONTEND_URL for every link the app builds (issue 23), on an app of its own (the setting is read
 * at boot): the share redirect and the comments' links use the article path template with the locale,
 * and Strapi's Preview answers a signed, expiring link to the frontend's page of the version edited.
 * The older settings as aliases are covered by src/frontend/__tests__/urls.test.ts.
 */
const SITE = 'https://news.example.com';
const SECRET = 'preview-secret-of-this-test';
const app = useTestApp({
  FRONTEND_URL: SITE,
  PREVIEW_SECRET: SECRET,
  // the integration tests' default sets the older setting, which would win
  ENGAGEMENT_ARTICLE_URL: '',
});

const run = Date.now().toString(36);
let admin: { Authorization: string };
beforeAll(async () => {
  admin = await adminAuth(app());
});

const previewUrl = async (uid: string, query: Record<string, string>) => {
  const res = await app().http().get(`/content-manager/preview/url/${uid}`).query(query).set(admin);
  expect(res.status).toBe(200);
  return new URL(res.body.data.url as string);
};

it('sends a share to the network with the article page under FRONTEND_URL, in its locale', async () => {
  const article = await documentsOf(app(), 'api::article.article').create({
    status: 'published',
    data: { title: `Shared from the frontend ${run}` },
  });
  const res = await app()
    .http()
    .get(`/api/engagement/share/x/article/${article.documentId}`)
    .set({ 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' })
    .redirects(0);
  expect(res.status).toBe(302);
  const target = new URL(res.headers.location as string);
  expect(target.searchParams.get('url')).toBe(`${SITE}/en/articles/${article.slug}`);
});

it('shares a translated page with its own URL, and refuses a locale that is not configured', async () => {
  const locales = await app().http().get('/i18n/locales').set(admin);
  if (!(locales.body as Array<{ code: string }>).some((locale) => locale.code === 'fr')) {
    const added = await app()
      .http()
      .post('/i18n/locales')
      .set(admin)
      .send({ code: 'fr', name: 'French (fr)', isDefault: false });
    expect(added.status).toBe(200);
  }
  const articles = documentsOf(app(), 'api::article.article');
  const english = await articles.create({
    status: 'published',
    data: { title: `Shared in two languages ${run}` },
  });
  const french = await articles.update({
    documentId: english.documentId,
    locale: 'fr',
    status: 'published',
    data: { title: `Partagé en deux langues ${run}` },
  });
  const share = (query: Record<string, string>) =>
    app()
      .http()
      .get(`/api/engagement/share/x/article/${english.documentId}`)
      .query(query)
      .set({ 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' })
      .redirects(0);

  const fromFrench = await share({ locale: 'fr' });
  expect(fromFrench.status).toBe(302);
  const target = new URL(fromFrench.headers.location as string);
  expect(target.searchParams.get('url')).toBe(`${SITE}/fr/articles/${french.slug}`);
  expect(target.searchParams.get('text')).toBe(`Partagé en deux langues ${run}`);
  // without a locale: the default locale's page, as before
  const fromDefault = await share({});
  expect(new URL(fromDefault.headers.location as string).searchParams.get('url')).toBe(
    `${SITE}/en/articles/${english.slug}`
  );

  const unknown = await share({ locale: 'xx' });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.message).toMatch(/^Unknown locale "xx"; configured locales: .*\bfr\b/);
  expect(unknown.headers.location).toBeUndefined();
});

it('links comment notifications to the article page and the comment', () => {
  expect(
    app().strapi.config.get('plugin::reader-comments.links.documentUrls') as Record<string, string>
  ).toEqual({ 'api::article.article': `${SITE}/{locale}/articles/{slug}#comment-{commentId}` });
});

it('answers Preview with a signed, expiring link to the draft on the frontend', async () => {
  const article = await documentsOf(app(), 'api::article.article').create({
    data: { title: `Previewed draft ${run}` },
  });
  const before = Date.now();
  const url = await previewUrl('api::article.article', {
    documentId: article.documentId,
    locale: 'en',
    status: 'draft',
  });
  const path = `/en/articles/${article.slug}`;
  // the page's preview route: the public page itself never reads a token and stays cacheable
  expect(url.origin + url.pathname).toBe(`${SITE}/preview${path}`);
  const grant = verifyPreview(url.searchParams.get('preview') ?? '', SECRET, Date.now());
  expect(grant).toMatchObject({ path, status: 'draft' });
  expect(grant!.expires).toBeGreaterThan(before);
  expect(grant!.expires).toBeLessThanOrEqual(Date.now() + 15 * 60 * 1000);
  // another secret, or after it expired, the link is worth nothing
  expect(verifyPreview(url.searchParams.get('preview') ?? '', 'another', Date.now())).toBeNull();
  expect(
    verifyPreview(url.searchParams.get('preview') ?? '', SECRET, grant!.expires + 1)
  ).toBeNull();
});

it('previews a tag on its preview route', async () => {
  const tag = await documentsOf(app(), 'api::tag.tag').create({
    status: 'published',
    data: { name: `Previewed tag ${run}` },
  });
  const url = await previewUrl('api::tag.tag', {
    documentId: tag.documentId,
    status: 'published',
  });
  expect(url.origin + url.pathname).toBe(`${SITE}/preview/en/tags/${tag.slug}`);
  expect(verifyPreview(url.searchParams.get('preview') ?? '', SECRET, Date.now())).toMatchObject({
    status: 'published',
  });
});
