import { randomUUID } from 'node:crypto';
import { adminAuth } from '../helpers/admin-api';
import { documentsOf } from '../helpers/content';
import { COMMENTS, guest, postComment, useCommentSettings } from '../helpers/comments';
import { type TestApp, useSharedApp } from '../helpers/strapi';

/**
 * Moderation through the admin API (the moderation pages' routes) and what readers see after each
 * decision: held comments, approvals, bulk actions, edits with a reason, blocks, reports, signed-in
 * authors.
 */
const testApp = useSharedApp();
let app: TestApp;
let moderator: { Authorization: string };
beforeAll(async () => {
  app = testApp();
  moderator = await adminAuth(app);
});

const withSetting = useCommentSettings(testApp);

const publishedArticle = async () =>
  (
    await documentsOf(app, 'api::article.article').create({
      status: 'published',
      data: { title: `Moderated ${randomUUID().slice(0, 8)}` },
    })
  ).documentId as string;
const thread = (documentId: string) => app.http().get(`${COMMENTS}/article/${documentId}`);
const admin = {
  get: (path: string) => app.http().get(`/reader-comments${path}`).set(moderator),
  post: (path: string, body: object, auth = moderator) =>
    app.http().post(`/reader-comments${path}`).set(auth).send(body),
  put: (path: string, body: object) =>
    app.http().put(`/reader-comments${path}`).set(moderator).send(body),
};

/** A signed-in reader (Users & Permissions), registered over HTTP. */
async function reader(): Promise<{ jwt: string; username: string; id: number }> {
  const username = `reader${randomUUID().slice(0, 8)}`;
  const res = await app
    .http()
    .post('/api/auth/local/register')
    .send({ username, email: `${username}@example.com`, password: 'Reader-Passw0rd!' });
  if (res.status !== 200)
    throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { jwt: res.body.jwt, username, id: res.body.user.id };
}

it("holds a first-time commenter's comment until a moderator approves it; after that their comments publish at once", async () => {
  withSetting('moderation.trustAfter', 1);
  const documentId = await publishedArticle();
  const author = guest('Newcomer');
  const first = await postComment(app, documentId, { text: 'My first comment here', author });
  expect(first.body.meta).toMatchObject({ status: 'pending', heldBy: 'new-commenter' });
  expect((await thread(documentId)).body.meta.count).toBe(0);

  const queue = await admin.get('/queue?queue=pending&pageSize=100');
  expect(queue.status).toBe(200);
  const held = queue.body.data.find((comment: { id: number }) => comment.id === first.body.data.id);
  expect(held).toMatchObject({
    status: 'pending',
    heldBy: 'new-commenter',
    heldDetail: '0 approved comments (fewer than 1)',
    author: { email: author.email },
  });

  const approved = await admin.post('/moderate', { ids: [first.body.data.id], action: 'approve' });
  expect(approved.status).toBe(200);
  const read = await thread(documentId);
  expect([
    read.body.meta.count,
    read.body.data.map((comment: { id: number }) => comment.id),
  ]).toEqual([1, [first.body.data.id]]);

  const second = await postComment(app, documentId, { text: 'And a second one', author });
  expect(second.body.meta.status).toBe('approved');
});

it('refuses moderation to an admin without the moderate permission', async () => {
  const editor = await adminAuth(app, 'strapi-editor');
  const res = await app.http().get('/reader-comments/queue').set(editor);
  expect(res.status).toBe(403);
  const act = await admin.post('/moderate', { ids: [1], action: 'approve' }, editor);
  expect(act.status).toBe(403);
});

it('rejects and marks spam in bulk, recounting each document, and logs who did what and why', async () => {
  const documentId = await publishedArticle();
  const ids: number[] = [];
  for (let i = 0; i < 4; i += 1)
    ids.push(
      (await postComment(app, documentId, { text: `Comment ${i}`, author: guest() })).body.data.id
    );
  expect((await thread(documentId)).body.meta.count).toBe(4);
  expect(
    (
      await admin.post('/moderate', {
        ids: [ids[0], ids[1]],
        action: 'reject',
        reason: 'off topic',
      })
    ).status
  ).toBe(200);
  expect((await admin.post('/moderate', { ids: [ids[2]], action: 'spam' })).status).toBe(200);
  const read = await thread(documentId);
  expect([
    read.body.meta.count,
    read.body.data.map((comment: { id: number }) => comment.id),
  ]).toEqual([1, [ids[3]]]);
  const log = await admin.get('/log?pageSize=10');
  expect(log.body.data.slice(0, 2)).toEqual([
    expect.objectContaining({ action: 'spam', commentIds: [ids[2]] }),
    expect.objectContaining({
      action: 'reject',
      commentIds: [ids[0], ids[1]],
      reason: 'off topic',
      moderator: expect.any(String),
    }),
  ]);
  const bad = await admin.post('/moderate', { ids: [ids[3]], action: 'delete-everything' });
  expect([bad.status, bad.body.error.message]).toEqual([
    400,
    '"action" must be one of approve, reject, spam, remove',
  ]);
  const missing = await admin.post('/moderate', { ids: [999_999_999], action: 'approve' });
  expect(missing.status).toBe(404);
});

