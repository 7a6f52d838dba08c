import { api, documentsOf, errorPaths, paragraphs } from './helpers/content';
import { type TestApp, useSharedApp } from './helpers/strapi';
import { matchesOurs, SLUG_EXAMPLES } from '../src/utils/__tests__/slug-examples';

const testApp = useSharedApp();
const ARTICLE = 'api::article.article';
let app: TestApp;
let client: ReturnType<typeof api>;
beforeAll(() => {
  app = testApp();
  client = api(app);
});

const documents = () => documentsOf(app, ARTICLE);
const countRows = () => app.strapi.db.query(ARTICLE).count();

describe('slugs', () => {
  it('are generated from the title on REST create', async () => {
    const res = await client.post('/api/articles?status=published', {
      data: { title: 'Hello, Strapi World!' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.slug).toBe('hello-strapi-world');
  });

  it('get -2, -3 on collision, through REST and the Document Service alike', async () => {
    const second = await client.post('/api/articles', { data: { title: 'Same Title' } });
    const third = await documents().create({ data: { title: 'Same title' } });
    const fourth = await documents().create({ data: { title: 'same TITLE' } });
    expect(second.body.data.slug).toBe('same-title');
    expect(third.slug).toBe('same-title-2');
    expect(fourth.slug).toBe('same-title-3');
  });

  it('stay distinct when the same title is posted several times at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        client.post('/api/articles?status=published', { data: { title: 'Breaking news' } })
      )
    );
    expect(responses.map((res) => res.status)).toEqual(Array(6).fill(201));
    const slugs = responses.map((res) => res.body.data.slug).sort();
    expect(slugs).toEqual([
      'breaking-news',
      'breaking-news-2',
      'breaking-news-3',
      'breaking-news-4',
      'breaking-news-5',
      'breaking-news-6',
    ]);
  });

  it('are never empty for non-Latin titles', async () => {
    const cyrillic = await documents().create({ data: { title: 'Привет мир' } });
    const japanese = await documents().create({ data: { title: '人工知能と報道' } });
    expect(cyrillic.slug).toBe('privet-mir');
    expect(japanese.slug).toMatch(/^article-[0-9a-f]{8}$/);
  });

  it.each(SLUG_EXAMPLES.map((example) => [example.title, example]))(
    'read like the title over REST: %s',
    async (_title, example) => {
      const res = await client.post('/api/articles?status=published', {
        data: { title: example.title },
      });
      expect(res.status).toBe(201);
      expect({
        title: example.title,
        slug: res.body.data.slug,
        matches: matchesOurs(example, res.body.data.slug),
      }).toMatchObject({ matches: true });
      const page = await app
        .http()
        .get(`/api/articles/by-slug/${encodeURIComponent(res.body.data.slug)}`);
      expect(page.status).toBe(200);
      expect(page.body.data.title).toBe(example.title);
    }
  );

  it('follow title changes before first publish, and stay put after it', async () => {
    const draft = await documents().create({ data: { title: 'Working title' } });
    const renamed = await documents().update({
      documentId: draft.documentId,
      data: { title: 'Better title' },
    });
    expect(renamed.slug).toBe('better-title');

    await documents().publish({ documentId: draft.documentId });
    const afterPublish = await documents().update({
      documentId: draft.documentId,
      data: { title: 'Final title' },
    });
    expect(afterPublish.slug).toBe('better-title');
    await documents().publish({ documentId: draft.documentId });
    const res = await app.http().get('/api/articles/by-slug/better-title');
    expect(res.status).toBe(200);
    expect(res.body.data.title).toBe('Final title');
  });

  it('keep a slug an editor typed, and reject one used by another article', async () => {
    const custom = await documents().create({ data: { title: 'Custom', slug: 'my-own-slug' } });
    expect(custom.slug).toBe('my-own-slug');
    const res = await client.post('/api/articles', {
      data: { title: 'Other', slug: 'my-own-slug' },
    });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toContain('slug');
    const bad = await client.post('/api/articles', {
      data: { title: 'Other', slug: 'no spaces/allowed' },
    });
    expect(bad.status).toBe(400);
  });

  it('are regenerated when an editor clears them', async () => {
    const created = await documents().create({
      data: { title: 'Cleared slug', slug: 'something-else' },
    });
    const cleared = await documents().update({
      documentId: created.documentId,
      data: { slug: '' },
    });
    expect(cleared.slug).toBe('cleared-slug');
  });
});

