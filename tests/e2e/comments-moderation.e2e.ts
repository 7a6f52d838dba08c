import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { adminAuth } from '../helpers/admin-api';
import { openSignedInPage, skipGuidedTour, useAdminBrowser } from '../helpers/admin-browser';
import { SUPER_ADMIN } from '../helpers/admin-users';
import { screenshot } from '../helpers/browser';
import { COMMENTS, guest, postComment } from '../helpers/comments';
import { documentsOf } from '../helpers/content';
import { useSharedApp } from '../helpers/strapi';

/**
 * The comments plugin's moderation pages in a real chromium: a first-time guest's comment waits
 * (`moderation.trustAfter: 1`), a super admin finds it from the homepage widget and the menu, sees why it
 * waits, approves it, and readers then see it in the public thread; the log records the decision. Then a
 * moderator's edit with its reason, and a refusal from the server shown with its message.
 */
const app = useSharedApp();
const browser = useAdminBrowser(app);

const TRUST_AFTER = 'plugin::reader-comments.moderation.trustAfter';
let page: Page;
let errors: string[];
let documentId: string;
let heldId: number;
const author = guest('Grace Newcomer');
const later = guest('Lin Later');
const text = `First time here, lovely piece ${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  // the running app's setting, as tests/comments/moderation.test.ts does: authors without an approved comment wait
  app().strapi.config.set(TRUST_AFTER, 1);
  const article = await documentsOf(app(), 'api::article.article').create({
    status: 'published',
    data: { title: `Moderated in the admin ${randomUUID().slice(0, 8)}` },
  });
  documentId = article.documentId;
  const posted = await postComment(app(), documentId, { text, author });
  expect([posted.status, posted.body.meta.status, posted.body.meta.heldBy]).toEqual([
    201,
    'pending',
    'new-commenter',
  ]);
  heldId = posted.body.data.id;
  ({ page, errors } = await openSignedInPage(browser(), app().baseUrl, SUPER_ADMIN));
});
afterAll(() => page?.close());

const thread = () => app().http().get(`${COMMENTS}/article/${documentId}`);
const row = (id: number) => page.locator(`[data-testid="comment-row"][data-comment-id="${id}"]`);
const notification = (message: string | RegExp) =>
  page.getByText(message).first().waitFor({ timeout: 20000 });

it('shows the waiting comment on the homepage widget and in the Pending queue with the rule that held it', async () => {
  await skipGuidedTour(page);
  const widget = page.getByTestId('comments-waiting-widget');
  await widget.waitFor({ timeout: 20000 });
  await widget.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('comments-waiting-pending').textContent()).resolves.toBe(
    '1Pending'
  );
  await screenshot(page, '50-comments-widget');

  await page.getByRole('link', { name: 'Comments', exact: true }).click();
  await page.waitForURL(/\/admin\/plugins\/reader-comments/);
  await row(heldId).waitFor({ timeout: 20000 });
  await expect(
    page.getByRole('tab', { name: 'Pending' }).getAttribute('aria-selected')
  ).resolves.toBe('true');
  const held = row(heldId);
  await expect(held.getByTestId('comment-text').textContent()).resolves.toBe(text);
  await expect(held.getByTestId('comment-author').textContent()).resolves.toBe(
    `Grace Newcomer · ${author.email}`
  );
  await expect(held.getByTestId('comment-held-by').textContent()).resolves.toBe(
    'New commenter: 0 approved comments (fewer than 1)'
  );
  await expect(held.getByText(documentId).count()).resolves.toBe(1);
  await expect(held.getByText('api::article.article').count()).resolves.toBe(1);
  await screenshot(page, '51-comments-pending');

  await held.getByRole('checkbox').click();
  await expect(page.getByTestId('bulk-actions').textContent()).resolves.toMatch(
    /^1 comment selectedApproveRejectMark as spamRemove$/
  );
  await screenshot(page, '51b-comments-selected');
  await held.getByRole('checkbox').click();
  await expect(page.getByTestId('bulk-actions').count()).resolves.toBe(0);
  expect((await thread()).body.meta.count).toBe(0);
});

it('approves it: the queue empties, readers see it, and the log says who approved it', async () => {
  await row(heldId).getByRole('button', { name: 'Approve' }).click();
  await notification('1 comment approved.');
  await page.getByTestId('queue-empty').waitFor({ timeout: 20000 });
  await screenshot(page, '52-comments-approved');

  const read = await thread();
  expect(read.status).toBe(200);
  expect([
    read.body.meta.count,
    read.body.data.map((comment: { id: number; text: string }) => [comment.id, comment.text]),
  ]).toEqual([1, [[heldId, text]]]);

  await page.getByRole('tab', { name: 'Log' }).click();
  const entry = page.getByTestId('log-row').first();
  await entry.waitFor({ timeout: 20000 });
  await expect(entry.textContent()).resolves.toMatch(new RegExp(`Approved#${heldId}Ada Admin—$`));
  await screenshot(page, '53-comments-log');
});

