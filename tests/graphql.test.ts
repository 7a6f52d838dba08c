import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { documentsOf, type Doc } from './helpers/content';
import { createArticle, flush, postView, browserUA } from './helpers/engagement-fixtures';
import { type TestApp, useSharedApp } from './helpers/strapi';
import { deleteFile, uploadFile } from './helpers/thumbnails-upload';

/**
 * The GraphQL API (POST /graphql) over the booted app: Strapi's own queries with our fields, the
 * by-slug and popular queries, the draft rule and the content rules. Every draft-only text carries this
 * file's marker SECRET-<K>, so a leak anywhere in a response body is caught. On the shared app: every
 * name carries the file's key K, lists are filtered to this file's documents, and popular rankings are
 * checked by the order and figures of this file's documents within them.
 */
const testApp = useSharedApp();
let app: TestApp;
let published: Doc;
let tag: Doc;
let embargoed: Doc;

/** This file's key: in every title, tag name, credit and file name it makes. */
const K = randomBytes(3).toString('hex');
const SECRET = `SECRET-${K}`;
const TITLE = `Public story ${K}`;
const SLUG = `public-story-${K}`;
const TAG_NAME = `Science ${K}`;
const TAG_SLUG = `science-${K}`;
const story = (i: number) => `Story ${K} ${i}`;
/** GraphQL filters that keep a list to this file's articles and tag. */
const OWN_ARTICLES = `filters: { title: { contains: "${K}" } }`;
const OWN_TAG = `filters: { slug: { eq: "${TAG_SLUG}" } }`;

