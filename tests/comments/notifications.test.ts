import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { adminAuth } from '../helpers/admin-api';
import {
  COMMENTS,
  guest,
  postComment,
  solvedPayload,
  useCommentSettings,
} from '../helpers/comments';
import { documentsOf } from '../helpers/content';
import { type TestApp, useTestApp } from '../helpers/strapi';
import createOutboxService from '../../plugins/reader-comments/server/src/services/outbox';

/**
 * Email over a real SMTP server in this process (smtp-server; messages read back with mailparser):
 * reply notifications with double opt-in and one-click unsubscribe, held replies, retries while the
 * server refuses, the moderators' digest, and verified guests with their own data requests. One app of
 * its own for the file, configured with that server.
 */

const API = 'https://api.example.com';
const SITE = 'https://www.example.com';

/** What the SMTP server received, and switches that make it refuse. */
const inbox: ParsedMail[] = [];
let down = false;
let refuseNext = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onConnect(_session, callback) {
    if (down) {
      const error = new Error('Service not available') as Error & { responseCode: number };
      error.responseCode = 421;
      callback(error);
      return;
    }
    callback();
  },
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        if (refuseNext > 0) {
          refuseNext -= 1;
          const error = new Error('Try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        inbox.push(mail);
        callback();
      })
      .catch(callback);
  },
});

const env: Record<string, string> = {
  SMTP_HOST: '127.0.0.1',
  EMAIL_FROM: 'Comments <comments@example.com>',
  PUBLIC_API_URL: API,
  COMMENTS_ARTICLE_URL: `${SITE}/articles/{slug}#comment-{commentId}`,
  COMMENTS_SITE_NAME: 'The Example Post',
  COMMENTS_MAIL_POLL_SECONDS: '0.2',
  COMMENTS_MAIL_RETRY_SECONDS: '0.2',
};
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  env.SMTP_PORT = String((smtp.server.address() as AddressInfo).port);
});
const testApp = useTestApp(env);
let app: TestApp;
let moderator: { Authorization: string };
beforeAll(async () => {
  app = testApp();
  moderator = await adminAuth(app);
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const withSetting = useCommentSettings(testApp);
afterEach(() => {
  down = false;
  refuseNext = 0;
});

const addressOf = (mail: ParsedMail): string[] =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to) =>
    to.value.map((entry) => entry.address ?? '')
  );

/** The messages delivered to `address` so far. */
const mailTo = (address: string) => inbox.filter((mail) => addressOf(mail).includes(address));

