import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminAuth } from '../helpers/admin-api';
import { documentsOf } from '../helpers/content';
import { guest, postComment, useCommentSettings } from '../helpers/comments';
import { type TestApp, useSharedApp } from '../helpers/strapi';

/**
 * The optional spam adapters against a local server that speaks Akismet's comment-check and Turnstile's
 * siteverify (this machine has no internet): what they are sent, spam kept for a moderator, a refused
 * token answered 400, and a service that fails or is too slow holding the comment instead of losing it.
 * The shared app's spam config is changed for each test and put back.
 */
const testApp = useSharedApp();
let app: TestApp;
let moderator: { Authorization: string };

/** What the fake service answers next, and what it was sent. */
let answer: (path: string, form: URLSearchParams, res: ServerResponse) => void;
const received: Array<{ path: string; form: URLSearchParams }> = [];
let server: Server;
let base: string;

beforeAll(async () => {
  app = testApp();
  moderator = await adminAuth(app);
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      received.push({ path: req.url ?? '', form });
      answer(req.url ?? '', form, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const withSetting = useCommentSettings(testApp);
afterEach(() => {
  received.length = 0;
});

const akismet = (timeoutMs = 2000) =>
  withSetting('spam.akismet', {
    key: 'test-key',
    site: 'https://news.example',
    endpoint: `${base}/1.1/comment-check`,
    timeoutMs,
  });
const turnstile = (timeoutMs = 2000) =>
  withSetting('spam.turnstile', {
    secret: 'test-secret',
    endpoint: `${base}/turnstile/v0/siteverify`,
    timeoutMs,
  });
const text = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
};
const json = (res: ServerResponse, body: object) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const publishedArticle = async () =>
  (
    await documentsOf(app, 'api::article.article').create({
      status: 'published',
      data: { title: `Adapters ${randomUUID().slice(0, 8)}` },
    })
  ).documentId as string;
const stored = (id: number) =>
  app.strapi.db.query('plugin::reader-comments.comment').findOne({ where: { id } });

describe('Akismet', () => {
  it("sends the text, name, email, the poster's IP address and user agent; what it calls spam waits in the spam queue", async () => {
    akismet();
    answer = (_path, form, res) =>
      text(res, 200, form.get('comment_content')?.includes('cheap pills') ? 'true' : 'false');
    const documentId = await publishedArticle();
    const author = guest('Spammer');
    const spam = await postComment(app, documentId, { text: 'Buy cheap pills now', author });
    expect([spam.status, spam.body.meta.status, spam.body.meta.heldBy]).toEqual([
      201,
      'pending',
      'spam-check',
    ]);
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe('/1.1/comment-check');
    expect(Object.fromEntries(received[0].form)).toMatchObject({
      api_key: 'test-key',
      blog: 'https://news.example',
      comment_type: 'comment',
      comment_author: 'Spammer',
      comment_author_email: author.email,
      comment_content: 'Buy cheap pills now',
      user_ip: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$|^::1$/),
      user_agent: expect.any(String),
    });
    expect(await stored(spam.body.data.id)).toMatchObject({
      status: 'spam',
      heldBy: 'spam-check',
      heldDetail: 'Akismet: spam',
    });
    const queue = await app
      .http()
      .get('/reader-comments/queue?queue=spam&pageSize=100')
      .set(moderator);
    expect(queue.body.data.map((comment: { id: number }) => comment.id)).toContain(
      spam.body.data.id
    );

    const ham = await postComment(app, documentId, { text: 'A fair point', author: guest() });
    expect([ham.status, ham.body.meta.status]).toEqual([201, 'approved']);
  });

  it('holds the comment for a moderator when Akismet fails (5xx) or is too slow, never losing it or answering 500', async () => {
    akismet(300);
    const documentId = await publishedArticle();
    answer = (_path, _form, res) => text(res, 503, 'unavailable');
    const failed = await postComment(app, documentId, {
      text: 'During an outage',
      author: guest(),
    });
    expect([failed.status, failed.body.meta.status, failed.body.meta.heldBy]).toEqual([
      201,
      'pending',
      'spam-check',
    ]);
    expect((await stored(failed.body.data.id)).heldDetail).toBe(
      'no answer from the spam check: Akismet answered 503'
    );

    answer = (_path, _form, res) => setTimeout(() => text(res, 200, 'false'), 1500);
    const slow = await postComment(app, documentId, { text: 'While it is slow', author: guest() });
    expect([slow.status, slow.body.meta.status]).toEqual([201, 'pending']);
    expect((await stored(slow.body.data.id)).heldDetail).toBe(
      'no answer from the spam check: Akismet timed out'
    );
  });
});

describe('Turnstile', () => {
  it("verifies the widget's token with the secret and the poster's IP address; without a token or with a refused one, 400", async () => {
    turnstile();
    answer = (_path, form, res) =>
      json(
        res,
        form.get('response') === 'good-token'
          ? { success: true }
          : { success: false, 'error-codes': ['invalid-input-response'] }
      );
    const documentId = await publishedArticle();
    const missing = await postComment(app, documentId, { text: 'No token', author: guest() });
    expect([missing.status, missing.body.error.message]).toEqual([
      400,
      'Complete the human check (Turnstile) before sending the comment',
    ]);
    expect(received).toHaveLength(0);

    const refused = await postComment(app, documentId, {
      text: 'Forged token',
      author: guest(),
      'cf-turnstile-response': 'forged',
    });
    expect([refused.status, refused.body.error.message]).toEqual([
      400,
      'The human check (Turnstile) failed: invalid-input-response; try again',
    ]);

    const passed = await postComment(app, documentId, {
      text: 'A human here',
      author: guest(),
      'cf-turnstile-response': 'good-token',
    });
    expect([passed.status, passed.body.meta.status]).toEqual([201, 'approved']);
    expect(Object.fromEntries(received[received.length - 1].form)).toMatchObject({
      secret: 'test-secret',
      response: 'good-token',
      remoteip: expect.any(String),
    });
  });

  it('holds the comment when siteverify fails or the secret is wrong', async () => {
    turnstile();
    const documentId = await publishedArticle();
    answer = (_path, _form, res) =>
      json(res, { success: false, 'error-codes': ['invalid-input-secret'] });
    const misconfigured = await postComment(app, documentId, {
      text: 'Wrong secret on the site',
      author: guest(),
      'cf-turnstile-response': 'any',
    });
    expect([misconfigured.status, misconfigured.body.meta.heldBy]).toEqual([201, 'spam-check']);
    answer = (_path, _form, res) => text(res, 502, 'bad gateway');
    const down = await postComment(app, documentId, {
      text: 'Siteverify is down',
      author: guest(),
      'cf-turnstile-response': 'any',
    });
    expect([down.status, down.body.meta.status]).toEqual([201, 'pending']);
  });
});

it('leaves posting alone when neither adapter is configured (the default)', async () => {
  answer = () => {
    throw new Error('nothing should be sent');
  };
  const documentId = await publishedArticle();
  const posted = await postComment(app, documentId, { text: 'Nothing leaves', author: guest() });
  expect([posted.status, posted.body.meta.status]).toEqual([201, 'approved']);
  expect(received).toHaveLength(0);
});
