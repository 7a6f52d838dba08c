import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { openSignedInPage, useAdminBrowser } from '../helpers/admin-browser';
import { SUPER_ADMIN } from '../helpers/admin-users';
import { collectConsoleErrors, screenshot } from '../helpers/browser';
import { adminAuth } from '../helpers/admin-api';
import { COMMENTS, guest, postComment } from '../helpers/comments';
import { documentsOf } from '../helpers/content';
import { startFrontend, type RunningFrontend } from '../helpers/frontend';
import { useTestApp } from '../helpers/strapi';

/**
 * The comment section of the reference frontend's article page (frontend/, its production build) in a
 * real chromium, against an app of its own: a guest's first comment waits for a moderator
 * (`COMMENTS_TRUST_AFTER=1`), the ALTCHA widget solves its challenge in the browser, the moderator
 * approves it in the admin, readers then see it and its count, its author edits it within the edit
 * window, another reader reports it. The guest's email never reaches a page.
 */
/** Not 3123 or 3124 (tests/e2e/frontend.e2e.ts): the two files may run side by side. */
const FRONTEND_PORT = 3125;
const app = useTestApp({
  COMMENTS_TRUST_AFTER: '1',
  FRONTEND_URL: `http://127.0.0.1:${FRONTEND_PORT}`,
});
const browser = useAdminBrowser(app);

const EMPTY_STATE = 'There are no comments about this article, let us know what you think?';
const run = randomUUID().slice(0, 8);
// markup in the title and the name must show as text
const title = `Comments <em>welcome</em> & "quoted" ${run}`;
const author = guest(`Ada <b>Reader</b> ${run}`);
const text = `A first thought on this piece, ${run}.`;
const edited = `A first thought on this piece, ${run}, said better.`;

let site: RunningFrontend;
let slug: string;
let guestContext: BrowserContext;
let readerContext: BrowserContext;
let guestPage: Page;
let readerPage: Page;
let guestErrors: string[];
let readerErrors: string[];
let commentId: number;

beforeAll(async () => {
  site = await startFrontend({ strapiUrl: app().baseUrl, port: FRONTEND_PORT });
  const article = await documentsOf(app(), 'api::article.article').create({
    status: 'published',
    data: { title },
  });
  slug = article.slug as string;
  documentId = article.documentId;
  guestContext = await browser().newContext();
  readerContext = await browser().newContext();
  guestPage = await guestContext.newPage();
  readerPage = await readerContext.newPage();
  guestErrors = collectConsoleErrors(guestPage);
  readerErrors = collectConsoleErrors(readerPage);
});
afterAll(async () => {
  await guestContext?.close();
  await readerContext?.close();
  await site?.stop();
});

const articleUrl = (articleSlug = slug) => `${site.url}/en/articles/${articleSlug}`;
const comment = (page: Page, id: number) => page.locator(`[data-comment-id="${id}"]`);
/**
 * Waits until the page's comment script has wired the section: Next loads it after hydration, which can
 * come after the load event, and a check that something is absent means nothing before then.
 */
const wired = (page: Page) =>
  page.locator('section.comments[data-wired="true"]').waitFor({ timeout: 20000 });
let documentId: string;
const publicCount = async () =>
  (await app().http().get(`${COMMENTS}/article/${documentId}`)).body.meta.count as number;
const expectNoEmail = async (page: Page) =>
  expect((await page.content()).toLowerCase()).not.toContain(author.email.toLowerCase());

it('shows the article as text and the empty state', async () => {
  await guestPage.goto(articleUrl());
  await wired(guestPage);
  await expect(guestPage.locator('h1').innerText()).resolves.toBe(title);
  await expect(guestPage.locator('h1 em').count()).resolves.toBe(0);
  await expect(guestPage.locator('.comments-empty').isVisible()).resolves.toBe(true);
  await expect(guestPage.locator('.comments-empty').innerText()).resolves.toBe(EMPTY_STATE);
  await expect(guestPage.locator('.comment-count').isVisible()).resolves.toBe(false);
  await expect(guestPage.getByText(/proof-of-work check \(ALTCHA\)/).isVisible()).resolves.toBe(
    true
  );
  await expect(
    guestPage.getByText('Never shown to readers; only moderators see it.').isVisible()
  ).resolves.toBe(true);
  // the honeypot is in the form, off the screen
  const honeypot = await guestPage.locator('input[name="website"]').boundingBox();
  expect(honeypot && honeypot.x + honeypot.width <= 0).toBe(true);
  await screenshot(guestPage, '60-comment-section-empty');
});

