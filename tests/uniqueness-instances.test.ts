import request from 'supertest';
import { databaseClient } from './helpers/database';
import { startChildInstance, type ChildInstance } from './helpers/engagement-instance';
import { errorPaths } from './helpers/content';
import { startTestApp, type TestApp } from './helpers/strapi';

/**
 * Slugs and tag names stay unique when 20 clients write at once against two app instances (this process
 * and a child process) on one PostgreSQL or MySQL/MariaDB database: the database's unique indexes decide,
 * the loser of a race retries with the next free slug or gets a 400 naming the field, never a 500.
 */
const runnable = databaseClient() !== 'sqlite';
const describeShared = runnable ? describe : describe.skip;
if (!runnable) {
  // Printed so a run on SQLite says why these tests did not run: one SQLite file serves one instance.
  process.stdout.write(
    'skipped: set DATABASE_CLIENT=postgres (or mysql) to run the two-instance uniqueness test\n'
  );
  it.skip('skipped: set DATABASE_CLIENT=postgres (or mysql) to run the two-instance uniqueness test', () =>
    undefined);
}

describeShared('uniqueness across two instances', () => {
  let app: TestApp;
  let child: ChildInstance;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp();
    child = await startChildInstance();
    token = await app.token();
  });
  afterAll(async () => {
    await child?.stop();
    await app?.stop();
  });

  /** 20 POSTs at once, alternating between the two instances. */
  const race = (path: string, bodies: object[]) =>
    Promise.all(
      bodies.map((body, index) =>
        request([app.baseUrl, child.baseUrl][index % 2])
          .post(path)
          .set('Authorization', `Bearer ${token}`)
          .send(body)
      )
    );

  it('gives 20 simultaneous articles with one title 20 different slugs', async () => {
    const responses = await race(
      '/api/articles?status=published',
      Array.from({ length: 20 }, () => ({ data: { title: 'Race title' } }))
    );
    expect(responses.map((res) => res.status)).toEqual(Array(20).fill(201));
    const expected = [
      'race-title',
      ...Array.from({ length: 19 }, (_, i) => `race-title-${i + 2}`),
    ].sort();
    expect(responses.map((res) => res.body.data.slug as string).sort()).toEqual(expected);

    // each document's draft and published rows share their slug; no two documents share one
    const rows = (await app.strapi.db.query('api::article.article').findMany({
      select: ['documentId', 'slug', 'publishedAt'],
      where: { title: 'Race title' },
    })) as Array<{ documentId: string; slug: string; publishedAt: string | null }>;
    expect(rows).toHaveLength(40);
    const bySlug = new Map<string, Set<string>>();
    for (const row of rows)
      bySlug.set(row.slug, (bySlug.get(row.slug) ?? new Set()).add(row.documentId));
    expect([...bySlug.values()].every((documents) => documents.size === 1)).toBe(true);
    expect(bySlug.size).toBe(20);
  });

  it('creates one tag when 20 clients create look-alike names at once; the others get a 400 on name', async () => {
    const names = ['Race Tag', 'race tag', 'RACE TAG', ' Race  Tag ', 'Ｒａｃｅ Tag'];
    const responses = await race(
      '/api/tags',
      Array.from({ length: 20 }, (_, i) => ({ data: { name: names[i % names.length] } }))
    );
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(400)]);
    for (const res of responses.filter((r) => r.status === 400))
      expect(errorPaths(res.body)).toEqual(['name']);
    expect(
      await app.strapi.db.query('api::tag.tag').count({ where: { nameKey: 'race tag' } })
    ).toBe(1);
  });

  it('gives 20 simultaneous tags whose names slugify alike 20 different slugs', async () => {
    const responses = await race(
      '/api/tags',
      Array.from({ length: 20 }, (_, i) => ({ data: { name: `Sprint${'!'.repeat(i + 1)}` } }))
    );
    expect(responses.filter((res) => res.status !== 201).map((res) => res.body)).toEqual([]);
    const slugs = new Set(responses.map((res) => res.body.data.slug as string));
    expect(slugs.size).toBe(20);
    expect([...slugs].every((slug) => /^sprint(-\d+)?$/.test(slug))).toBe(true);
  });
});
