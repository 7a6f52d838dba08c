import { api, documentsOf, errorPaths } from './helpers/content';
import { type TestApp, useSharedApp } from './helpers/strapi';

const testApp = useSharedApp();
let app: TestApp;
let client: ReturnType<typeof api>;
beforeAll(() => {
  app = testApp();
  client = api(app);
});

const tags = () => documentsOf(app, 'api::tag.tag');
const articles = () => documentsOf(app, 'api::article.article');

describe('tag names and slugs', () => {
  it('generates the slug from the name and trims the name', async () => {
    const res = await client.post('/api/tags', { data: { name: '  Machine   Learning ' } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ name: 'Machine Learning', slug: 'machine-learning' });
  });

  it('rejects a duplicate name in any case, through REST and the Document Service', async () => {
    await tags().create({ data: { name: 'AI' } });
    const before = await app.strapi.db.query('api::tag.tag').count();
    const res = await client.post('/api/tags', { data: { name: 'ai' } });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['name']);
    expect(res.body.error.message).toMatch(/"AI" already exists/);
    await expect(tags().create({ data: { name: 'Ai' } })).rejects.toThrow(/already exists/);
    expect(await app.strapi.db.query('api::tag.tag').count()).toBe(before);
  });

  it('treats names that read the same as one tag: width, invisible characters, spaces, full case folding', async () => {
    if ((await tags().findMany({ filters: { name: 'AI' } })).length === 0)
      await tags().create({ data: { name: 'AI' } });
    for (const name of ['ai', ' AI ', 'Ａｉ', 'A\u200bI', '\u202aAI\u202c', 'A\u200dI']) {
      const res = await client.post('/api/tags', { data: { name } });
      expect({ name, status: res.status, paths: errorPaths(res.body) }).toEqual({
        name,
        status: 400,
        paths: ['name'],
      });
    }
    const accented = await client.post('/api/tags', { data: { name: 'Été' } });
    expect(accented.status).toBe(201);
    for (const name of ['été', 'ÉTÉ', 'E\u0301te\u0301']) {
      const res = await client.post('/api/tags', { data: { name } });
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
    }
    // accents still count, on every database (MySQL's usual collation would ignore them)
    const plain = await client.post('/api/tags', { data: { name: 'Ete' } });
    expect(plain.status).toBe(201);
    const sharp = await client.post('/api/tags', { data: { name: 'Straße' } });
    expect(sharp.status).toBe(201);
    expect((await client.post('/api/tags', { data: { name: 'STRASSE' } })).status).toBe(400);
    const turkish = await client.post('/api/tags', { data: { name: 'İstanbul' } });
    expect(turkish.status).toBe(201);
    expect((await client.post('/api/tags', { data: { name: 'İSTANBUL' } })).status).toBe(400);
    expect((await client.post('/api/tags', { data: { name: 'i\u0307stanbul' } })).status).toBe(400);
  });

  it('stores the cleaned name, not what was typed, and never exposes the comparison key', async () => {
    const res = await client.post('/api/tags', { data: { name: ' Ｄeep\u200b   Learning ' } });
    expect(res.status).toBe(201);
    expect(res.body.data.name).toBe('Deep Learning');
    expect(res.body.data.slug).toBe('deep-learning');
    expect(res.body.data).not.toHaveProperty('nameKey');
    const pub = await app.http().get(`/api/tags/${res.body.data.documentId}`);
    expect(pub.body.data).not.toHaveProperty('nameKey');
  });

  it('has the database refuse a second row with the same name key or slug, whatever writes it', async () => {
    const tag = await tags().create({ data: { name: 'Raw Write' } });
    const query = app.strapi.db.query('api::tag.tag');
    // (a rejection, whatever its class: a native driver's error may come from another test file's realm)
    const refused = (data: Record<string, unknown>) =>
      query.create({ data }).then(
        () => false,
        () => true
      );
    expect(
      await refused({
        name: 'RAW WRITE',
        nameKey: 'raw write',
        slug: 'raw-write-x',
        documentId: 'rawdup000000000000000001',
      })
    ).toBe(true);
    expect(
      await refused({
        name: 'Other',
        nameKey: 'other',
        slug: tag.slug,
        documentId: 'rawdup000000000000000002',
      })
    ).toBe(true);
    expect(
      await query.count({
        where: { documentId: { $in: ['rawdup000000000000000001', 'rawdup000000000000000002'] } },
      })
    ).toBe(0);
  });

  it('lets a tag be renamed to a different case of its own name, keeping its slug', async () => {
    const tag = await tags().create({ data: { name: 'photography' } });
    const res = await client.put(`/api/tags/${tag.documentId}`, { data: { name: 'Photography' } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: 'Photography', slug: 'photography' });
  });

  it('rejects a missing name', async () => {
    const res = await client.post('/api/tags', { data: { description: 'nameless' } });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toContain('name');
  });

  it('is not publicly writable', async () => {
    const res = await app
      .http()
      .post('/api/tags')
      .send({ data: { name: 'Anonymous' } });
    expect(res.status).toBe(403);
  });
});