/** Waits until a message to `address` matching `match` arrives; returns it. */
async function waitForMail(
  address: string,
  match: (mail: ParsedMail) => boolean = () => true,
  timeoutMs = 20_000
): Promise<ParsedMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = mailTo(address).find(match);
    if (found) return found;
    if (Date.now() > until)
      throw new Error(
        `no matching mail to ${address}; it has: ${mailTo(address)
          .map((mail) => mail.subject)
          .join(' | ')}`
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface OutboxRow {
  id: number;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  recipient: string | null;
}
const outbox = () => app.strapi.db.query('plugin::reader-comments.outbox');

/** Waits until the outbox row about comment `commentId` satisfies `done`; returns it. */
async function waitForRow(
  where: Record<string, unknown>,
  done: (row: OutboxRow) => boolean,
  timeoutMs = 20_000
): Promise<OutboxRow> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = (await outbox().findOne({ where, orderBy: { id: 'desc' } })) as OutboxRow | null;
    if (row && done(row)) return row;
    if (Date.now() > until)
      throw new Error(`outbox row ${JSON.stringify(where)} is ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first link in a message's text that goes to `path` on the API. */
function linkIn(mail: ParsedMail, path: string): string {
  const match = new RegExp(
    `${API.replace(/\./g, '\\.')}(/api/reader-comments${path}\\?token=[A-Za-z0-9_.%-]+)`
  ).exec(mail.text ?? '');
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[1] as string;
}

const header = (mail: ParsedMail, name: string): string | undefined =>
  mail.headerLines.find((line) => line.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, '');

/** Public answers never carry an email address or an address hash. */
function expectNoPersonalData(body: unknown): void {
  const json = JSON.stringify(body);
  expect(json).not.toMatch(/@example\.com/);
  expect(json).not.toMatch(/addressHash|authorEmail|authorKey|emailKey|"email"/);
}

const publishedArticle = async () => {
  const doc = await documentsOf(app, 'api::article.article').create({
    status: 'published',
    data: { title: `Notified ${randomUUID().slice(0, 8)}` },
  });
  return { documentId: doc.documentId as string, slug: doc.slug as string };
};

/** A signed-in reader (Users & Permissions, confirmed account email), registered over HTTP. */
async function reader(): Promise<{ jwt: string; email: string; id: number }> {
  const username = `reader${randomUUID().slice(0, 8)}`;
  const email = `${username}@example.com`;
  const res = await app
    .http()
    .post('/api/auth/local/register')
    .send({ username, email, password: 'Reader-Passw0rd!' });
  if (res.status !== 200)
    throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { jwt: res.body.jwt, email, id: res.body.user.id };
}

describe('a guest asks for reply notifications', () => {
  it('gets only a confirmation until confirming; then a reply arrives with one-click unsubscribe, which stops further mail', async () => {
    const { documentId, slug } = await publishedArticle();
    const ada = guest('Ada Subscriber');
    const posted = await postComment(app, documentId, {
      text: 'Tell me when someone answers.',
      author: ada,
      notifyReplies: true,
    });
    expect(posted.status).toBe(201);
    expect(posted.body.meta.notifications).toBe('confirmation-sent');
    expectNoPersonalData({ ...posted.body, meta: { ...posted.body.meta, editToken: null } });
    const confirmation = await waitForMail(ada.email);
    expect(confirmation.subject).toBe('Confirm reply notifications from The Example Post');
    expect(confirmation.from?.value[0]).toMatchObject({
      name: 'Comments',
      address: 'comments@example.com',
    });

    // A reply before confirming: nothing but the confirmation goes to the address.
    const early = await postComment(app, documentId, {
      text: 'An early answer.',
      author: guest('Early Bird'),
      parentId: posted.body.data.id,
    });
    expect(early.status).toBe(201);
    const skipped = await waitForRow({ commentId: early.body.data.id, kind: 'reply' }, (row) =>
      ['skipped', 'sent', 'failed'].includes(row.status)
    );
    expect(skipped.status).toBe('skipped');
    expect(mailTo(ada.email)).toHaveLength(1);

    // Confirming: the GET only shows the page; the POST confirms.
    const confirmLink = linkIn(confirmation, '/mail/subscriptions/confirm');
    const page = await app.http().get(confirmLink).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post">');
    const confirmed = await app.http().post(confirmLink).set('Accept', 'application/json');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ data: { status: 'active', subscriptions: 1 } });
    const again = await app.http().post(confirmLink).set('Accept', 'application/json');
    expect([again.status, again.body.error.message]).toEqual([
      404,
      'This confirmation link is not known (or was used)',
    ]);

    const grace = guest('Grace Replier');
    const reply = await postComment(app, documentId, {
      text: 'Here is my answer.',
      author: grace,
      parentId: posted.body.data.id,
    });
    expect(reply.status).toBe(201);
    const notice = await waitForMail(
      ada.email,
      (mail) => mail.subject?.startsWith('New reply') ?? false
    );
    expect(notice.subject).toBe('New reply to your comment on The Example Post');
    expect(notice.text).toContain('Grace Replier replied to your comment');
    expect(notice.text).toContain('Here is my answer.');
    expect(notice.text).not.toContain('An early answer.');
    expect(notice.text).toContain(`${SITE}/articles/${slug}#comment-${reply.body.data.id}`);
    expect(`${notice.text}${notice.html}`).not.toContain(grace.email);
    const unsubscribeUrl = header(notice, 'List-Unsubscribe');
    expect(unsubscribeUrl).toMatch(
      /^<https:\/\/api\.example\.com\/api\/reader-comments\/mail\/subscriptions\/unsubscribe\?token=[0-9]+\.[A-Za-z0-9_-]{32}>$/
    );
    expect(header(notice, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeLink = linkIn(notice, '/mail/subscriptions/unsubscribe');
    expect(`<${API}${unsubscribeLink}>`).toBe(unsubscribeUrl);
    expect(notice.html).toContain('Unsubscribe</a>');

    // What a mail client's one-click button sends (RFC 8058): a form POST to the header's URL.
    const look = await app.http().get(unsubscribeLink).set('Accept', 'text/html');
    expect([look.status, look.text]).toEqual([200, expect.stringContaining('Unsubscribe')]);
    const oneClick = await app
      .http()
      .post(unsubscribeLink)
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(oneClick.body).toEqual({ data: { status: 'unsubscribed', subscriptions: 1 } });

    const after = await postComment(app, documentId, {
      text: 'Another answer nobody is told about.',
      author: guest(),
      parentId: posted.body.data.id,
    });
    expect(after.status).toBe(201);
    // Nothing is even written for an address that unsubscribed.
    expect(await outbox().count({ where: { commentId: after.body.data.id } })).toBe(0);
    expect(mailTo(ada.email).map((mail) => mail.subject)).toEqual([
      'Confirm reply notifications from The Example Post',
      'New reply to your comment on The Example Post',
    ]);
  });

  it('refuses malformed and forged links with 400 and a message', async () => {
    const forged = await app
      .http()
      .post(`${COMMENTS}/mail/subscriptions/unsubscribe?token=1.${'A'.repeat(32)}`);
    expect([forged.status, forged.body.error.message]).toEqual([
      400,
      'This unsubscribe link is not valid',
    ]);
    const malformed = await app.http().post(`${COMMENTS}/mail/subscriptions/confirm?token=abc`);
    expect([malformed.status, malformed.body.error.message]).toEqual([
      400,
      '"token" must be the token of a confirmation link',
    ]);
  });
});

