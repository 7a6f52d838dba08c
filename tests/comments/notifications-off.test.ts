import { randomUUID } from 'node:crypto';
import { documentsOf } from '../helpers/content';
import { COMMENTS, guest, postComment } from '../helpers/comments';
import { type TestApp, useSharedApp } from '../helpers/strapi';

/**
 * The shared app has no SMTP server configured (no SMTP_HOST: Strapi's default email provider): the
 * comments plugin sends nothing, and says so to whoever asks for email, while commenting works as before.
 */
const testApp = useSharedApp();
let app: TestApp;
beforeAll(() => {
  app = testApp();
});

it('posts a comment that asks for reply notifications, answering that they are unavailable, and writes no email', async () => {
  const doc = await documentsOf(app, 'api::article.article').create({
    status: 'published',
    data: { title: `No email ${randomUUID().slice(0, 8)}` },
  });
  const res = await postComment(app, doc.documentId, {
    text: 'Tell me about replies.',
    author: guest(),
    notifyReplies: true,
  });
  expect(res.status).toBe(201);
  expect(res.body.meta.notifications).toBe('unavailable');
  expect(
    await app.strapi.db
      .query('plugin::reader-comments.outbox')
      .count({ where: { commentId: res.body.data.id } })
  ).toBe(0);
  expect(
    await app.strapi.db
      .query('plugin::reader-comments.subscription')
      .count({ where: { commentId: res.body.data.id } })
  ).toBe(0);
});

it('answers a verification request with 404 and a message', async () => {
  const res = await app.http().post(`${COMMENTS}/verify`).send({ email: 'ada@example.com' });
  expect([res.status, res.body.error.message]).toEqual([
    404,
    'This site sends no email, so addresses cannot be verified',
  ]);
});

it('refuses a notifyReplies that is not a boolean with a 400', async () => {
  const doc = await documentsOf(app, 'api::article.article').create({
    status: 'published',
    data: { title: `No email ${randomUUID().slice(0, 8)}` },
  });
  const res = await postComment(app, doc.documentId, {
    text: 'Hm.',
    author: guest(),
    notifyReplies: 'yes',
  });
  expect([res.status, res.body.error.message]).toEqual([
    400,
    '"notifyReplies" must be true or false',
  ]);
});
