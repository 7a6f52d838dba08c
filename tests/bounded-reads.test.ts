import { documentsOf, paragraphs } from './helpers/content';
import { withinOneMinuteWindow } from './helpers/minute-window';
import { type TestApp, useSharedApp, useTestApp } from './helpers/strapi';

/**
 * Every public read has a cost it cannot exceed (README "Read budgets"):
 * - a request without credentials may populate at most PUBLIC_POPULATE_MAX_DEPTH relation levels
 *   (default 2), in every populate syntax; deeper answers 400 with a message;
 * - its cost (entries on the page × each populated relation's real largest list) stays within
 *   READ_BUDGET_PUBLIC, else 400 naming the costly path, over REST and GraphQL alike;
 * - a populated to-many relation returns at most RELATION_LIST_LIMIT entries per parent, with
 *   `populate[x][start]`/`[limit]` for the next ones;
 * - GraphQL text is checked before Apollo parses it (tokens, fields with fragments expanded, aliases,
 *   batches); per-IP points (429), a deadline (503) and a response ceiling (413) are the hard stops.
 * Credentials lift the limits as configured.
 */

/** Two tags sharing three published articles. */
async function seed(app: TestApp): Promise<void> {
  const tags = documentsOf(app, 'api::tag.tag');
  const ai = await tags.create({ data: { name: 'Depth AI' } });
  const ml = await tags.create({ data: { name: 'Depth ML' } });
  for (let i = 1; i <= 3; i += 1) {
    await documentsOf(app, 'api::article.article').create({
      status: 'published',
      data: { title: `Deep ${i}`, tags: [ai.documentId, ml.documentId] },
    });
  }
}

const TOO_DEEP = [
  // the request: 4 levels
  '/api/tags?pagination[pageSize]=100&populate[articles][populate][tags][populate][articles][populate][tags]=true',
  '/api/tags?populate[articles][populate][tags][populate]=articles',
  '/api/tags?populate[articles][populate][tags][populate]=*',
  '/api/tags?populate=articles.tags.articles',
  '/api/tags?populate[0]=articles&populate[1]=articles.tags.articles',
  '/api/articles?populate[tags][populate][0]=articles.tags',
  '/api/image-credits?populate[articles][populate][tags][populate][articles]=true',
];

// the seeded tags and articles, one page of them: the budget prices a page by its size (capped by the
// whole table's rows) times each populated relation's real largest list, so on the shared app a default
// page of 25 tags populated with `*` may cost more than the budget (a refusal the costly reads below
// check on purpose)
const OWN_TAGS = 'filters[name][$startsWith]=Depth&pagination[pageSize]=2';
const WITHIN = [
  `/api/tags?populate=*&${OWN_TAGS}`,
  `/api/tags?populate=articles&${OWN_TAGS}`,
  `/api/tags?populate=articles.tags&${OWN_TAGS}`,
  `/api/tags?populate[articles][populate][tags]=true&${OWN_TAGS}`,
  `/api/tags?populate[articles][populate]=*&${OWN_TAGS}`,
  '/api/articles?populate[tags][populate][articles][fields][0]=title&populate[coverCredit]=true&filters[title][$startsWith]=Deep&pagination[pageSize]=3',
];