describe('a signed-in reader', () => {
  it('is subscribed at once, hears of replies by others but not of their own', async () => {
    const { documentId } = await publishedArticle();
    const user = await reader();
    const posted = await postComment(
      app,
      documentId,
      { text: 'Signed in and curious.', notifyReplies: true },
      { jwt: user.jwt }
    );
    expect(posted.status).toBe(201);
    expect(posted.body.meta.notifications).toBe('subscribed');
    expectNoPersonalData(posted.body);

    const own = await postComment(
      app,
      documentId,
      { text: 'Talking to myself.', parentId: posted.body.data.id },
      { jwt: user.jwt }
    );
    expect(own.status).toBe(201);
    const other = await postComment(app, documentId, {
      text: 'Someone else answers.',
      author: guest('Other Reader'),
      parentId: posted.body.data.id,
    });
    const notice = await waitForMail(user.email);
    expect(notice.text).toContain('Someone else answers.');
    // Messages are sent in order, so the own reply's would have come first: there is none.
    expect(mailTo(user.email)).toHaveLength(1);
    expect(await outbox().count({ where: { commentId: own.body.data.id } })).toBe(0);
    expect(other.status).toBe(201);
  });

  it('hears of a held reply only once a moderator approves it', async () => {
    const { documentId } = await publishedArticle();
    const user = await reader();
    const posted = await postComment(
      app,
      documentId,
      { text: 'Moderated replies, please.', notifyReplies: true },
      { jwt: user.jwt }
    );
    withSetting('moderation.preModerate', ['api::article.article']);
    const held = await postComment(app, documentId, {
      text: 'A reply that waits.',
      author: guest(),
      parentId: posted.body.data.id,
    });
    expect(held.body.meta.status).toBe('pending');
    // Several sender passes go by: the message stays held.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const row = (await outbox().findOne({ where: { commentId: held.body.data.id } })) as OutboxRow;
    expect(row.status).toBe('held');
    expect(mailTo(user.email)).toHaveLength(0);

    const approved = await app
      .http()
      .post('/reader-comments/moderate')
      .set(moderator)
      .send({ ids: [held.body.data.id], action: 'approve' });
    expect(approved.status).toBe(200);
    const notice = await waitForMail(user.email);
    expect(notice.text).toContain('A reply that waits.');
  });
});

