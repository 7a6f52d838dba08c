import { randomUUID } from 'node:crypto';
import { documentsOf } from '../helpers/content';
import { COMMENTS, fieldsHashOf, guest, postComment, solvedPayload } from '../helpers/comments';
import { type TestApp, useSharedApp } from '../helpers/strapi';

/**
 * Posting, reading, editing and deleting comments over HTTP on the shared app, as a frontend and its
 * readers do, including what hostile readers try.
 */
const testApp = useSharedApp();
let app: TestApp;
beforeAll(() => {
  app = testApp();
});

const CONFIG = 'plugin::reader-comments';
/** Sets one plugin setting on the running app for the current test, as an admin's settings change would. */
function withSetting(path: string, value: unknown): void {
  const key = `${CONFIG}.${path}`;
  const before = app.strapi.config.get(key);
  app.strapi.config.set(key, value);
  settingsToRestore.push(() => app.strapi.config.set(key, before));
}
const settingsToRestore: Array<() => void> = [];
afterEach(() => {
  while (settingsToRestore.length > 0) settingsToRestore.pop()?.();
});

async function publishedArticle(title = `Commented ${randomUUID().slice(0, 8)}`): Promise<string> {
  const doc = await documentsOf(app, 'api::article.article').create({
    status: 'published',
    data: { title },
  });
  return doc.documentId as string;
}

const thread = (documentId: string, query = '') =>
  app.http().get(`${COMMENTS}/article/${documentId}${query}`);

