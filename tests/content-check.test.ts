import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { paragraphs } from './helpers/content';
import { APP_DIR, startTestApp, type TestApp } from './helpers/strapi';

/**
 * `npm run content:check [-- --fix]` end to end, on rows written the way `strapi import` writes them
 * (straight into the tables, around the Document Service) into a database from before the unique indexes.
 * The script boots the app itself, so it runs in a child process, on the database of the test app here,
 * which stays up to look at the rows (as an editor's running server would while someone runs the check).
 */
const ARTICLE = 'api::article.article';
const TAG = 'api::tag.tag';
const CREDIT = 'api::image-credit.image-credit';

let app: TestApp;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'esbuild-register', path.join(APP_DIR, 'scripts', 'content-check.ts'), ...args],
      { cwd: APP_DIR, env: { ...process.env, JEST_WORKER_ID: '' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    );
  });
}

async function dropIndex(strapi: Core.Strapi, name: string, table: string): Promise<void> {
  const client = strapi.db.dialect.client;
  const schema = strapi.db.getSchemaName();
  if (client === 'mysql') await strapi.db.connection.raw(`DROP INDEX \`${name}\` ON \`${table}\``);
  else
    await strapi.db.connection.raw(
      `DROP INDEX ${client === 'postgres' && schema ? `"${schema}".` : ''}"${name}"`
    );
}

const ids = {
  one: 'imp0000000000000000000one',
  two: 'imp0000000000000000000two',
  three: 'imp000000000000000000thre',
  tagA: 'imp00000000000000000tag1a',
  tagB: 'imp00000000000000000tag1b',
  tagC: 'imp00000000000000000tag1c',
  credit: 'imp0000000000000000credit',
};

beforeAll(async () => {
  app = await startTestApp();
  const { strapi } = app;
  // a database from before the rules: no unique indexes yet
  await dropIndex(strapi, 'articles_slug_unique', 'articles');
  await dropIndex(strapi, 'tags_slug_unique', 'tags');
  await dropIndex(strapi, 'tags_name_key_unique', 'tags');
  // what an import of an older export writes: rows as they were, nothing computed
  const body = paragraphs('word '.repeat(450));
  const articles = strapi.db.query(ARTICLE);
  for (const publishedAt of [null, new Date()]) {
    await articles.create({
      data: {
        documentId: ids.one,
        title: 'Imported one',
        body,
        readingTimeMinutes: 0,
        publishedAt,
      },
    });
  }
  await articles.create({
    data: {
      documentId: ids.two,
      title: 'Imported two',
      slug: 'shared-slug',
      excerpt: 'Mine.',
      readingTimeMinutes: 0,
      publishedAt: null,
    },
  });
  await articles.create({
    data: {
      documentId: ids.three,
      title: 'Imported three',
      slug: 'shared-slug',
      excerpt: 'Mine too.',
      readingTimeMinutes: 0,
      publishedAt: null,
    },
  });
  const tags = strapi.db.query(TAG);
  await tags.create({ data: { documentId: ids.tagA, name: 'AI  News', slug: 'ai-news' } });
  await tags.create({ data: { documentId: ids.tagB, name: 'ai\u200b news', slug: 'ai-news-2' } });
  await tags.create({ data: { documentId: ids.tagC, name: 'Other', slug: 'ai-news' } });
  await strapi.db.query(CREDIT).create({
    data: {
      documentId: ids.credit,
      creator: 'Imp',
      sourceUrl: 'javascript:alert(1)',
      aiGenerated: false,
    },
  });
});

afterAll(async () => {
  await app?.stop();
});

it('reports every problem, changes nothing, and exits 1', async () => {
  const { code, stdout } = await cli();
  expect(code).toBe(1);
  for (const line of [
    `${ARTICLE} ${ids.one} slug: has no slug (--fix will generate a free slug from the title)`,
    `${ARTICLE} ${ids.one} excerpt: draft has no excerpt`,
    `${ARTICLE} ${ids.one} readingTimeMinutes: published says 0, body needs 3`,
    `${ARTICLE} ${ids.three} slug: slug "shared-slug" is already another document's`,
    `${TAG} ${ids.tagA} name: "AI  News" has invisible characters or extra spaces (--fix will store "AI News")`,
    `${TAG} ${ids.tagB} name: "ai\u200b news" reads the same as tag ${ids.tagA}; rename or merge it (needs an editor)`,
    `${TAG} ${ids.tagC} slug: slug "ai-news" is already another tag's`,
    `${CREDIT} ${ids.credit} sourceUrl: "javascript:alert(1)" is not an http(s) URL (--fix will clear it)`,
    `${CREDIT} ${ids.credit} creditLine: has no credit line (--fix will set "Photo: © Imp")`,
  ]) {
    expect(stdout).toContain(line);
  }
  expect(stdout).not.toContain(`${ARTICLE} ${ids.two} slug`);
  expect(stdout).toMatch(/run with --fix/);
  expect(
    (await app.strapi.db.query(ARTICLE).findOne({ where: { documentId: ids.three } }))?.slug
  ).toBe('shared-slug');
});

it('--fix repairs what needs no editor and creates the unique indexes; only the look-alike tag stays open', async () => {
  const fixed = await cli('--fix');
  expect(fixed.stdout).toContain(
    `${ARTICLE} ${ids.three} slug: slug "shared-slug" is already another document's (fixed: generate a free slug from the title)`
  );
  expect(fixed.code).toBe(1);

  const { db } = app.strapi;
  const one = (await db.query(ARTICLE).findMany({ where: { documentId: ids.one } })) as Array<
    Record<string, any>
  >;
  expect(
    one.map((row) => [
      row.slug,
      row.readingTimeMinutes,
      String(row.excerpt).startsWith('word word'),
    ])
  ).toEqual([
    ['imported-one', 3, true],
    ['imported-one', 3, true],
  ]);
  expect(await db.query(ARTICLE).findOne({ where: { documentId: ids.three } })).toMatchObject({
    slug: 'imported-three',
    excerpt: 'Mine too.',
  });
  expect(await db.query(CREDIT).findOne({ where: { documentId: ids.credit } })).toMatchObject({
    sourceUrl: null,
    creditLine: 'Photo: © Imp',
  });
  expect((await db.query(TAG).findOne({ where: { documentId: ids.tagC } }))?.slug).toBe('other');
  // the index is back: a second draft row with a taken slug is refused by the database
  const refused = await db
    .query(ARTICLE)
    .create({
      data: {
        documentId: 'imp0000000000000000000dup',
        title: 'Dup',
        slug: 'shared-slug',
        publishedAt: null,
      },
    })
    .then(
      () => false,
      () => true
    );
  expect(refused).toBe(true);
  // the look-alike tag gets a name of its own (raw, like the import)
  await db.query(TAG).update({
    where: { documentId: ids.tagB },
    data: { name: 'AI Newsletter', nameKey: 'ai newsletter' },
  });

  const clean = await cli();
  expect(clean.stdout).toContain('Content check: everything follows the rules.');
  expect(clean.code).toBe(0);
});