it('lets a moderator edit a comment with a reason, keeping the previous text', async () => {
  const documentId = await publishedArticle();
  const posted = await postComment(app, documentId, {
    text: 'Call me at 555-0100',
    author: guest(),
  });
  const noReason = await admin.put(`/comments/${posted.body.data.id}`, {
    text: 'Call me at [removed]',
  });
  expect([noReason.status, noReason.body.error.message]).toEqual([
    400,
    '"reason" is required: say why',
  ]);
  const edited = await admin.put(`/comments/${posted.body.data.id}`, {
    text: 'Call me at [removed]',
    reason: 'phone number',
  });
  expect(edited.status).toBe(200);
  expect((await thread(documentId)).body.data[0].text).toBe('Call me at [removed]');
  const row = await app.strapi.db
    .query('plugin::reader-comments.comment')
    .findOne({ where: { id: posted.body.data.id } });
  expect(row.revisions).toEqual([
    expect.objectContaining({
      text: 'Call me at 555-0100',
      reason: 'phone number',
      by: expect.any(String),
    }),
  ]);
});

it('blocks an author: their next comment is refused (403) and what they had waiting becomes spam', async () => {
  withSetting('moderation.trustAfter', 1);
  const documentId = await publishedArticle();
  const troll = guest('Troll');
  const first = await postComment(app, documentId, { text: 'Waiting comment', author: troll });
  expect(first.body.meta.status).toBe('pending');
  const blocked = await admin.post(`/comments/${first.body.data.id}/block`, {
    by: 'author',
    reason: 'abuse',
  });
  expect([blocked.status, blocked.body.data]).toEqual([201, { blocked: 'email' }]);
  const again = await postComment(app, documentId, {
    text: 'Let me back in',
    author: { ...troll, email: troll.email.toUpperCase() },
  });
  expect([again.status, again.body.error.message]).toEqual([
    403,
    'You cannot comment on this site',
  ]);
  const row = await app.strapi.db
    .query('plugin::reader-comments.comment')
    .findOne({ where: { id: first.body.data.id } });
  expect(row.status).toBe('spam');
  const twice = await admin.post(`/comments/${first.body.data.id}/block`, { by: 'author' });
  expect(twice.status).toBe(409);
});

describe('signed-in readers', () => {
  it('post under their account name without a token, and only they may edit', async () => {
    const documentId = await publishedArticle();
    const alice = await reader();
    const bob = await reader();
    const posted = await postComment(
      app,
      documentId,
      { text: 'Signed in and commenting' },
      { jwt: alice.jwt }
    );
    expect(posted.status).toBe(201);
    expect(posted.body.data.author).toEqual({ name: alice.username, signedIn: true });
    expect(posted.body.meta.editToken).toBeNull();
    const byBob = await app
      .http()
      .patch(`${COMMENTS}/comments/${posted.body.data.id}`)
      .set('Authorization', `Bearer ${bob.jwt}`)
      .send({ text: 'Hijacked' });
    expect(byBob.status).toBe(403);
    const byAlice = await app
      .http()
      .patch(`${COMMENTS}/comments/${posted.body.data.id}`)
      .set('Authorization', `Bearer ${alice.jwt}`)
      .send({ text: 'Signed in, edited' });
    expect([byAlice.status, byAlice.body.data.text]).toEqual([200, 'Signed in, edited']);
  });

  it('report a comment once each; enough reports hide it until a moderator decides', async () => {
    withSetting('moderation.hideAfterReports', 2);
    const documentId = await publishedArticle();
    const posted = await postComment(app, documentId, {
      text: 'A contested opinion',
      author: guest(),
    });
    const [first, second] = [await reader(), await reader()];
    const report = (jwt: string) =>
      app
        .http()
        .post(`${COMMENTS}/comments/${posted.body.data.id}/report`)
        .set('Authorization', `Bearer ${jwt}`)
        .send({ reason: 'abusive' });
    const tooLong = await app
      .http()
      .post(`${COMMENTS}/comments/${posted.body.data.id}/report`)
      .set('Authorization', `Bearer ${first.jwt}`)
      .send({ reason: 'x'.repeat(256) });
    expect([tooLong.status, tooLong.body.error.message]).toEqual([
      400,
      '"reason" must be a string of at most 255 characters',
    ]);
    expect((await report(first.jwt)).body.data).toEqual({ reported: true, hidden: false });
    const again = await report(first.jwt);
    expect([again.status, again.body.error.message]).toEqual([
      409,
      'You already reported this comment',
    ]);
    expect((await thread(documentId)).body.meta.count).toBe(1);
    expect((await report(second.jwt)).body.data).toEqual({ reported: true, hidden: true });
    const read = await thread(documentId);
    expect([read.body.meta.count, read.body.data]).toEqual([0, []]);
    const queue = await admin.get('/queue?queue=reported&pageSize=100');
    expect(
      queue.body.data.find((comment: { id: number }) => comment.id === posted.body.data.id)
    ).toMatchObject({ heldBy: 'reports', reportCount: 2 });
  });
});