describe('a guest comments on a published article', () => {
  it('is published at once, gets an edit token once, and readers see it with its count, never the email', async () => {
    const documentId = await publishedArticle();
    const author = guest('Grace Hopper');
    const res = await postComment(app, documentId, {
      text: 'Great piece.\nThanks for https://example.com/source',
      author,
    });
    expect(res.status).toBe(201);
    expect(res.body.meta).toMatchObject({ status: 'approved', heldBy: null });
    expect(res.body.meta.editToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.data).toMatchObject({
      author: { name: 'Grace Hopper', signedIn: false },
      depth: 0,
      removed: false,
    });
    expect(res.body.data.html).toBe(
      'Great piece.<br>\nThanks for <a href="https://example.com/source" rel="ugc nofollow noopener">https://example.com/source</a>'
    );

    const read = await thread(documentId);
    expect(read.status).toBe(200);
    expect(read.body.meta.count).toBe(1);
    expect(read.body.data.map((comment: { id: number }) => comment.id)).toEqual([res.body.data.id]);
    for (const body of [res.body, read.body]) {
      const json = JSON.stringify(body);
      expect(json).not.toContain(author.email);
      expect(json).not.toMatch(/addressHash|editTokenHash|authorEmail|authorKey/);
    }
    expect(JSON.stringify(read.body)).not.toContain(res.body.meta.editToken);
    const counts = await app
      .http()
      .get(`${COMMENTS}/article/counts?documentIds=${documentId},nocomments`);
    expect(counts.body).toEqual({ data: { [documentId]: 1, nocomments: 0 } });
  });

  it('gets script and HTML back as inert text, and names without invisible or direction tricks', async () => {
    const documentId = await publishedArticle();
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const res = await postComment(app, documentId, {
      text: payload,
      author: { ...guest(), name: 'Eve\u202Egnp.exe\u200B' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.text).toBe(payload);
    expect(res.body.data.html).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;'
    );
    expect(res.body.data.author.name).toBe('Evegnp.exe');
  });

  it.each([
    ['an empty text', { text: '   ' }, /empty/],
    ['a 100 KB text', { text: 'x'.repeat(100_000) }, /longer than 5000 characters/],
    ['no email', { text: 'hi', author: { name: 'Nobody', email: '' } }, /valid email/],
    ['no author at all', { text: 'hi', author: undefined }, /Sign in, or give "author"/],
    [
      'a filled-in honeypot',
      { text: 'hi', website: 'http://spam.example' },
      /"website" field must stay empty/,
    ],
  ])('refuses %s with a 400 and stores nothing', async (_label, body, message) => {
    const documentId = await publishedArticle();
    const res = await postComment(app, documentId, { author: guest(), ...body } as never);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(
      await app.strapi.db
        .query('plugin::reader-comments.comment')
        .count({ where: { subjectId: documentId } })
    ).toBe(0);
  });

  it('answers 404 for a draft, an unknown document or a type without comments', async () => {
    const draft = await documentsOf(app, 'api::article.article').create({
      data: { title: `Draft ${randomUUID().slice(0, 8)}` },
    });
    for (const path of [
      `article/${draft.documentId}`,
      'article/doesnotexist123',
      `tag/${draft.documentId}`,
    ]) {
      const read = await app.http().get(`${COMMENTS}/${path}`);
      expect({ path, status: read.status }).toEqual({ path, status: 404 });
      const challenge = await app.http().get(`${COMMENTS}/${path}/challenge`);
      expect({ path, status: challenge.status }).toEqual({ path, status: 404 });
      const post = await app
        .http()
        .post(`${COMMENTS}/${path}`)
        .send({ text: 'hi', author: guest() });
      expect({ path, status: post.status }).toEqual({ path, status: 404 });
    }
  });
});

describe('the proof of work', () => {
  it('refuses a missing, replayed or other-article solution, and one solved for other form content', async () => {
    const documentId = await publishedArticle();
    const other = await publishedArticle();
    const post = (altcha: unknown, text = 'A fair point.', author = guest()) =>
      app.http().post(`${COMMENTS}/article/${documentId}`).send({ text, author, altcha });

    expect((await post(undefined)).body.error.message).toMatch(/anti-spam check is missing/);
    expect((await post('bm90IGpzb24=')).body.error.message).toMatch(/not valid/);
    const forOther = await post(await solvedPayload(app, other));
    expect([forOther.status, forOther.body.error.message]).toEqual([
      400,
      'The anti-spam challenge was issued for another document',
    ]);

    const once = await solvedPayload(app, documentId);
    expect((await post(once)).status).toBe(201);
    const replay = await post(once, 'A second comment with the same solution.');
    expect([replay.status, replay.body.error.message]).toEqual([
      400,
      'The anti-spam challenge was already used: ask for a new one',
    ]);

    const author = guest('Bound');
    const bound = await solvedPayload(app, documentId, {
      fields: fieldsHashOf(author.name, author.email, 'What I meant to say.'),
    });
    const changed = await post(bound, 'Something else entirely.', author);
    expect([changed.status, changed.body.error.message]).toEqual([
      400,
      'The anti-spam challenge was solved for other form content',
    ]);
    const bound2 = await solvedPayload(app, documentId, {
      fields: fieldsHashOf(author.name, author.email, 'What I meant to say.'),
    });
    expect((await post(bound2, 'What I meant to say.', author)).status).toBe(201);
  });

  it('refuses an expired challenge and a form sent faster than a person fills it', async () => {
    const documentId = await publishedArticle();
    withSetting('spam.altcha.expiresSeconds', 1);
    const expiring = await solvedPayload(app, documentId);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const late = await app
      .http()
      .post(`${COMMENTS}/article/${documentId}`)
      .send({ text: 'Late.', author: guest(), altcha: expiring });
    expect([late.status, late.body.error.message]).toEqual([
      400,
      'The anti-spam challenge has expired: ask for a new one',
    ]);

    // A challenge that lives long enough to be solved and sent on a busy machine.
    withSetting('spam.altcha.expiresSeconds', 1200);
    withSetting('spam.minFillSeconds', 30);
    const hasty = await postComment(app, documentId, { text: 'Too fast.', author: guest() });
    expect([hasty.status, hasty.body.error.message]).toEqual([
      400,
      'The form was sent too quickly: wait 30 seconds after it is shown',
    ]);
  });
});

describe('limits and rules', () => {
  it('answers 429 after the per-address limit, with Retry-After, and keeps every post before it', async () => {
    const documentId = await publishedArticle();
    withSetting('rateLimits.address', { points: 5, seconds: 60 });
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 8; i += 1) {
      const res = await postComment(app, documentId, { text: `Post number ${i}`, author: guest() });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers['retry-after'];
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(
      await app.strapi.db
        .query('plugin::reader-comments.comment')
        .count({ where: { subjectId: documentId } })
    ).toBe(5);
  });

  it('refuses the same text twice from one author (409)', async () => {
    const documentId = await publishedArticle();
    const author = guest();
    expect((await postComment(app, documentId, { text: 'Same words.', author })).status).toBe(201);
    const again = await postComment(app, documentId, { text: '  Same words.  ', author });
    expect([again.status, again.body.error.message]).toEqual([
      409,
      'You already posted this comment',
    ]);
  });

  it('holds more than two links and suspect words for a moderator (not shown, not counted), and refuses banned words', async () => {
    const documentId = await publishedArticle();
    withSetting('words', { '*': { banned: ['casino'], suspect: ['pills'] } });
    const links = await postComment(app, documentId, {
      text: 'https://a.example https://b.example https://c.example',
      author: guest(),
    });
    expect([links.status, links.body.meta.status, links.body.meta.heldBy]).toEqual([
      201,
      'pending',
      'links',
    ]);
    const suspect = await postComment(app, documentId, {
      text: 'Cheap pills here',
      author: guest(),
    });
    expect([suspect.status, suspect.body.meta.status, suspect.body.meta.heldBy]).toEqual([
      201,
      'pending',
      'suspect-words',
    ]);
    const banned = await postComment(app, documentId, {
      text: 'Best Casino in town',
      author: guest(),
    });
    expect(banned.status).toBe(400);
    const read = await thread(documentId);
    expect([read.body.data, read.body.meta.count]).toEqual([[], 0]);
  });
});

describe('threads', () => {
  it('places replies up to three levels, then beside the deepest naming whom they answer; a parent from another article is refused', async () => {
    const documentId = await publishedArticle();
    const top = (await postComment(app, documentId, { text: 'Top', author: guest('One') })).body
      .data;
    const second = (
      await postComment(app, documentId, { text: 'Second', author: guest('Two'), parentId: top.id })
    ).body.data;
    const third = (
      await postComment(app, documentId, {
        text: 'Third',
        author: guest('Three'),
        parentId: second.id,
      })
    ).body.data;
    const fourth = await postComment(app, documentId, {
      text: 'Fourth',
      author: guest('Four'),
      parentId: third.id,
    });
    expect([second.depth, third.depth]).toEqual([1, 2]);
    expect(fourth.body.data).toMatchObject({
      depth: 2,
      parentId: second.id,
      rootId: top.id,
      replyTo: 'Three',
    });

    const read = await thread(documentId);
    expect(read.body.meta.count).toBe(4);
    expect(read.body.data).toHaveLength(1);
    expect(read.body.data[0]).toMatchObject({ id: top.id, replyCount: 3 });
    expect(read.body.data[0].replies.map((reply: { id: number }) => reply.id)).toEqual([
      second.id,
      third.id,
      fourth.body.data.id,
    ]);

    const elsewhere = await publishedArticle();
    const wrong = await postComment(app, elsewhere, {
      text: 'Cross-thread',
      author: guest(),
      parentId: top.id,
    });
    expect([wrong.status, wrong.body.error.message]).toEqual([
      400,
      `Comment ${top.id} belongs to another document`,
    ]);
  });

  it('pages top-level comments by cursor in every order, and more replies of a thread', async () => {
    const documentId = await publishedArticle();
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1)
      ids.push(
        (await postComment(app, documentId, { text: `Comment ${i}`, author: guest() })).body.data.id
      );
    const replies: number[] = [];
    for (let i = 0; i < 5; i += 1)
      replies.push(
        (
          await postComment(app, documentId, {
            text: `Reply ${i}`,
            author: guest(),
            parentId: ids[1],
          })
        ).body.data.id
      );
    await postComment(app, documentId, {
      text: 'Reply to the third',
      author: guest(),
      parentId: ids[3],
    });

    const pages = async (order: string) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await thread(
          documentId,
          `?order=${order}&pageSize=2${cursor ? `&cursor=${cursor}` : ''}`
        );
        expect(res.status).toBe(200);
        seen.push(...res.body.data.map((comment: { id: number }) => comment.id));
        cursor = res.body.meta.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await pages('newest')).toEqual([...ids].reverse());
    expect(await pages('oldest')).toEqual(ids);
    expect(await pages('top')).toEqual([ids[1], ids[3], ids[4], ids[2], ids[0]]);

    const first = (await thread(documentId, '?order=oldest&pageSize=2')).body.data[1];
    expect(first.replies.map((reply: { id: number }) => reply.id)).toEqual(replies.slice(0, 3));
    const more = await app
      .http()
      .get(`${COMMENTS}/threads/${ids[1]}/replies?cursor=${first.moreReplies}`);
    expect(more.body.data.map((reply: { id: number }) => reply.id)).toEqual(replies.slice(3));
    expect(more.body.meta.nextCursor).toBeNull();

    const bad = await thread(documentId, '?order=top&cursor=garbage');
    expect([bad.status, bad.body.error.message]).toEqual([
      400,
      '"cursor" is not a cursor of a top page',
    ]);
  });

  it('reads a page of a 40-comment thread in at most three SQL statements', async () => {
    const documentId = await publishedArticle();
    const roots: number[] = [];
    for (let i = 0; i < 10; i += 1)
      roots.push(
        (await postComment(app, documentId, { text: `Root ${i}`, author: guest() })).body.data.id
      );
    for (let i = 0; i < 30; i += 1)
      await postComment(app, documentId, {
        text: `Reply ${i}`,
        author: guest(),
        parentId: roots[i % 10],
      });
    // The plugin's own statements; Strapi's Users & Permissions check of the Public role (one query on
    // every content-API request, whatever the route) is not the thread's cost.
    const statements: string[] = [];
    const count = (query: { sql: string }) => {
      if (!/\bup_(permissions|roles)\b/.test(query.sql)) statements.push(query.sql);
    };
    app.strapi.db.connection.on('query', count);
    try {
      const res = await thread(documentId);
      expect(res.body.data).toHaveLength(10);
      expect(res.body.meta.count).toBe(40);
    } finally {
      app.strapi.db.connection.off('query', count);
    }
    expect(statements.length).toBeLessThanOrEqual(3);
  });
});