it('posts a first comment: the widget solves its challenge, the comment awaits moderation', async () => {
  const field = (name: string) => guestPage.getByRole('textbox', { name, exact: true });
  await field('Name').fill(author.name);
  await field('Email').fill(author.email);
  await field('Comment').fill(text);
  await guestPage.getByRole('button', { name: 'Post comment' }).click();
  await guestPage
    .getByText('Thank you! Your comment is awaiting moderation')
    .waitFor({ timeout: 30000 });
  const mine = guestPage.locator('.comment-own');
  await expect(mine.locator('.comment-pending').innerText()).resolves.toBe('awaiting moderation');
  await expect(mine.locator('.comment-text').innerText()).resolves.toBe(text);
  await expect(mine.locator('.comment-author').innerText()).resolves.toBe(author.name);
  await expect(mine.locator('.comment-author b').count()).resolves.toBe(0);
  // for its author the thread is no longer empty
  await expect(guestPage.locator('.comments-empty').isVisible()).resolves.toBe(false);
  commentId = Number(await mine.getAttribute('data-comment-id'));
  await expectNoEmail(guestPage);
  await screenshot(guestPage, '61-comment-section-awaiting');

  // its author still sees it after a reload; other readers do not, and the count stays 0
  await guestPage.reload();
  await wired(guestPage);
  await expect(comment(guestPage, commentId).locator('.comment-pending').innerText()).resolves.toBe(
    'awaiting moderation'
  );
  await readerPage.goto(articleUrl());
  await wired(readerPage);
  await expect(readerPage.locator('.comments-empty').isVisible()).resolves.toBe(true);
  await expect(comment(readerPage, commentId).count()).resolves.toBe(0);
  await expect(publicCount()).resolves.toBe(0);
});

it('a moderator approves it in the admin; readers see it with the count', async () => {
  const { page: admin } = await openSignedInPage(browser(), app().baseUrl, SUPER_ADMIN);
  try {
    await admin.goto(`${app().baseUrl}/admin/plugins/reader-comments?tab=pending`);
    const row = admin.locator(`[data-testid="comment-row"][data-comment-id="${commentId}"]`);
    // the admin's first load on a busy 2-core machine can take a while
    await row.waitFor({ timeout: 60000 });
    await row.getByRole('button', { name: 'Approve' }).click();
    await admin.getByText('1 comment approved.').first().waitFor({ timeout: 20000 });
  } finally {
    await admin.close();
  }

  await readerPage.reload();
  await wired(readerPage);
  await expect(readerPage.locator('.comment-count').innerText()).resolves.toBe('1 comment');
  await expect(readerPage.locator('.comments-empty').isVisible()).resolves.toBe(false);
  const shown = comment(readerPage, commentId);
  await expect(shown.locator('.comment-text').innerText()).resolves.toBe(text);
  await expect(shown.locator('.comment-author').innerText()).resolves.toBe(author.name);
  // only its author may change it
  await expect(shown.getByRole('button', { name: 'Edit' }).count()).resolves.toBe(0);
  await expectNoEmail(readerPage);
  await screenshot(readerPage, '62-comment-section-approved');
});

it('its author edits it within the edit window', async () => {
  await guestPage.reload();
  await wired(guestPage);
  await expect(guestPage.locator('.comment-count').innerText()).resolves.toBe('1 comment');
  const mine = comment(guestPage, commentId);
  await expect(mine.locator('.comment-pending').count()).resolves.toBe(0);
  await mine.getByRole('button', { name: 'Edit' }).click();
  await mine.getByLabel('Edit your comment').fill(edited);
  await mine.getByRole('button', { name: 'Save' }).click();
  await mine.locator('.comment-edited').waitFor({ timeout: 20000 });
  await expect(mine.locator('.comment-text').innerText()).resolves.toBe(edited);
  await screenshot(guestPage, '63-comment-section-edited');

  await readerPage.reload();
  await wired(readerPage);
  await expect(comment(readerPage, commentId).locator('.comment-text').innerText()).resolves.toBe(
    edited
  );
  await expectNoEmail(guestPage);
});