describe('delivery', () => {
  it('answers the post with 201 while the SMTP server is down, retries, and delivers once it is back', async () => {
    const { documentId } = await publishedArticle();
    const user = await reader();
    const posted = await postComment(
      app,
      documentId,
      { text: 'Waiting for answers.', notifyReplies: true },
      { jwt: user.jwt }
    );
    down = true;
    const reply = await postComment(app, documentId, {
      text: 'Sent while the mail server is down.',
      author: guest(),
      parentId: posted.body.data.id,
    });
    expect(reply.status).toBe(201);
    const failing = await waitForRow({ commentId: reply.body.data.id }, (row) => row.attempts >= 1);
    expect(failing.status).toBe('queued');
    expect(failing.lastError).toBeTruthy();
    down = false;
    refuseNext = 1;
    const notice = await waitForMail(user.email);
    expect(notice.text).toContain('Sent while the mail server is down.');
    const sent = await waitForRow(
      { commentId: reply.body.data.id },
      (row) => row.status === 'sent'
    );
    expect(sent.attempts).toBeGreaterThanOrEqual(3);
    expect(sent.recipient).toBeNull();
    expect(mailTo(user.email)).toHaveLength(1);
  });

  it('holds a notification again when its reply is hidden before it could be sent, and sends it once a moderator approves', async () => {
    withSetting('moderation.hideAfterReports', 1);
    const { documentId } = await publishedArticle();
    const user = await reader();
    const posted = await postComment(
      app,
      documentId,
      { text: 'Tell me, unless it is hidden.', notifyReplies: true },
      { jwt: user.jwt }
    );
    down = true;
    const reply = await postComment(app, documentId, {
      text: 'A reply readers report.',
      author: guest(),
      parentId: posted.body.data.id,
    });
    await waitForRow({ commentId: reply.body.data.id }, (row) => row.attempts >= 1);
    const reported = await app
      .http()
      .post(`${COMMENTS}/comments/${reply.body.data.id}/report`)
      .send({ reason: 'spam' });
    expect(reported.body.data).toEqual({ reported: true, hidden: true });
    down = false;
    await waitForRow({ commentId: reply.body.data.id }, (row) => row.status === 'held');
    expect(mailTo(user.email)).toHaveLength(0);

    const approved = await app
      .http()
      .post('/reader-comments/moderate')
      .set(moderator)
      .send({ ids: [reply.body.data.id], action: 'approve' });
    expect(approved.status).toBe(200);
    const notice = await waitForMail(user.email);
    expect(notice.text).toContain('A reply readers report.');
  });

  it('sends each message once when two senders (two instances) claim from the same outbox', async () => {
    const second = createOutboxService({ strapi: app.strapi });
    second.start();
    try {
      const run = randomUUID().slice(0, 6);
      const recipients = Array.from({ length: 12 }, (_, i) => `twice-${run}-${i}@example.com`);
      const sender = app.strapi.plugin('reader-comments').service('outbox') as ReturnType<
        typeof createOutboxService
      >;
      await app.strapi.db.transaction(async () => {
        for (const recipient of recipients)
          await sender.enqueue({
            kind: 'verify',
            recipient,
            recipientKey: `test:${recipient}`,
            payload: { token: 'A'.repeat(43) },
          });
      });
      sender.nudge();
      second.nudge();
      for (const recipient of recipients) await waitForMail(recipient);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(recipients.map((recipient) => mailTo(recipient).length)).toEqual(
        recipients.map(() => 1)
      );
    } finally {
      await second.stop();
    }
  });

  it('gives up after mail.maxAttempts and records it', async () => {
    withSetting('mail.maxAttempts', 2);
    const { documentId } = await publishedArticle();
    const user = await reader();
    const posted = await postComment(
      app,
      documentId,
      { text: 'Nobody will reach me.', notifyReplies: true },
      { jwt: user.jwt }
    );
    down = true;
    const reply = await postComment(app, documentId, {
      text: 'Never delivered.',
      author: guest(),
      parentId: posted.body.data.id,
    });
    const failed = await waitForRow(
      { commentId: reply.body.data.id },
      (row) => row.status === 'failed'
    );
    expect(failed.attempts).toBe(2);
    expect(failed.lastError).toBeTruthy();
    down = false;
    // well past the next retry the first delay (0.2 s, doubled) would have brought
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(mailTo(user.email)).toHaveLength(0);
  });
});