describe('editing and deleting', () => {
  it('lets the author edit with the token within the window, keeping the previous text; nobody else', async () => {
    const documentId = await publishedArticle();
    const mine = await postComment(app, documentId, { text: 'Frist!', author: guest() });
    const theirs = await postComment(app, documentId, { text: 'Other comment', author: guest() });
    const patch = (id: number, token?: string) => {
      const request = app.http().patch(`${COMMENTS}/comments/${id}`);
      if (token) request.set('X-Comment-Token', token);
      return request.send({ text: 'First!' });
    };
    expect((await patch(mine.body.data.id)).status).toBe(403);
    expect((await patch(mine.body.data.id, theirs.body.meta.editToken)).status).toBe(403);
    expect((await patch(mine.body.data.id, 'guessed-token')).status).toBe(403);
    const edited = await patch(mine.body.data.id, mine.body.meta.editToken);
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ text: 'First!', editedAt: expect.any(String) });
    const row = await app.strapi.db
      .query('plugin::reader-comments.comment')
      .findOne({ where: { id: mine.body.data.id } });
    expect(row.revisions).toEqual([{ text: 'Frist!', at: expect.any(String) }]);

    withSetting('editWindowMinutes', 0);
    const late = await patch(mine.body.data.id, mine.body.meta.editToken);
    expect([late.status, late.body.error.message]).toEqual([
      403,
      'Comments can be changed for 0 minutes after posting',
    ]);
  });

  it('deletes for its author; a top-level comment with replies stays as an empty placeholder and the count drops by one', async () => {
    const documentId = await publishedArticle();
    const top = await postComment(app, documentId, {
      text: 'I will regret this',
      author: guest('Regretful'),
    });
    await postComment(app, documentId, {
      text: 'A reply worth keeping',
      author: guest('Replier'),
      parentId: top.body.data.id,
    });
    expect((await app.http().delete(`${COMMENTS}/comments/${top.body.data.id}`)).status).toBe(403);
    const removed = await app
      .http()
      .delete(`${COMMENTS}/comments/${top.body.data.id}`)
      .set('X-Comment-Token', top.body.meta.editToken);
    expect(removed.status).toBe(200);
    const read = await thread(documentId);
    expect(read.body.meta.count).toBe(1);
    expect(read.body.data[0]).toMatchObject({
      id: top.body.data.id,
      removed: true,
      text: '',
      html: '',
      author: { name: '' },
    });
    expect(read.body.data[0].replies[0]).toMatchObject({ text: 'A reply worth keeping' });
    expect(JSON.stringify(read.body)).not.toContain('Regretful');
  });
});

