import fs from 'node:fs/promises';
import path from 'node:path';
import { importWordPress, type ImportOptions } from '../../scripts/wordpress/importer';
import type { ImportReport, PostReport } from '../../scripts/wordpress/report';
import { removeUploadsAfterAll } from '../helpers/thumbnails-upload';
import {
  mediaFiles,
  startMediaServer,
  tempDir,
  uniqueExport,
  type MediaServer,
} from '../helpers/wordpress';
import { type TestApp, useSharedApp } from '../helpers/strapi';

/**
 * The importer in-process against the shared app: each test imports its own copy of the fixture export
 * (its own site host, slugs, titles and tags), with media served by a local HTTP server (one image
 * missing, one slow, one corrupt). The command line itself is tested in import-cli.test.ts.
 */
const ARTICLE = 'api::article.article';
const testApp = useSharedApp();
removeUploadsAfterAll();
let app: TestApp;
let media: MediaServer;
let dir: string;

beforeAll(async () => {
  app = testApp();
  media = await startMediaServer();
  dir = await tempDir('wp-import-test-');
});
afterAll(async () => {
  await media.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const run = async (file: string, options: Partial<ImportOptions> = {}) =>
  importWordPress(app.strapi, {
    file,
    mediaFrom: media.url,
    outDir: path.join(dir, path.basename(file, '.xml')),
    ...options,
  });

const post = (report: ImportReport, wpId: number) =>
  report.posts.find((p) => p.wpId === wpId) as PostReport;

const findArticle = (
  documentId: string,
  locale = 'en',
  status: 'published' | 'draft' = 'published'
) =>
  app.strapi.documents(ARTICLE).findOne({
    documentId,
    locale,
    status,
    populate: {
      cover: { populate: { imageCredit: true } } as never,
      coverCredit: true,
      tags: true,
    } as never,
  }) as Promise<Record<string, any> | null>;

describe('a full import', () => {
  let report: ImportReport;
  let id: string;
  beforeAll(async () => {
    const exported = await uniqueExport(dir);
    id = exported.id;
    report = await run(exported.file);
  }, 120_000);

  it('creates the posts with their status, dates, slugs and titles, and skips trash and pages', async () => {
    expect(report.posts.filter((p) => p.action === 'failed').map((p) => p.reason)).toEqual([]);
    const actions = Object.fromEntries(report.posts.map((p) => [p.wpId, p.action]));
    expect(actions).toEqual({
      10: 'created',
      11: 'created',
      12: 'created',
      13: 'created',
      14: 'created',
      15: 'created',
      16: 'skipped',
      17: 'skipped',
      20: 'created',
      21: 'created',
    });

    const harbour = await findArticle(post(report, 10).documentId!);
    expect(harbour).toMatchObject({
      title: `Harbour at dawn ${id}`,
      slug: `harbour-at-dawn-${id}`,
      author: 'Alice Example',
      excerpt: 'The harbour at dawn, with a link.',
    });
    expect(new Date(harbour!.publishedAt).toISOString()).toBe('2024-01-15T10:00:00.000Z');
    expect(post(report, 10).sticky).toBe(true);

    // percent-encoded Cyrillic slug: decoded, then transliterated (Strapi slugs are ASCII)
    expect(post(report, 11).slug).toBe(`privet-mir-${id}`);
    expect(post(report, 11).notes?.join()).toMatch(/slug "привет-мир-.*" became/);

    expect(post(report, 12)).toMatchObject({
      status: 'draft',
      notes: [expect.stringMatching(/^scheduled for 2030-05-01T09:00:00.000Z/)],
    });
    expect(await findArticle(post(report, 12).documentId!)).toBeNull();
    expect(post(report, 13).notes).toContain('password-protected: imported as a draft');
    expect(post(report, 14)).toMatchObject({
      title: 'Untitled (WordPress post 14)',
      status: 'draft',
    });
    expect(post(report, 15).title).toBe(`Hello & world ${id}`);
  });

  it('converts the body and points its images at the uploaded files', async () => {
    const harbour = await findArticle(post(report, 10).documentId!);
    const body = harbour!.body as Array<Record<string, any>>;
    expect(body.map((b) => b.type)).toEqual([
      'paragraph',
      'heading',
      'list',
      'image',
      'quote',
      'code',
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
      'list',
    ]);
    const image = body[3].image;
    expect(image.url).toMatch(/^\/uploads\/inline_/);
    expect(image).toMatchObject({
      alternativeText: 'A chart',
      caption: 'Figure 1',
      mime: 'image/png',
    });
    expect(post(report, 10).losses?.map((l) => l.what)).toEqual([
      'table',
      'embed youtube',
      'dynamic block core/latest-posts',
      'footnotes',
    ]);

    const classic = await findArticle(post(report, 11).documentId!);
    // [caption] (the cover, uploaded once), the gallery without ids (the post's attachments: missing and
    // corrupt become links to the old site, slow is uploaded), the image from another site (a link)
    const summary = (classic!.body as Array<Record<string, any>>).flatMap((b) =>
      b.type === 'image'
        ? [b.image.url]
        : b.children?.[0]?.type === 'link' && /^Image: /.test(b.children[0].children[0].text)
          ? [`link ${b.children[0].url}`]
          : []
    );
    expect(summary).toEqual([
      harbour!.cover.url,
      expect.stringMatching(/^link http:\/\/blog-.*\/missing\.jpg$/),
      expect.stringMatching(/^link http:\/\/blog-.*\/corrupt\.jpg$/),
      expect.stringMatching(/^\/uploads\/slow_/),
      'link https://elsewhere.example/pic.jpg',
    ]);
  });

  it('fetches the original before the -scaled copy, credits it from image_meta and uses it as the cover', async () => {
    const harbour = await findArticle(post(report, 10).documentId!);
    expect(harbour!.cover.name).toBe('cover.jpg');
    expect(harbour!.cover.imageCredit).toMatchObject({
      creator: 'Jane Doe',
      copyrightHolder: 'Example Photo Agency',
      year: 2023,
    });
    expect(harbour!.coverCredit.documentId).toBe(harbour!.cover.imageCredit.documentId);
    const coverMedia = report.media.find((m) => m.wpId === 101)!;
    expect(coverMedia).toMatchObject({
      action: 'uploaded',
      from: `${media.url}/wp-content/uploads/2024/01/cover.jpg`,
    });
  });

  it('reports the missing and the corrupt image with their reason and goes on', () => {
    const byId = Object.fromEntries(report.media.map((m) => [m.wpId, m]));
    expect(byId[104]).toMatchObject({
      action: 'failed',
      reason: expect.stringMatching(/^upload refused: /),
    });
    expect(byId[105]).toMatchObject({ action: 'uploaded' });
    expect(byId[103]).toMatchObject({
      action: 'failed',
      reason: expect.stringMatching(/missing\.jpg: HTTP 404$/),
    });
  });

  it('files categories (with their parents and descriptions) and tags as tags', async () => {
    const harbour = await findArticle(post(report, 10).documentId!);
    const travel = (harbour!.tags as Array<{ name: string; description: string | null }>).find(
      (t) => t.name === `Travel ${id}`
    );
    expect(travel?.description).toBe('Trips near and far.');
    expect((harbour!.tags as Array<{ name: string }>).map((t) => t.name).sort()).toEqual(
      [`Boats ${id}`, `Travel ${id}`, `Travel ${id} / Sea ${id}`].sort()
    );
  });

  it('links Polylang translations as locales of one document', async () => {
    expect(post(report, 21).documentId).toBe(post(report, 20).documentId);
    const german = await findArticle(post(report, 20).documentId!, 'de');
    expect(german).toMatchObject({ title: `Guten Morgen ${id}`, locale: 'de' });
    expect((await findArticle(post(report, 20).documentId!, 'en'))?.title).toBe(
      `Good morning ${id}`
    );
  });

  it('sets the view totals from WP-PostViews meta', async () => {
    const stats = app.strapi.plugin('engagement').service('stats');
    const totals = await stats.totals(ARTICLE, [
      post(report, 10).documentId,
      post(report, 11).documentId,
    ]);
    expect(totals.get(post(report, 10).documentId).views).toBe(1234);
    expect(totals.get(post(report, 11).documentId).views).toBe(7);
  });

  it('imports approved comments with their threads into reader-comments, emails private, and writes the redirect map', async () => {
    const out = path.join(dir, path.basename(report.file, '.xml'));
    const documentId = post(report, 10).documentId!;
    expect(report.comments).toMatchObject({
      imported: 2,
      pingbacks: 1,
      skipped: 1,
      target: 'reader-comments',
    });
    const rows = await app.strapi.db
      .query('plugin::reader-comments.comment')
      .findMany({ where: { subjectId: documentId }, orderBy: { id: 'asc' } });
    expect(
      rows.map((r: Record<string, any>) => [r.text, r.status, r.depth, r.authorEmail])
    ).toEqual([
      ['Lovely photo.', 'approved', 0, 'one@example.org'],
      ['Thank you!', 'approved', 1, 'alice@example.com'],
    ]);
    expect(rows[1].parentId).toBe(rows[0].id);
    expect(new Date(rows[0].createdAt).toISOString()).toBe('2024-01-16T09:00:00.000Z');
    const listed = await app.http().get(`/api/reader-comments/article/${documentId}`);
    expect(listed.body.meta.count).toBe(2);
    expect(JSON.stringify(listed.body)).not.toContain('example.org');

    const csv = await fs.readFile(path.join(out, 'redirects.csv'), 'utf8');
    const target = `/articles/harbour-at-dawn-${id}`;
    expect(csv).toContain(`/harbour-at-dawn-${id}/,${target},301`);
    expect(csv).toContain(`/?p=10,${target},301`);
    expect(csv).toContain(`/harbour-dawn/,${target},301`); // _wp_old_slug
    expect(csv).toContain(`/tag/boats/,/tags/`);
    expect(csv).not.toContain('/?p=12,'); // a scheduled post had no public address
    expect(csv).toContain(`/category/travel/sea/,/tags/`);
    const nginx = await fs.readFile(path.join(out, 'redirects.nginx.map'), 'utf8');
    expect(nginx).toContain(`"/?p=10" "${target}";`);
  });

  it('changes nothing when run again', async () => {
    const before = await app.strapi.db.query('plugin::upload.file').count({});
    const again = await run(path.join(dir, `${report.file}`));
    expect(
      new Set(
        again.posts.filter((p) => p.type === 'post' && p.action !== 'skipped').map((p) => p.action)
      )
    ).toEqual(new Set(['unchanged']));
    expect(again.media.filter((m) => m.action !== 'failed')).toEqual([]);
    expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(before);
    expect(again.comments.imported).toBe(0);
    expect(
      await app.strapi.db
        .query('plugin::reader-comments.comment')
        .count({ where: { subjectId: post(report, 10).documentId } })
    ).toBe(2);
  });
});

it('a dry run writes nothing and says what would change', async () => {
  const { file } = await uniqueExport(dir);
  const articles = await app.strapi.db.query(ARTICLE).count({});
  const files = await app.strapi.db.query('plugin::upload.file').count({});
  const report = await run(file, { dryRun: true });
  expect(report.posts.filter((p) => p.action === 'created')).toHaveLength(8);
  expect(await app.strapi.db.query(ARTICLE).count({})).toBe(articles);
  expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(files);
  await expect(fs.access(path.join(dir, path.basename(file, '.xml')))).rejects.toThrow();
});

it('a run stopped halfway and resumed gives the same articles as one run', async () => {
  const { file } = await uniqueExport(dir);
  await expect(
    run(file, {
      onProgress: (done) => {
        if (done === 3) throw new Error('stopped');
      },
    })
  ).rejects.toThrow('stopped');
  const resumed = await run(file, { resume: true });
  expect(resumed.resumed).toBe(true);
  const imported = resumed.posts.filter((p) => p.documentId);
  expect(imported.filter((p) => p.action === 'unchanged').map((p) => p.wpId)).toEqual([10, 11, 12]);
  // one document per WordPress post (the Polylang pair shares one), one row per locale and status
  const documentIds = new Set(imported.map((p) => p.documentId));
  expect(documentIds.size).toBe(7);
  const rows = await app.strapi.db.query(ARTICLE).findMany({
    where: { documentId: { $in: [...documentIds] } },
    select: ['documentId', 'locale', 'publishedAt'],
  });
  const published = resumed.posts.filter((p) => p.status === 'published').length;
  expect(rows).toHaveLength(imported.length + published);
}, 120_000);

it('fills view totals and the per-day series from a Post Views Counter CSV, and writes comments to a file when asked', async () => {
  const { file } = await uniqueExport(dir);
  const today = new Date();
  const day = (offset: number) =>
    new Date(today.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
  const csv = path.join(dir, 'views.csv');
  await fs.writeFile(
    csv,
    `post_id,period,count\n10,total,5000\n10,${day(1).replaceAll('-', '')},40\n10,${day(2)},60\n10,202401,999\n999,total,3\n`
  );
  const report = await run(file, { viewsCsv: csv, comments: 'file' });
  const comments = JSON.parse(
    await fs.readFile(path.join(dir, path.basename(file, '.xml'), 'comments.json'), 'utf8')
  );
  expect(comments.map((c: Record<string, unknown>) => [c.wpId, c.wpParentId])).toEqual([
    [501, null],
    [502, 501],
  ]);
  expect(report.comments.target).toMatch(/comments\.json$/);
  const documentId = post(report, 10).documentId!;
  const stats = app.strapi.plugin('engagement').service('stats');
  expect((await stats.totals(ARTICLE, [documentId])).get(documentId).views).toBe(5000);
  const daily = await app.strapi
    .plugin('engagement')
    .service('tables')
    .daily(ARTICLE, documentId, 0);
  expect([...daily.values()].map((c: { views: number }) => c.views).sort()).toEqual([40, 60]);
  expect(report.views).toMatchObject({ totals: 2, days: 2, unmatched: 1 });
}, 120_000);

it('reads images from a local copy of wp-content/uploads, original first', async () => {
  const { file } = await uniqueExport(dir);
  const site = path.join(dir, `site-root-${path.basename(file, '.xml')}`);
  for (const [urlPath, bytes] of await mediaFiles()) {
    await fs.mkdir(path.dirname(path.join(site, urlPath)), { recursive: true });
    await fs.writeFile(path.join(site, urlPath), bytes);
  }
  const report = await run(file, { mediaFrom: site });
  const cover = report.media.find((m) => m.wpId === 101)!;
  expect(cover).toMatchObject({
    action: 'uploaded',
    from: path.join(site, 'wp-content/uploads/2024/01/cover.jpg'),
  });
  expect(report.media.find((m) => m.wpId === 103)).toMatchObject({
    action: 'failed',
    reason: expect.stringMatching(/^could not fetch: .*missing\.jpg: not found/),
  });
  const harbour = await findArticle(post(report, 10).documentId!);
  expect(harbour!.cover.name).toBe('cover.jpg');
}, 120_000);