describe('the moderators digest', () => {
  it('lists held comments in one email per interval, and only when something new was held', async () => {
    const mods = `mods-${randomUUID().slice(0, 6)}@example.com`;
    const { documentId } = await publishedArticle();
    withSetting('moderation.preModerate', ['api::article.article']);
    const held = [];
    for (const text of ['Held one.', 'Held two.'])
      held.push((await postComment(app, documentId, { text, author: guest() })).body.data.id);
    withSetting('moderatorDigest', { to: [mods], everyMinutes: 0.01 });
    const digest = await waitForMail(mods);
    expect(digest.subject).toMatch(/^2 comments waiting for moderation on The Example Post$/);
    expect(digest.text).toContain('pre-moderation: 2');
    expect(digest.text).toContain('/admin/plugins/reader-comments?tab=pending');
    // Three more intervals (0.6 s each) without anything new held: no second digest.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(mailTo(mods)).toHaveLength(1);

    await postComment(app, documentId, { text: 'Held three.', author: guest() });
    const second = await waitForMail(mods, (mail) => mail !== digest);
    expect(second.text).toContain('pre-moderation: 3');
    expect(second.text).toContain('(1 new since the last digest)');

    const cleared = await app
      .http()
      .post('/reader-comments/moderate')
      .set(moderator)
      .send({
        ids: (
          (await app.strapi.db
            .query('plugin::reader-comments.comment')
            .findMany({ select: ['id'], where: { status: 'pending' } })) as Array<{ id: number }>
        ).map((row) => row.id),
        action: 'reject',
      });
    expect(cleared.status).toBe(200);
    expect(held).toHaveLength(2);
  });
});