describe('counts in the articles API', () => {
  it('shows comments.count on articles by slug and in lists, kept current through the response cache', async () => {
    const documentId = await publishedArticle();
    const article = await documentsOf(app, 'api::article.article').findOne({
      documentId,
      status: 'published',
    });
    const bySlug = () => app.http().get(`/api/articles/by-slug/${article?.slug}`);
    const first = await bySlug();
    expect(first.status).toBe(200);
    expect(first.body.data.comments).toEqual({ count: 0 });
    expect((await bySlug()).body.data.comments).toEqual({ count: 0 });

    await postComment(app, documentId, { text: 'Counted', author: guest() });
    await postComment(app, documentId, { text: 'Counted too', author: guest() });
    const after = await bySlug();
    expect(after.body.data.comments).toEqual({ count: 2 });
    const list = await app.http().get(`/api/articles?filters[documentId][$eq]=${documentId}`);
    expect(list.body.data.map((entry: { comments: unknown }) => entry.comments)).toEqual([
      { count: 2 },
    ]);
  });
});

describe('through the response cache', () => {
  it('serves a thread from the cache until a comment changes, and never caches a challenge', async () => {
    const documentId = await publishedArticle();
    const posted = await postComment(app, documentId, { text: 'Cached words', author: guest() });
    expect((await thread(documentId)).headers['x-response-cache']).toBe('miss');
    const hit = await thread(documentId);
    expect([hit.headers['x-response-cache'], hit.body.data[0].text]).toEqual([
      'hit',
      'Cached words',
    ]);

    const edited = await app
      .http()
      .patch(`${COMMENTS}/comments/${posted.body.data.id}`)
      .set('X-Comment-Token', posted.body.meta.editToken)
      .send({ text: 'Edited words' });
    expect(edited.status).toBe(200);
    expect((await thread(documentId)).body.data[0].text).toBe('Edited words');
    const reply = await postComment(app, documentId, {
      text: 'A reply',
      author: guest(),
      parentId: posted.body.data.id,
    });
    expect(
      (await thread(documentId)).body.data[0].replies.map((comment: { id: number }) => comment.id)
    ).toEqual([reply.body.data.id]);
    const counts = () => app.http().get(`${COMMENTS}/article/counts?documentIds=${documentId}`);
    expect((await counts()).body.data[documentId]).toBe(2);
    await postComment(app, documentId, { text: 'Third', author: guest() });
    expect((await counts()).body.data[documentId]).toBe(3);

    const challenges = await Promise.all(
      [1, 2].map(() => app.http().get(`${COMMENTS}/article/${documentId}/challenge`))
    );
    expect(challenges.map((res) => res.headers['cache-control'])).toEqual(['no-store', 'no-store']);
    expect(challenges[0].body.parameters.nonce).not.toBe(challenges[1].body.parameters.nonce);
    expect(
      (await app.http().get(`${COMMENTS}/article/${documentId}/challenge`)).headers[
        'x-response-cache'
      ]
    ).not.toBe('hit');
  });
});