interface GraphqlResponse {
  status: number;
  text: string;
  body: {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
}

/** POSTs a GraphQL operation, anonymously or with headers. */
const gql = (
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {}
): Promise<GraphqlResponse> =>
  app
    .http()
    .post('/graphql')
    .set(headers)
    .send({ query, variables }) as unknown as Promise<GraphqlResponse>;
const codes = (res: GraphqlResponse) =>
  (res.body.errors ?? []).map((error) => error.extensions?.code);
const leaks = (res: { text: string }) => res.text.includes(SECRET);

beforeAll(async () => {
  app = testApp();
  const articles = documentsOf(app, 'api::article.article');
  tag = await documentsOf(app, 'api::tag.tag').create({
    status: 'published',
    data: { name: TAG_NAME },
  });
  published = await articles.create({
    status: 'published',
    data: { title: TITLE, tags: [tag.documentId] },
  });
  // a newer, unpublished edit of the published article, and an article that only exists as a draft
  await articles.update({
    documentId: published.documentId,
    data: { title: `${TITLE} ${SECRET}-EDIT` },
  });
  embargoed = await articles.create({
    data: { title: `Embargoed ${K} ${SECRET}-DRAFT`, tags: [tag.documentId] },
  });
  for (let i = 1; i <= 4; i += 1)
    await articles.create({
      status: 'published',
      data: { title: story(i), tags: [tag.documentId] },
    });
});

describe("Strapi's queries with our fields", () => {
  it('lists published articles with filters, sort and pagination', async () => {
    const res = await gql(
      `query ($title: String) {
      articles(filters: { title: { startsWith: $title } }, sort: "title:desc", pagination: { page: 1, pageSize: 2 }) { title slug }
      articles_connection(filters: { title: { startsWith: $title } }) { pageInfo { total } }
    }`,
      { title: `Story ${K}` }
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.articles.map((a: { title: string }) => a.title)).toEqual([
      story(4),
      story(3),
    ]);
    expect(res.body.data?.articles_connection.pageInfo.total).toBe(4);
  });

  it('lists tags and image credits', async () => {
    await documentsOf(app, 'api::image-credit.image-credit').create({
      status: 'published',
      data: { creator: `Jane Doe ${K}`, license: 'cc0' },
    });
    const res = await gql(
      `{ tags(${OWN_TAG}) { name slug } imageCredits(filters: { creator: { contains: "${K}" } }) { creator } }`
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.tags).toEqual([{ name: TAG_NAME, slug: TAG_SLUG }]);
    expect(res.body.data?.imageCredits.map((c: { creator: string }) => c.creator)).toContain(
      `Jane Doe ${K}`
    );
  });

  it('gives each article its live engagement figures', async () => {
    const ua = browserUA();
    expect((await postView(app, published.documentId, ua)).status).toBe(202);
    await flush(app.strapi);
    // one more view stays buffered: the figures include it
    expect((await postView(app, published.documentId, browserUA())).status).toBe(202);
    const res = await gql(
      'query ($id: ID!) { article(documentId: $id) { title engagement { views shares { total byNetwork } } } }',
      { id: published.documentId }
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.article.title).toBe(TITLE);
    expect(res.body.data?.article.engagement.views).toBe(2);
    expect(res.body.data?.article.engagement.shares.total).toBe(0);
    expect(Object.values(res.body.data?.article.engagement.shares.byNetwork)).toEqual(
      expect.arrayContaining([0])
    );
  });

  it('reads the engagement figures of a whole list with one query', async () => {
    const sql: string[] = [];
    const listener = (query: { sql: string }) => sql.push(query.sql);
    app.strapi.db.connection.on('query', listener);
    try {
      const res = await gql(
        `{ articles(${OWN_ARTICLES}, pagination: { pageSize: 10 }) { documentId engagement { views } } tags(${OWN_TAG}) { articles { engagement { views } } } }`
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.articles).toHaveLength(5);
    } finally {
      app.strapi.db.connection.removeListener('query', listener);
    }
    // reads only: the flusher may write its batch meanwhile
    expect(
      sql.filter(
        (statement) => statement.startsWith('select') && statement.includes('engagement_totals')
      )
    ).toHaveLength(1);
  });
});

describe('articleBySlug, tagBySlug, popular', () => {
  it('answers the published article by slug, with published tags only', async () => {
    const res = await gql(
      `{ articleBySlug(slug: "${SLUG}") { documentId title tags { name } engagement { views } } }`
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.articleBySlug).toMatchObject({
      documentId: published.documentId,
      title: TITLE,
      tags: [{ name: TAG_NAME }],
    });
    expect(leaks(res)).toBe(false);
  });

  it('answers null for an unknown slug and for a draft-only article', async () => {
    const res = await gql(
      `{ a: articleBySlug(slug: "nothing-here-${K}") { title } b: articleBySlug(slug: "${embargoed.slug}") { title } }`
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ a: null, b: null });
  });

  it.each([
    ['anonymously', false],
    ['with a full-access token', true],
  ])(
    'answers a tag by slug with its published articles only, each once (%s)',
    async (_name, withToken) => {
      const headers: Record<string, string> = withToken
        ? { Authorization: `Bearer ${await app.token()}` }
        : {};
      const res = await gql(
        `{ tagBySlug(slug: "${TAG_SLUG}") { name articles(sort: "title:asc") { title } } }`,
        {},
        headers
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.tagBySlug.articles.map((a: { title: string }) => a.title)).toEqual([
        TITLE,
        story(1),
        story(2),
        story(3),
        story(4),
      ]);
      expect(leaks(res)).toBe(false);
      expect((await gql(`{ tagBySlug(slug: "nope-${K}") { name } }`)).body.data).toEqual({
        tagBySlug: null,
      });
    }
  );

  it('ranks popular articles', async () => {
    const other = await createArticle(app.strapi, `Popular one ${K}`);
    for (let i = 0; i < 3; i += 1) await postView(app, other.documentId, browserUA());
    // the whole ranking (other files' articles too): highest views first, this file's two in their order
    const res = await gql(
      '{ popular(type: "article", period: all, by: views, limit: 100) { documentId views shares fields } }'
    );
    expect(res.body.errors).toBeUndefined();
    const entries = res.body.data?.popular as Array<{
      documentId: string;
      views: number;
      fields: { title?: string };
    }>;
    const views = entries.map((entry) => entry.views);
    expect(views).toEqual([...views].sort((a, b) => b - a));
    const ours = entries.filter((entry) =>
      [other.documentId, published.documentId].includes(entry.documentId)
    );
    expect(ours).toEqual([
      expect.objectContaining({
        documentId: other.documentId,
        views: 3,
        fields: expect.objectContaining({ title: `Popular one ${K}` }),
      }),
      expect.objectContaining({ documentId: published.documentId, views: 2 }),
    ]);
    const limited = await gql(
      '{ popular(type: "article", period: all, by: views, limit: 2) { documentId views } }'
    );
    expect(limited.body.errors).toBeUndefined();
    expect(limited.body.data?.popular).toHaveLength(2);
  });

  it('refuses a bad popular request with a clear message', async () => {
    const unknown = await gql('{ popular(type: "nothing") { documentId } }');
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.body.errors?.[0].message).toMatch(/Unknown tracked type "nothing"/);
    const limit = await gql('{ popular(type: "article", limit: 0) { documentId } }');
    expect(codes(limit)).toEqual(['BAD_USER_INPUT']);
    expect(limit.body.errors?.[0].message).toMatch(/"limit" must be an integer/);
  });

