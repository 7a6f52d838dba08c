import {
  ENGAGEMENT_TEST_ENV,
  browserUA,
  createArticle,
  flush,
  postView,
  stats,
} from '../helpers/engagement-fixtures';
import { useSharedApp } from '../helpers/strapi';

/**
 * Only what a person does counts: a share link embedded as an <img>/<script> or fetched from another page
 * redirects without counting, and a view beacon sent by a prefetch or prerender is answered, uncounted.
 * The view is answered by the fast-view middleware, which calls the route's own controller.
 */
const app = useSharedApp();

const shareLink = (documentId: string) => `/api/engagement/share/x/article/${documentId}`;

it('counts a share redirect only for a top-level navigation (or a browser without fetch metadata)', async () => {
  const doc = await createArticle(app().strapi, 'Shared from a page');
  const embedded = [
    { 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' },
    { 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'script' },
    { 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' },
    { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'iframe' },
    { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document', 'Sec-Purpose': 'prefetch' },
  ];
  for (const headers of embedded) {
    const res = await app()
      .http()
      .get(shareLink(doc.documentId))
      .set('User-Agent', browserUA())
      .set(headers);
    // still redirected, so the embedding page sees nothing unusual
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^https:\/\/(x|twitter)\.com\//);
  }
  await flush(app().strapi);
  expect((await stats(app(), doc.documentId)).shares.byNetwork.x).toBe(0);

  const navigation = await app()
    .http()
    .get(shareLink(doc.documentId))
    .set('User-Agent', browserUA())
    .set({ 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-User': '?1' });
  const olderBrowser = await app()
    .http()
    .get(shareLink(doc.documentId))
    .set('User-Agent', browserUA());
  expect([navigation.status, olderBrowser.status]).toEqual([302, 302]);
  await flush(app().strapi);
  expect((await stats(app(), doc.documentId)).shares.byNetwork.x).toBe(2);
});

it('answers a prefetched or prerendered view beacon without counting it', async () => {
  const doc = await createArticle(app().strapi, 'Prefetched');
  for (const headers of [
    { 'Sec-Purpose': 'prefetch' },
    { 'Sec-Purpose': 'prefetch;prerender' },
    { Purpose: 'prefetch' },
  ]) {
    const res = await postView(app(), doc.documentId, browserUA()).set(headers);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ data: { counted: false } });
  }
  const real = await postView(app(), doc.documentId, browserUA());
  expect(real.body).toEqual({ data: { counted: true } });
  await flush(app().strapi);
  expect((await stats(app(), doc.documentId)).views).toBe(1);
});