it("edits a comment with a reason, and shows the server's message when it refuses", async () => {
  await page.getByRole('tab', { name: 'Approved' }).click();
  await row(heldId).waitFor({ timeout: 20000 });
  await row(heldId).getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog').or(page.getByRole('alertdialog'));
  await dialog.getByLabel('Text').fill('First time here, edited by a moderator');
  const save = dialog.getByRole('button', { name: 'Save' });
  await expect(save.isDisabled()).resolves.toBe(true); // no reason yet
  await dialog.getByLabel('Reason').fill('shortened');
  await screenshot(page, '54-comments-edit');
  await save.click();
  await notification(`Comment ${heldId} edited.`);
  await row(heldId).getByText('First time here, edited by a moderator').waitFor({ timeout: 20000 });
  expect((await thread()).body.data[0].text).toBe('First time here, edited by a moderator');

  // blocking the same author twice: the server answers 409 and the page says why
  for (const expected of ['The email address of comment', 'This author is already blocked']) {
    await row(heldId).getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Block the author' }).click();
    await dialog.getByRole('button', { name: 'Block' }).click();
    await notification(new RegExp(expected));
    if (expected.startsWith('This')) await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
  await screenshot(page, '55-comments-block-refused');
  expect(errors).toEqual([]);
});

it("shows the article's comments in its edit view, links to them in the queues, and closes it to new comments", async () => {
  const reported = await postComment(app(), documentId, {
    text: 'Reported later',
    author: later,
  });
  expect(reported.body.meta.status).toBe('pending'); // a first-time commenter still waits
  await page.goto(
    `${app().baseUrl}/admin/content-manager/collection-types/api::article.article/${documentId}`
  );
  const panel = page.getByTestId('comments-panel');
  await panel.waitFor({ timeout: 20000 });
  await expect(panel.getByTestId('comments-panel-approved').textContent()).resolves.toBe(
    'Approved1'
  );
  await expect(panel.getByTestId('comments-panel-pending').textContent()).resolves.toBe('Pending1');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, '56-comments-edit-view-panel');

  await panel.getByRole('combobox').click();
  await page.getByRole('option', { name: 'Closed' }).click();
  await notification('Comments: Closed');
  expect((await thread()).body.meta.closed).toBe(true);
  const refused = await postComment(app(), documentId, { text: 'Now closed', author: guest() });
  expect(refused.status).toBe(403);

  await panel.getByTestId('comments-panel-queue').click();
  await page.waitForURL(/\/admin\/plugins\/reader-comments\?.*documentId=/);
  await page.getByTestId('queue-document-filter').waitFor({ timeout: 20000 });
  await page.getByRole('tab', { name: 'All' }).waitFor();
  await row(heldId).waitFor({ timeout: 20000 });
  await row(reported.body.data.id).waitFor({ timeout: 20000 });
  await expect(page.getByTestId('queue-count-pending').textContent()).resolves.toMatch(/^\d+$/);
  await screenshot(page, '57-comments-queue-of-document');
  expect(errors).toEqual([]);
});

it("erases a commenter's data from the Data requests tab after a confirmation", async () => {
  await page.getByRole('tab', { name: 'Data requests' }).click();
  await page.getByLabel('Email or user id').fill(later.email);
  await page.getByRole('button', { name: 'Erase their data' }).click();
  const dialog = page.getByRole('dialog').or(page.getByRole('alertdialog'));
  await dialog.getByText(`Every comment by ${later.email}`).waitFor({ timeout: 20000 });
  await screenshot(page, '58-comments-erase-confirm');
  await dialog.getByRole('button', { name: 'Erase their data' }).click();
  await notification('1 comment erased');
  const exported = await app()
    .http()
    .get(`/reader-comments/personal-data?email=${encodeURIComponent(later.email)}`)
    .set(await adminAuth(app()));
  expect(exported.body.data.comments).toEqual([]);
  expect(errors).toEqual([]);
});

describe('Settings → Reader comments', () => {
  // The app is shared with other browser files: the lists go back to the config's afterwards.
  afterAll(async () => {
    await app()
      .http()
      .put('/reader-comments/settings/words')
      .set(await adminAuth(app()))
      .send({ words: null });
  });

  it('edits the word lists in Settings → Reader comments; screening uses them at once', async () => {
    await page.goto(`${app().baseUrl}/admin/settings/reader-comments`);
    await page.getByTestId('words-source').waitFor({ timeout: 20000 });
    const word = `blorptastic${randomUUID().slice(0, 4)}`;
    await page.getByLabel('Banned').first().fill(word);
    await page.getByTestId('save-words').click();
    await notification('Saved');
    await screenshot(page, '59-comments-settings');
    const other = (
      await documentsOf(app(), 'api::article.article').create({
        status: 'published',
        data: { title: `Word lists ${randomUUID().slice(0, 8)}` },
      })
    ).documentId;
    const refused = await postComment(app(), other, { text: `So ${word}`, author: guest() });
    expect([refused.status, refused.body.error?.message]).toEqual([
      400,
      'the comment contains words this site does not publish',
    ]);
    expect(errors).toEqual([]);
  });
});