describe('default limit', () => {
  const testApp = useSharedApp();
  let app: TestApp;
  beforeAll(async () => {
    app = testApp();
    await seed(app);
  });

  describe('without credentials', () => {
    it('refuses populates deeper than 2 levels with a 400 naming the limit', async () => {
      for (const path of TOO_DEEP) {
        const res = await app.http().get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.error.message).toMatch(/at most 2 \(PUBLIC_POPULATE_MAX_DEPTH\)/);
        expect(res.body.data).toBeNull();
      }
    });

    it('answers populates up to 2 levels', async () => {
      for (const path of WITHIN) {
        const res = await app.http().get(path);
        expect({ path, status: res.status, found: res.body.data?.length > 0 }).toEqual({
          path,
          status: 200,
          found: true,
        });
      }
      const res = await app
        .http()
        .get('/api/tags?populate[articles][populate][tags]=true&filters[name][$eq]=Depth AI');
      expect(res.body.data[0].articles).toHaveLength(3);
      expect(
        res.body.data[0].articles[0].tags.map((tag: { name: string }) => tag.name).sort()
      ).toEqual(['Depth AI', 'Depth ML']);
    });

    it('keeps page sizes at api.rest.maxLimit (100)', async () => {
      const res = await app.http().get('/api/tags?pagination[pageSize]=1000');
      expect(res.status).toBe(200);
      expect(res.body.meta.pagination.pageSize).toBe(100);
    });
  });

  describe('with an API token', () => {
    it('allows deeper populates', async () => {
      const res = await app
        .http()
        .get(TOO_DEEP[0])
        .set({ Authorization: `Bearer ${await app.token()}` });
      expect(res.status).toBe(200);
      const ai = res.body.data.find((tag: { name: string }) => tag.name === 'Depth AI');
      expect(ai.articles[0].tags[0].articles[0].tags.length).toBeGreaterThan(0);
    });
  });

  describe('costly reads', () => {
    /** Five tags on every one of 30 published articles: each tag lists 30 articles (over the cap of 25). */
    const tagNames = ['Bound A', 'Bound B', 'Bound C', 'Bound D', 'Bound E'];
    let tagIds: string[] = [];
    const gql = (query: string, variables: Record<string, unknown> = {}) =>
      app.http().post('/graphql').send({ query, variables });

    beforeAll(async () => {
      const tags = documentsOf(app, 'api::tag.tag');
      tagIds = [];
      for (const name of tagNames) tagIds.push((await tags.create({ data: { name } })).documentId);
      for (let i = 1; i <= 30; i += 1) {
        await documentsOf(app, 'api::article.article').create({
          status: 'published',
          data: { title: `Bound ${String(i).padStart(2, '0')}`, tags: tagIds },
        });
      }
    });

    it('caps a populated relation at 25 entries per parent; the rest is paged from the other side', async () => {
      const first = await app
        .http()
        .get(
          '/api/tags?filters[name][$startsWith]=Bound&populate[articles][fields][0]=title&populate[articles][sort]=title'
        );
      expect(first.status).toBe(200);
      expect(first.body.data).toHaveLength(5);
      for (const tag of first.body.data) expect(tag.articles).toHaveLength(25);
      expect(first.body.data[0].articles[0].title).toBe('Bound 01');

      const next = await app
        .http()
        .get(
          '/api/articles?filters[tags][name][$eq]=Bound A&fields[0]=title&sort=title&pagination[page]=2&pagination[pageSize]=25'
        );
      expect({ status: next.status, error: next.body.error }).toEqual({ status: 200 });
      expect(next.body.data.map((a: { title: string }) => a.title)).toEqual([
        'Bound 26',
        'Bound 27',
        'Bound 28',
        'Bound 29',
        'Bound 30',
      ]);
      expect(next.body.meta.pagination.total).toBe(30);

      // A full-access token reads the whole list.
      const all = await app
        .http()
        .get('/api/tags?filters[name][$eq]=Bound A&populate=articles')
        .set({ Authorization: `Bearer ${await app.token()}` });
      expect(all.body.data[0].articles).toHaveLength(30);
    });

    it('keeps drafts out of capped relation lists', async () => {
      await documentsOf(app, 'api::article.article').create({
        data: { title: 'Bound draft SECRET', tags: tagIds },
      });
      const res = await app
        .http()
        .get('/api/tags?filters[name][$eq]=Bound B&populate[articles][sort]=title:desc');
      expect({ status: res.status, error: res.body.error }).toEqual({ status: 200 });
      expect(res.text).not.toContain('SECRET');
      expect(res.body.data[0].articles).toHaveLength(25);
      expect(res.body.data[0].articles[0].title).toBe('Bound 30');
    });

    it('refuses a REST read over the public budget before running it, naming the costly path', async () => {
      // 30+ articles × 5 tags × 25 articles each: over 5,000 entries
      const res = await app
        .http()
        .get('/api/articles?pagination[pageSize]=100&populate[tags][populate][articles]=true');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /may return up to [\d,]+ entries \(populate "tags\.articles" alone [\d,]+ \(\d+ × 5 × 25\)\); requests without credentials may read at most 5,000 \(READ_BUDGET_PUBLIC\)/
      );
      // the same read with a full-access token is allowed
      const token = await app
        .http()
        .get('/api/articles?pagination[pageSize]=100&populate[tags][populate][articles]=true')
        .set({ Authorization: `Bearer ${await app.token()}` });
      expect(token.status).toBe(200);
      // a smaller page of the same shape is within the budget
      const small = await app
        .http()
        .get(
          '/api/articles?filters[title][$startsWith]=Bound&pagination[pageSize]=5&populate[tags][populate][articles][fields][0]=title'
        );
      expect(small.status).toBe(200);
      expect(small.body.data[0].tags[0].articles.length).toBeLessThanOrEqual(25);
    });

    it('refuses a GraphQL query over the budget before it runs', async () => {
      // the query, 5 levels of alternating lists of 100 (it ran the process out of memory)
      const deep =
        '{ articles(pagination:{limit:100}) { title tags(pagination:{limit:100}) { name articles(pagination:{limit:100}) { title tags(pagination:{limit:100}) { name articles(pagination:{limit:100}) { title tags(pagination:{limit:100}) { name } } } } } } }';
      const res = await gql(deep);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
      expect(res.body.errors[0].message).toMatch(
        /field "articles\.tags\.articles\.tags\.articles\.tags" alone .*at most 5,000 \(READ_BUDGET_PUBLIC\)/
      );
      // a page of articles with their tags passes
      const ok = await gql(
        '{ articles(pagination:{limit:10}, filters:{title:{startsWith:"Bound"}}) { title tags { name } } }'
      );
      expect(ok.status).toBe(200);
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data.articles[0].tags).toHaveLength(5);
    });

    it('answers hostile GraphQL text with 400 before Apollo parses it', async () => {
      const aliases = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: articles(pagination:{limit:100}) { title }`).join(' ')} }`;
      const aliased = await gql(aliases);
      expect(aliased.status).toBe(400);
      expect(aliased.body.errors[0].message).toMatch(
        /100 aliases; at most 20 .*GRAPHQL_MAX_ALIASES/
      );

      // every fragment spreads the next one twice: 2^30 fields once expanded, 300 tokens as text
      const bomb = [
        'query { ...F0 }',
        ...Array.from(
          { length: 30 },
          (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`
        ),
        'fragment F30 on Query { articles { title } }',
      ].join('\n');
      const exploded = await gql(bomb);
      expect(exploded.status).toBe(400);
      expect(exploded.body.errors[0].message).toMatch(
        /selects \d+ fields once its fragments are expanded; at most 500/
      );

      const batch = await app
        .http()
        .post('/graphql')
        .send(Array.from({ length: 100 }, () => ({ query: '{ articles { title } }' })));
      expect(batch.status).toBe(400);
      expect(batch.body.errors[0].message).toMatch(/Batched GraphQL requests are not accepted/);

      const long = await gql(`{ articles { ${'title '.repeat(3000)} } }`);
      expect(long.status).toBe(400);
      expect(long.body.errors[0].message).toMatch(/GRAPHQL_MAX_TOKENS is 2000/);
    });

    it('keeps serving normal reads, with the heap bounded, while hostile requests arrive', async () => {
      const hostile = () => [
        app
          .http()
          .get('/api/articles?pagination[pageSize]=100&populate[tags][populate][articles]=true'),
        app.http().get('/api/tags?pagination[pageSize]=100000&populate[articles][populate]=*'),
        app.http().get('/api/articles?populate=*&pagination[pageSize]=100'),
        gql(
          '{ articles(pagination:{limit:100}) { tags(pagination:{limit:100}) { articles(pagination:{limit:100}) { tags(pagination:{limit:100}) { articles(pagination:{limit:100}) { title } } } } } }'
        ),
      ];
      const before = process.memoryUsage().rss;
      for (let round = 0; round < 5; round += 1) {
        const [normal, ...answers] = await Promise.all([
          app.http().get('/api/tags?filters[name][$eq]=Bound C&populate=articles'),
          ...hostile(),
        ]);
        expect(normal.status).toBe(200);
        expect(normal.body.data[0].articles).toHaveLength(25);
        for (const answer of answers) expect([200, 400]).toContain(answer.status);
        expect(answers.filter((answer) => answer.status === 400).length).toBeGreaterThanOrEqual(2);
      }
      const grownMb = (process.memoryUsage().rss - before) / 1024 / 1024;
      expect(grownMb).toBeLessThan(200);
    });
  });
});

describe('PUBLIC_POPULATE_MAX_DEPTH=1, READ_RATE_LIMIT=20, READ_MAX_RESPONSE_MB=1, behind a proxy', () => {
  const app = useTestApp({
    PUBLIC_POPULATE_MAX_DEPTH: '1',
    READ_RATE_LIMIT: '20',
    READ_MAX_RESPONSE_MB: '1',
    IS_PROXIED: 'true',
  });

  it('refuses a second level without credentials and names the limit', async () => {
    expect((await app().http().get('/api/tags?populate=articles')).status).toBe(200);
    const res = await app().http().get('/api/tags?populate[articles][populate]=tags');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /populate is 2 relations deep; .* at most 1 \(PUBLIC_POPULATE_MAX_DEPTH\)/
    );
  });

  it('answers 429 with Retry-After once a client spent its points for the minute, per client, not for tokens', async () => {
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<ReturnType<TestApp['http']>['get']>> | undefined;
    await withinOneMinuteWindow();
    for (let i = 0; i < 25; i += 1) {
      const res = await app()
        .http()
        .get(`/api/articles?filters[title][$eq]=nothing-${i}`)
        .set(from('203.0.113.7'));
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited?.body.error.message).toMatch(
      /Too many reads from this address: 20 points a minute \(READ_RATE_LIMIT/
    );
    // another client, and the same client with an API token, are still served
    expect((await app().http().get('/api/articles').set(from('203.0.113.8'))).status).toBe(200);
    expect(
      (
        await app()
          .http()
          .get('/api/articles')
          .set({ ...from('203.0.113.7'), Authorization: `Bearer ${await app().token()}` })
      ).status
    ).toBe(200);
  });

  it('answers 413 instead of a public response over READ_MAX_RESPONSE_MB', async () => {
    const long = 'x'.repeat(200_000);
    for (let i = 0; i < 6; i += 1) {
      await documentsOf(app(), 'api::article.article').create({
        status: 'published',
        data: { title: `Big ${i}`, body: paragraphs(long) },
      });
    }
    const res = await app().http().get('/api/articles?filters[title][$startsWith]=Big');
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(
      /This response would be 1\.\d MB; reads without credentials may answer at most 1 MB \(READ_MAX_RESPONSE_MB\)/
    );
    expect(
      (
        await app()
          .http()
          .get('/api/articles?filters[title][$startsWith]=Big&pagination[pageSize]=2')
      ).status
    ).toBe(200);
    expect(
      (
        await app()
          .http()
          .get('/api/articles?filters[title][$startsWith]=Big')
          .set({ Authorization: `Bearer ${await app().token()}` })
      ).status
    ).toBe(200);
  });
});

describe('READ_TIMEOUT_MS=1', () => {
  const app = useTestApp({ READ_TIMEOUT_MS: '1', GRAPHQL_ENABLED: 'true' });

  it('stops a public read past its deadline with 503 and Retry-After, over REST and GraphQL; tokens have none', async () => {
    const tag = await documentsOf(app(), 'api::tag.tag').create({ data: { name: 'Slow tag' } });
    for (let i = 0; i < 3; i += 1)
      await documentsOf(app(), 'api::article.article').create({
        status: 'published',
        data: { title: `Slow ${i}`, tags: [tag.documentId] },
      });
    const rest = await app().http().get('/api/tags?populate[articles][populate]=tags');
    expect(rest.status).toBe(503);
    expect(rest.headers['retry-after']).toBe('5');
    expect(rest.body.error.message).toMatch(/took longer than 1 ms \(READ_TIMEOUT_MS\)/);
    const graphql = await app()
      .http()
      .post('/graphql')
      .send({ query: '{ tags { name articles { title tags { name } } } }' });
    expect(graphql.status).toBe(503);
    expect(graphql.body.errors[0].extensions.code).toBe('READ_TIMEOUT');
    const token = await app()
      .http()
      .get('/api/tags?populate[articles][populate]=tags')
      .set({ Authorization: `Bearer ${await app().token()}` });
    expect(token.status).toBe(200);
  });
});