  it('lists popular articles per locale, refusing an unknown locale by name', async () => {
    const english = await gql(
      '{ popular(type: "article", period: all, locale: "en") { documentId fields } }'
    );
    expect(english.body.errors).toBeUndefined();
    expect(english.body.data?.popular.length).toBeGreaterThan(0);
    expect(
      english.body.data?.popular.every(
        (entry: { fields: { locale?: string } }) =>
          entry.fields.locale === undefined || entry.fields.locale === 'en'
      )
    ).toBe(true);
    const unknown = await gql('{ popular(type: "article", locale: "xx") { documentId } }');
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.body.errors?.[0].message).toMatch(/Unknown locale "xx"/);
  });
});

describe("the README's example queries", () => {
  it.each([
    '{ articles(filters: { title: { containsi: "photo" } }, sort: "publishedAt:desc", pagination: { page: 1, pageSize: 10 }) { documentId title slug engagement { views shares { total byNetwork } } } }',
    '{ articleBySlug(slug: "crediting-photographers-under-creative-commons") { title body cover { url placeholder dominantColor formats } coverCredit { creditLine } tags { name slug } } }',
    '{ tagBySlug(slug: "ai") { name articles(sort: "publishedAt:desc", pagination: { pageSize: 10 }) { title slug } } }',
    '{ popular(type: "article", period: week, by: views, limit: 5) { documentId views shares fields } }',
  ])('%s', async (query) => {
    const res = await gql(query);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });
});

describe('the draft rule', () => {
  it.each([
    ['a list', '{ articles(status: DRAFT) { title } }'],
    ['one document', `{ article(documentId: "ID", status: DRAFT) { title } }`],
    ['a connection', '{ articles_connection(status: DRAFT) { nodes { title } } }'],
    [
      'a by-slug relation',
      `{ tagBySlug(slug: "${TAG_SLUG}") { name } articles(status: DRAFT) { tags { name } } }`,
    ],
  ])(
    'refuses %s with status DRAFT to a requester without the read-drafts permission',
    async (_name, query) => {
      const res = await gql(query.replace('ID', published.documentId));
      expect(codes(res)).toContain('FORBIDDEN');
      expect(res.body.errors?.[0].message).toMatch(/Reading drafts \("status" argument\)/);
      expect(leaks(res)).toBe(false);
    }
  );

  it('gives every public read published rows only', async () => {
    const res = await gql(
      // a page that holds this file's published articles: the read budget prices a public read by the
      // largest relation lists in the database, which other files on the shared app make long
      `{ articles(${OWN_ARTICLES}, pagination: { pageSize: 8 }) { title tags { articles { title } } } tags(${OWN_TAG}) { articles { title } } }`
    );
    expect(res.body.errors).toBeUndefined();
    // the filters do reach this file's published articles and tag
    expect(res.body.data?.articles.map((a: { title: string }) => a.title)).toEqual(
      expect.arrayContaining([TITLE, story(1), story(4)])
    );
    expect(res.body.data?.tags).toHaveLength(1);
    expect(leaks(res)).toBe(false);
  });

  it('lets a full-access API token read drafts', async () => {
    const res = await gql(
      `{ articles(status: DRAFT, ${OWN_ARTICLES}, pagination: { pageSize: 50 }) { title } }`,
      {},
      { Authorization: `Bearer ${await app.token()}` }
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.articles.map((a: { title: string }) => a.title)).toEqual(
      expect.arrayContaining([`Embargoed ${K} ${SECRET}-DRAFT`, `${TITLE} ${SECRET}-EDIT`])
    );
  });
});