describe('GraphQL', () => {
  it('answers comments { count } on articles in one batch, and a thread page like the REST route', async () => {
    const documentId = await publishedArticle();
    const other = await publishedArticle();
    const top = await postComment(app, documentId, { text: 'Over GraphQL', author: guest('Gina') });
    await postComment(app, documentId, {
      text: 'A reply',
      author: guest(),
      parentId: top.body.data.id,
    });
    await postComment(app, other, { text: 'Elsewhere', author: guest() });
    const query = `query {
      articles(filters: { documentId: { in: ["${documentId}", "${other}"] } }, sort: "title") { documentId comments { count } }
      readerComments(type: "article", documentId: "${documentId}") { count nextCursor data { id text html author { name signedIn } replies { text } } }
    }`;
    const res = await app.http().post('/graphql').send({ query });
    expect(res.body.errors).toBeUndefined();
    const counts = Object.fromEntries(
      res.body.data.articles.map((entry: { documentId: string; comments: { count: number } }) => [
        entry.documentId,
        entry.comments.count,
      ])
    );
    expect(counts).toEqual({ [documentId]: 2, [other]: 1 });
    expect(res.body.data.readerComments).toEqual({
      count: 2,
      nextCursor: null,
      data: [
        {
          id: String(top.body.data.id),
          text: 'Over GraphQL',
          html: 'Over GraphQL',
          author: { name: 'Gina', signedIn: false },
          replies: [{ text: 'A reply' }],
        },
      ],
    });
    const missing = await app.http().post('/graphql').send({
      query: 'query { readerComments(type: "article", documentId: "nosuchdocument") { count } }',
    });
    expect(missing.body.errors[0].message).toMatch(/No published document/);
  });
});