describe('data requests', () => {
  it("exports a guest's comments for a moderator, then erases them: answered ones stay as placeholders, counts drop", async () => {
    const documentId = await publishedArticle();
    const author = guest('Leaving');
    const top = await postComment(app, documentId, { text: 'Something I said', author });
    await postComment(app, documentId, {
      text: 'A reply by someone else',
      author: guest('Staying'),
      parentId: top.body.data.id,
    });
    const lone = await postComment(app, documentId, { text: 'Something else I said', author });
    expect((await thread(documentId)).body.meta.count).toBe(3);

    const exported = await admin.get(
      `/personal-data?email=${encodeURIComponent(author.email.toUpperCase())}`
    );
    expect(exported.status).toBe(200);
    expect(
      exported.body.data.comments.map((comment: { id: number; text: string; email: string }) => [
        comment.id,
        comment.text,
        comment.email,
      ])
    ).toEqual([
      [top.body.data.id, 'Something I said', author.email],
      [lone.body.data.id, 'Something else I said', author.email],
    ]);

    const erased = await app
      .http()
      .delete(`/reader-comments/personal-data?email=${encodeURIComponent(author.email)}`)
      .set(moderator);
    expect([erased.status, erased.body.data]).toEqual([200, { erased: 2 }]);
    const read = await thread(documentId);
    expect(read.body.meta.count).toBe(1);
    expect(read.body.data).toHaveLength(1);
    expect(read.body.data[0]).toMatchObject({ id: top.body.data.id, removed: true, text: '' });
    expect(read.body.data[0].replies[0].text).toBe('A reply by someone else');
    const rows = await app.strapi.db
      .query('plugin::reader-comments.comment')
      .findMany({ where: { id: { $in: [top.body.data.id, lone.body.data.id] } } });
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${author.email}|Leaving|Something`));
    expect(
      (await admin.get(`/personal-data?email=${encodeURIComponent(author.email)}`)).body.data
        .comments
    ).toEqual([]);
  });
});

it('reconciles counts written by something else than the plugin (an import, a restored backup)', async () => {
  const documentId = await publishedArticle();
  const top = await postComment(app, documentId, { text: 'Counted once', author: guest() });
  await postComment(app, documentId, {
    text: 'A reply',
    author: guest(),
    parentId: top.body.data.id,
  });
  expect((await thread(documentId)).body.meta.count).toBe(2);
  await app.strapi.db
    .query('plugin::reader-comments.count')
    .updateMany({ where: { subjectId: documentId }, data: { approved: 99 } });
  await app.strapi.db
    .query('plugin::reader-comments.comment')
    .update({ where: { id: top.body.data.id }, data: { replyCount: 7 } });

  const reconciled = await admin.post('/reconcile', {});
  expect(reconciled.status).toBe(200);
  expect(reconciled.body.data.changed).toBeGreaterThanOrEqual(1);
  expect(reconciled.body.data.documents).toBeGreaterThanOrEqual(1);
  const count = await app.strapi.db
    .query('plugin::reader-comments.count')
    .findOne({ where: { subjectId: documentId } });
  const root = await app.strapi.db
    .query('plugin::reader-comments.comment')
    .findOne({ where: { id: top.body.data.id } });
  expect([count.approved, root.replyCount]).toEqual([2, 1]);
  const read = await thread(documentId);
  expect([read.body.meta.count, read.body.data[0].replyCount]).toEqual([2, 1]);
});