describe('excerpt and reading time', () => {
  const longText = 'Words that make up a long body. '.repeat(80); // 560 words

  it('derive the excerpt from the body and compute reading time', async () => {
    const res = await client.post('/api/articles', {
      data: { title: 'Long read', body: paragraphs(longText) },
    });
    expect(res.status).toBe(201);
    const { excerpt, readingTimeMinutes } = res.body.data;
    expect(excerpt.length).toBeLessThanOrEqual(300);
    expect(excerpt.startsWith('Words that make up a long body.')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(readingTimeMinutes).toBe(3);
  });

  it('ignore a reading time sent by a client and recompute it on every save', async () => {
    const created = await client.post('/api/articles', {
      data: { title: 'Short read', body: paragraphs('one two three'), readingTimeMinutes: 42 },
    });
    expect(created.body.data.readingTimeMinutes).toBe(1);
    const updated = await client.put(`/api/articles/${created.body.data.documentId}`, {
      data: { body: paragraphs(longText) },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data.readingTimeMinutes).toBe(3);
    // the excerpt was automatic, so it follows the body
    expect(updated.body.data.excerpt.startsWith('Words that make up')).toBe(true);
  });

  it("keep an editor's excerpt when the body changes", async () => {
    const created = await documents().create({
      data: { title: 'Own excerpt', excerpt: 'Hand written.', body: paragraphs('first body') },
    });
    const updated = await documents().update({
      documentId: created.documentId,
      data: { body: paragraphs('second body') },
    });
    expect(updated.excerpt).toBe('Hand written.');
  });
});

describe('GET /api/articles/by-slug/:slug', () => {
  it('returns the published article with cover credit and tags populated', async () => {
    const tag = await documentsOf(app, 'api::tag.tag').create({ data: { name: 'Populated tag' } });
    const credit = await documentsOf(app, 'api::image-credit.image-credit').create({
      data: { creator: 'Jane Doe', year: 2023, aiGenerated: true, aiTool: 'DALL·E' },
    });
    await documents().create({
      status: 'published',
      data: { title: 'Populated article', tags: [tag.documentId], coverCredit: credit.documentId },
    });
    const res = await app.http().get('/api/articles/by-slug/populated-article');
    expect(res.status).toBe(200);
    expect(res.body.data.title).toBe('Populated article');
    expect(res.body.data.tags.map((t: { name: string }) => t.name)).toEqual(['Populated tag']);
    expect(res.body.data.coverCredit.creditLine).toBe(
      'Image created with DALL·E, © 2023 Jane Doe'
    );
    expect(res.body.data).toHaveProperty('cover', null);
  });

  it('answers 404 for an unknown slug and for a draft-only article', async () => {
    await documents().create({ data: { title: 'Only a draft' } });
    const unknown = await app.http().get('/api/articles/by-slug/does-not-exist');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/does-not-exist/);
    expect((await app.http().get('/api/articles/by-slug/only-a-draft')).status).toBe(404);
  });
});

describe('bad input', () => {
  it('rejects a missing title with a 400 naming the field, for drafts too, and writes nothing', async () => {
    const before = await countRows();
    const res = await client.post('/api/articles', { data: { excerpt: 'no title' } });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toContain('title');
    await expect(documents().create({ data: { title: '   ' } })).rejects.toThrow(
      /title is required/
    );
    expect(await countRows()).toBe(before);
  });

  it('rejects over-long title and excerpt', async () => {
    const before = await countRows();
    const title = await client.post('/api/articles', { data: { title: 'x'.repeat(201) } });
    expect(title.status).toBe(400);
    expect(errorPaths(title.body)).toContain('title');
    const excerpt = await client.post('/api/articles', {
      data: { title: 'Fine', excerpt: 'y'.repeat(301) },
    });
    expect(excerpt.status).toBe(400);
    expect(errorPaths(excerpt.body)).toContain('excerpt');
    expect(await countRows()).toBe(before);
  });

  it('rejects an update that empties the title and leaves the stored article unchanged', async () => {
    const created = await documents().create({ data: { title: 'Keep me' } });
    const res = await client.put(`/api/articles/${created.documentId}`, { data: { title: '' } });
    expect(res.status).toBe(400);
    const stored = await documents().findOne({ documentId: created.documentId });
    expect(stored?.title).toBe('Keep me');
  });

  it('answers 404 for unknown document ids', async () => {
    expect((await app.http().get('/api/articles/doesnotexist000000000000')).status).toBe(404);
    expect(
      (await client.put('/api/articles/doesnotexist000000000000', { data: { title: 'x' } })).status
    ).toBe(404);
    expect((await client.del('/api/articles/doesnotexist000000000000')).status).toBe(404);
  });

  it('never answers 500 to malformed JSON or unknown fields', async () => {
    const malformed = await app
      .http()
      .post('/api/articles')
      .set({ Authorization: `Bearer ${await app.token()}`, 'Content-Type': 'application/json' })
      .send('{"data": {');
    expect(malformed.status).toBe(400);
    const unknownField = await client.post('/api/articles', { data: { title: 'ok', nope: 1 } });
    expect(unknownField.status).toBe(400);
  });
});

describe("Strapi's standard list features", () => {
  it('filter, sort and paginate', async () => {
    for (const title of ['Zeta filter', 'Alpha filter', 'Mid filter']) {
      await documents().create({ status: 'published', data: { title } });
    }
    const res = await app.http().get('/api/articles').query({
      'filters[title][$endsWith]': 'filter',
      sort: 'title:asc',
      'pagination[pageSize]': 2,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.map((a: { title: string }) => a.title)).toEqual([
      'Alpha filter',
      'Mid filter',
    ]);
    expect(res.body.meta.pagination).toMatchObject({
      page: 1,
      pageSize: 2,
      pageCount: 2,
      total: 3,
    });
  });
});