describe('articleCount and tag pages', () => {
  let slug: string;

  beforeAll(async () => {
    const tag = await tags().create({ data: { name: 'Counted' } });
    slug = tag.slug as string;
    // five published articles with increasing publication dates, one draft-only, one unpublished
    for (let i = 1; i <= 5; i += 1) {
      await articles().create({
        status: 'published',
        data: { title: `Counted ${i}`, tags: [tag.documentId] },
      });
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await articles().create({ data: { title: 'Counted draft', tags: [tag.documentId] } });
    const gone = await articles().create({
      status: 'published',
      data: { title: 'Counted gone', tags: [tag.documentId] },
    });
    await articles().unpublish({ documentId: gone.documentId });
  });

  it('counts only published articles, once each', async () => {
    const res = await app.http().get('/api/tags').query({ 'filters[slug][$eq]': slug });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0].articleCount).toBe(5);

    const one = await app.http().get(`/api/tags/${res.body.data[0].documentId}`);
    expect(one.body.data.articleCount).toBe(5);
  });

  it('gives 0 for a tag without articles', async () => {
    await tags().create({ data: { name: 'Lonely' } });
    const res = await app.http().get('/api/tags').query({ 'filters[name][$eq]': 'Lonely' });
    expect(res.body.data[0].articleCount).toBe(0);
  });

  it("lists a tag's published articles newest first, paginated", async () => {
    // re-publishing an old article after an edit does not make it "new"
    const [oldest] = await articles().findMany({ filters: { title: 'Counted 1' } });
    await articles().update({ documentId: oldest.documentId, data: { excerpt: 'Edited later.' } });
    await articles().publish({ documentId: oldest.documentId });

    const first = await app
      .http()
      .get(`/api/tags/by-slug/${slug}/articles`)
      .query({ page: 1, pageSize: 2 });
    expect(first.status).toBe(200);
    expect(first.body.data.map((a: { title: string }) => a.title)).toEqual([
      'Counted 5',
      'Counted 4',
    ]);
    expect(first.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 3, total: 5 });

    const last = await app
      .http()
      .get(`/api/tags/by-slug/${slug}/articles`)
      .query({ page: 3, pageSize: 2 });
    expect(last.body.data.map((a: { title: string }) => a.title)).toEqual(['Counted 1']);
  });

  it('answers 404 for an unknown tag and 400 for bad paging', async () => {
    expect((await app.http().get('/api/tags/by-slug/nope/articles')).status).toBe(404);
    for (const query of [{ page: 0 }, { page: 'abc' }, { pageSize: 1000 }, { pageSize: -1 }]) {
      const res = await app.http().get(`/api/tags/by-slug/${slug}/articles`).query(query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/page/);
    }
  });
});