describe('mutations', () => {
  it('refuses a public mutation', async () => {
    const res = await gql(`mutation { createArticle(data: { title: "Spam ${K}" }) { title } }`);
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(
      await app.strapi.db.query('api::article.article').count({ where: { title: `Spam ${K}` } })
    ).toBe(0);
  });

  it('applies the content rules to a permitted mutation', async () => {
    const auth = { Authorization: `Bearer ${await app.token()}` };
    const bad = await gql(
      `mutation { createArticle(data: { title: "Bad slug ${K}", slug: "no spaces allowed" }) { title } }`,
      {},
      auth
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.body.errors?.[0].message).toMatch(/slug may only contain/);
    expect(
      await app.strapi.db.query('api::article.article').count({ where: { title: `Bad slug ${K}` } })
    ).toBe(0);
    const good = await gql(
      `mutation { createArticle(data: { title: "Made over GraphQL ${K}" }) { slug } }`,
      {},
      auth
    );
    expect(good.body.errors).toBeUndefined();
    expect(good.body.data?.createArticle.slug).toBe(`made-over-graphql-${K}`);
  });
});

describe('files', () => {
  const uploaded: number[] = [];
  afterAll(async () => {
    for (const id of uploaded) await deleteFile(app, id);
  });

  it('expose our formats keys, placeholder and dominantColor', async () => {
    const png = await sharp({
      create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 40, b: 40 } },
    })
      .png()
      .toBuffer();
    const upload = await uploadFile(app, png, `gql-red-${K}.png`, 'image/png');
    expect(upload.status).toBe(201);
    uploaded.push(upload.body[0].id);
    const res = await gql(
      'query ($id: ID!) { uploadFile(documentId: $id) { name formats placeholder dominantColor } }',
      { id: upload.body[0].documentId },
      { Authorization: `Bearer ${await app.token()}` }
    );
    expect(res.body.errors).toBeUndefined();
    const file = res.body.data?.uploadFile;
    expect(Object.keys(file.formats)).toEqual(
      expect.arrayContaining(['thumbnail', 'card_webp', 'og_webp'])
    );
    expect(file.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(file.dominantColor).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('persisted queries over GET, through the response cache', () => {
  /** A GET as a browser or an Apollo client sends it: Apollo's CSRF rule wants a non-simple header. */
  const get = (params: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const query = new URLSearchParams(
      Object.entries(params).map(([key, value]): [string, string] => [
        key,
        typeof value === 'string' ? value : JSON.stringify(value),
      ])
    );
    return app
      .http()
      .get(`/graphql?${query}`)
      .set({ 'apollo-require-preflight': 'true', ...headers });
  };
  // named after the file's key: the hash is this file's own on the shared app
  const QUERY = `query Story_${K}($id: ID!) { article(documentId: $id) { title story: engagement { v: views shares { total } } } }`;
  const persisted = { version: 1, sha256Hash: createHash('sha256').update(QUERY).digest('hex') };

  it('registers a query once, then serves its hash from the cache with live counts, ETag and 304', async () => {
    const variables = { id: published.documentId };
    const unknown = await get({ extensions: { persistedQuery: persisted }, variables });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.headers['x-response-cache']).toBe('miss');

    const registered = await get({
      query: QUERY,
      extensions: { persistedQuery: persisted },
      variables,
    });
    expect(registered.status).toBe(200);
    expect(registered.body.data.article.title).toBe(TITLE);
    const views = registered.body.data.article.story.v as number;

    // the hash alone is its own cache entry: computed once, then served from the cache
    expect(
      (await get({ extensions: { persistedQuery: persisted }, variables })).headers[
        'x-response-cache'
      ]
    ).toBe('miss');
    const hit = await get({ extensions: { persistedQuery: persisted }, variables });
    expect(hit.headers['x-response-cache']).toBe('hit');
    expect(hit.body).toEqual(registered.body);
    expect(hit.headers.etag).toBeTruthy();
    expect(
      (
        await get(
          { extensions: { persistedQuery: persisted }, variables },
          { 'If-None-Match': hit.headers.etag }
        )
      ).status
    ).toBe(304);

    // a new view shows at once in the cached answer, under a new ETag
    expect((await postView(app, published.documentId, browserUA())).status).toBe(202);
    const counted = await get({ extensions: { persistedQuery: persisted }, variables });
    expect(counted.headers['x-response-cache']).toBe('hit');
    expect(counted.body.data.article.story).toEqual({ v: views + 1, shares: { total: 0 } });
    expect(counted.headers.etag).not.toBe(hit.headers.etag);

    // a published edit shows on the next read
    await documentsOf(app, 'api::article.article').update({
      documentId: published.documentId,
      data: { title: `${TITLE}, edited` },
      status: 'published',
    });
    const edited = await get({ extensions: { persistedQuery: persisted }, variables });
    expect(edited.body.data.article.title).toBe(`${TITLE}, edited`);
    await documentsOf(app, 'api::article.article').update({
      documentId: published.documentId,
      data: { title: TITLE },
      status: 'published',
    });
  });

  it('shows a new published article in a cached list, and a tag rename inside cached articles', async () => {
    const list = () =>
      get({
        query: `{ articles(${OWN_ARTICLES}, sort: "title:asc", pagination: { pageSize: 100 }) { title tags { name } } }`,
      });
    const titles = (res: { body: { data: { articles: Array<{ title: string }> } } }) =>
      res.body.data.articles.map((article) => article.title);
    await list();
    const cached = await list();
    expect(cached.headers['x-response-cache']).toBe('hit');
    expect(titles(cached)).toContain(TITLE);
    expect(titles(cached)).not.toContain(story(5));

    await documentsOf(app, 'api::article.article').create({
      status: 'published',
      data: { title: story(5), tags: [tag.documentId] },
    });
    expect(titles(await list())).toContain(story(5));

    await documentsOf(app, 'api::tag.tag').update({
      documentId: tag.documentId,
      data: { name: `Sciences ${K}` },
    });
    const renamed = await list();
    expect(
      renamed.body.data.articles.find((article: { title: string }) => article.title === story(5))
        .tags
    ).toEqual([{ name: `Sciences ${K}` }]);
    await documentsOf(app, 'api::tag.tag').update({
      documentId: tag.documentId,
      data: { name: TAG_NAME },
    });
  });

  it('never caches POST, errors or requests with credentials', async () => {
    const post = await gql('{ articles { title } }');
    expect(post.status).toBe(200);
    expect(
      (post as unknown as { headers: Record<string, string> }).headers['x-response-cache']
    ).toBeUndefined();
    const failing = await get({ query: '{ articles { nope } }' });
    expect(failing.body.errors).toBeDefined();
    expect((await get({ query: '{ articles { nope } }' })).headers['x-response-cache']).toBe(
      'miss'
    );
    const withToken = await get(
      { query: '{ articles { title } }' },
      { Authorization: `Bearer ${await app.token()}` }
    );
    expect(withToken.status).toBe(200);
    expect(withToken.headers['cache-control']).toMatch(/no-store/);
    expect(withToken.headers['x-response-cache']).toBeUndefined();
  });
});