it('another reader reports it and the button says so', async () => {
  const report = comment(readerPage, commentId).getByRole('button', { name: 'Report' });
  await report.click();
  await comment(readerPage, commentId)
    .getByRole('button', { name: 'Reported, thank you' })
    .waitFor({ timeout: 20000 });
  await expect(
    comment(readerPage, commentId).getByRole('button', { name: 'Reported, thank you' }).isDisabled()
  ).resolves.toBe(true);
  await screenshot(readerPage, '64-comment-section-reported');
  await expectNoEmail(readerPage);
});

it('its author deletes it; readers see the empty state again', async () => {
  const mine = comment(guestPage, commentId);
  await mine.getByRole('button', { name: 'Delete' }).click();
  await mine.getByRole('button', { name: 'Delete for good?' }).click();
  await mine.getByText('You deleted this comment.').waitFor({ timeout: 20000 });
  await expect(guestPage.locator('.comments-empty').isVisible()).resolves.toBe(true);

  await readerPage.reload();
  await wired(readerPage);
  await expect(readerPage.locator('.comments-empty').isVisible()).resolves.toBe(true);
  await expect(comment(readerPage, commentId).count()).resolves.toBe(0);
});

it('pages through older comments and more replies with the API cursors', async () => {
  const article = await documentsOf(app(), 'api::article.article').create({
    status: 'published',
    data: { title: `A busy thread ${run}` },
  });
  // 21 top-level comments (a page holds 20), the newest with 4 replies (3 come with the thread)
  const someone = guest(`Busy Reader ${run}`);
  const ids: number[] = [];
  const post = async (text: string, parentId?: number) => {
    const res = await postComment(app(), article.documentId, { text, author: someone, parentId });
    expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
    ids.push(res.body.data.id as number);
    return res.body.data.id as number;
  };
  // this guest's comments wait (COMMENTS_TRUST_AFTER): approved through the admin API, before the
  // replies (a reply needs a published parent) and after
  const admin = await adminAuth(app());
  const approve = async (from: number) => {
    const res = await app()
      .http()
      .post('/reader-comments/moderate')
      .set(admin)
      .send({ ids: ids.slice(from), action: 'approve' });
    expect(res.status).toBe(200);
  };
  for (let i = 0; i < 21; i += 1) await post(`Top-level comment ${i} ${run}`);
  await approve(0);
  const newest = ids[ids.length - 1];
  for (let i = 0; i < 4; i += 1) await post(`Reply ${i} ${run}`, newest);
  await approve(21);

  await readerPage.goto(articleUrl(article.slug as string));
  await wired(readerPage);
  await expect(readerPage.locator('.comment-count').innerText()).resolves.toBe('25 comments');
  await expect(readerPage.getByText(`Top-level comment 0 ${run}`).count()).resolves.toBe(0);
  await readerPage.getByRole('link', { name: 'Older comments' }).click();
  await readerPage.getByText(`Top-level comment 0 ${run}`).waitFor({ timeout: 20000 });
  await expect(readerPage.getByText(`Top-level comment 20 ${run}`).count()).resolves.toBe(0);

  await readerPage.goBack();
  await expect(readerPage.getByText(`Reply 3 ${run}`).count()).resolves.toBe(0);
  await readerPage.getByRole('link', { name: 'More replies (1)' }).click();
  await readerPage.getByText(`Reply 3 ${run}`).waitFor({ timeout: 20000 });
  await wired(readerPage);
  // the replies page is wired like the article page: a reply can be reported there
  const lastReply = comment(readerPage, ids[ids.length - 1]);
  await lastReply.getByRole('button', { name: 'Report' }).click();
  await lastReply.getByRole('button', { name: 'Reported, thank you' }).waitFor({ timeout: 20000 });
  await screenshot(readerPage, '65-comment-section-more-replies');
  expect([...guestErrors, ...readerErrors]).toEqual([]);
});