describe('a verified guest (magic link)', () => {
  it('verifies an address, posts with the reader token, gets notifications without another confirmation, and exports and erases their own data', async () => {
    const { documentId } = await publishedArticle();
    const email = `verified-${randomUUID().slice(0, 6)}@example.com`;
    const asked = await app.http().post(`${COMMENTS}/verify`).send({ email });
    expect(asked.status).toBe(202);
    expectNoPersonalData(asked.body);
    const link = await waitForMail(email);
    expect(link.subject).toBe('Your sign-in link for comments on The Example Post');
    const verifyLink = linkIn(link, '/readers/verify/confirm');
    const token = new URL(`${API}${verifyLink}`).searchParams.get('token') as string;

    const look = await app.http().get(verifyLink).set('Accept', 'application/json');
    expect(look.body).toEqual({ data: { status: 'unused' } });
    const used = await app.http().post(`${COMMENTS}/readers/verify/confirm`).send({ token });
    expect(used.status).toBe(200);
    expect(used.body.data.readerToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expectNoPersonalData(used.body);
    const readerToken = used.body.data.readerToken as string;
    const reused = await app.http().post(`${COMMENTS}/readers/verify/confirm`).send({ token });
    expect([reused.status, reused.body.error.message]).toEqual([
      403,
      'This verification link was already used: ask for a new one',
    ]);

    const posted = await app
      .http()
      .post(`${COMMENTS}/article/${documentId}`)
      .set('X-Reader-Token', readerToken)
      .send({
        altcha: await solvedPayload(app, documentId),
        text: 'Verified and subscribed.',
        author: { name: 'Vera Fied' },
        notifyReplies: true,
      });
    expect(posted.status).toBe(201);
    expect(posted.body.meta.notifications).toBe('subscribed');
    expect(posted.body.data.author).toEqual({ name: 'Vera Fied', signedIn: false });
    expectNoPersonalData({ ...posted.body, meta: { ...posted.body.meta, editToken: null } });

    const other = guest('Other Person');
    await postComment(app, documentId, {
      text: 'A reply from someone else.',
      author: other,
      parentId: posted.body.data.id,
    });
    const notice = await waitForMail(
      email,
      (mail) => mail.subject?.startsWith('New reply') ?? false
    );
    expect(mailTo(email).map((mail) => mail.subject)).toEqual([
      'Your sign-in link for comments on The Example Post',
      'New reply to your comment on The Example Post',
    ]);
    const unsubscribeLink = linkIn(notice, '/mail/subscriptions/unsubscribe');

    const exported = await app
      .http()
      .get(`${COMMENTS}/readers/me/data`)
      .set('X-Reader-Token', readerToken);
    expect(exported.status).toBe(200);
    expect(exported.body.data.email).toBe(email);
    expect(exported.body.data.comments.map((c: { text: string }) => c.text)).toEqual([
      'Verified and subscribed.',
    ]);
    expect(exported.body.data.subscriptions).toEqual([
      expect.objectContaining({ commentId: posted.body.data.id, status: 'active' }),
    ]);
    const json = JSON.stringify(exported.body);
    expect(json).not.toContain(other.email);
    expect(json).not.toContain('A reply from someone else.');
    expect(json).not.toMatch(/addressHash|readerTokenHash|linkTokenHash/);

    const erased = await app
      .http()
      .delete(`${COMMENTS}/readers/me/data`)
      .set('X-Reader-Token', readerToken);
    expect([erased.status, erased.body]).toEqual([200, { data: { erased: 1 } }]);
    const thread = await app.http().get(`${COMMENTS}/article/${documentId}`);
    expect(thread.body.data[0]).toMatchObject({ removed: true, text: '' });
    expect(thread.body.data[0].replies.map((r: { text: string }) => r.text)).toEqual([
      'A reply from someone else.',
    ]);
    const revoked = await app
      .http()
      .get(`${COMMENTS}/readers/me/data`)
      .set('X-Reader-Token', readerToken);
    expect([revoked.status, revoked.body.error.message]).toEqual([
      403,
      'This reader token is not valid: verify your email address again',
    ]);
    const gone = await app.http().post(unsubscribeLink);
    expect([gone.status, gone.body.error.message]).toEqual([
      404,
      'This subscription no longer exists',
    ]);
  });

  it('refuses bad, unknown and expired links and tokens with 400, 404 and 403', async () => {
    const bad = await app.http().post(`${COMMENTS}/readers/verify/confirm`).send({ token: 'x' });
    expect([bad.status, bad.body.error.message]).toEqual([
      400,
      '"token" must be the token of a verification link',
    ]);
    const unknown = await app
      .http()
      .post(`${COMMENTS}/readers/verify/confirm`)
      .send({ token: 'A'.repeat(43) });
    expect([unknown.status, unknown.body.error.message]).toEqual([
      404,
      'This verification link is not known',
    ]);

    const email = `expired-${randomUUID().slice(0, 6)}@example.com`;
    expect((await app.http().post(`${COMMENTS}/verify`).send({ email })).status).toBe(202);
    const link = await waitForMail(email);
    const token = new URL(`${API}${linkIn(link, '/readers/verify/confirm')}`).searchParams.get(
      'token'
    );
    await app.strapi.db
      .query('plugin::reader-comments.reader')
      .updateMany({ where: { email }, data: { linkExpiresAt: new Date(Date.now() - 1000) } });
    const expired = await app.http().post(`${COMMENTS}/readers/verify/confirm`).send({ token });
    expect([expired.status, expired.body.error.message]).toEqual([
      403,
      'This verification link has expired: ask for a new one',
    ]);

    const noToken = await app.http().get(`${COMMENTS}/readers/me/data`);
    expect(noToken.status).toBe(403);
    const malformed = await app
      .http()
      .get(`${COMMENTS}/readers/me/data`)
      .set('X-Reader-Token', 'not a token');
    expect([malformed.status, malformed.body.error.message]).toEqual([
      400,
      'X-Reader-Token is malformed',
    ]);
    const notEmail = await app.http().post(`${COMMENTS}/verify`).send({ email: 'nope' });
    expect([notEmail.status, notEmail.body.error.message]).toEqual([
      400,
      '"email" must be a valid email address',
    ]);
  });

  it('answers 202 every time but sends at most verification.perEmail links to one address', async () => {
    const email = `often-${randomUUID().slice(0, 6)}@example.com`;
    for (let i = 0; i < 4; i += 1) {
      const res = await app.http().post(`${COMMENTS}/verify`).send({ email });
      expect(res.status).toBe(202);
    }
    const rows = (await outbox().findMany({
      where: { kind: 'verify', recipientKey: { $notNull: true } },
    })) as Array<OutboxRow & { recipientKey: string }>;
    const key = (await app.strapi.db
      .query('plugin::reader-comments.reader')
      .findOne({ select: ['emailKey'], where: { email } })) as { emailKey: string };
    expect(rows.filter((row) => row.recipientKey === key.emailKey)).toHaveLength(3);
  });
});
