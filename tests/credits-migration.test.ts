import { documentsOf } from './helpers/content';
import { createFile, fileCreditId } from './helpers/credits';
import { startTestApp, type TestApp } from './helpers/strapi';

/**
 * Existing data migrates once: on the first start with credits that follow images, every article's
 * coverCredit becomes its cover file's credit where the file has none. Articles and files are written
 * while the migration is marked as not yet run (as on a database from before it), then the app restarts
 * on the same database.
 */
const ARTICLE = 'api::article.article';
const CREDIT = 'api::image-credit.image-credit';
const STORE = { type: 'app', name: 'publishing' };
const DONE_KEY = 'migration.coverCreditsToFiles';

let app: TestApp | undefined;
afterAll(async () => {
  await app?.stop();
});

const restart = async () => {
  const database = app!.database;
  await app!.stop({ keepDatabase: true });
  app = undefined;
  app = await startTestApp({}, database);
  return app;
};

it("gives each cover file its article's credit once, keeping files' own credits and editors' later removals", async () => {
  app = await startTestApp();
  const credits = documentsOf(app, CREDIT);
  const articles = documentsOf(app, ARTICLE);
  const [publishedCredit, draftCredit, fileOwnCredit, otherArticleCredit] = await Promise.all(
    ['Published Cover', 'Draft Cover', 'File Own', 'Other Article'].map((creator) =>
      credits.create({ data: { creator } })
    )
  );
  const sharedFile = await createFile(app);
  const creditedFile = await createFile(app, { imageCredit: fileOwnCredit.id });
  const draftOnlyFile = await createFile(app);

  // published article: its published row and draft both point at sharedFile; a second draft-only
  // article uses the same file with another credit: the published credit wins
  await articles.create({
    status: 'published',
    data: {
      title: 'Migrated published',
      cover: sharedFile.id,
      coverCredit: publishedCredit.documentId,
    },
  });
  await articles.create({
    data: {
      title: 'Migrated draft same file',
      cover: sharedFile.id,
      coverCredit: otherArticleCredit.documentId,
    },
  });
  await articles.create({
    data: {
      title: 'Migrated credited file',
      cover: creditedFile.id,
      coverCredit: draftCredit.documentId,
    },
  });
  await articles.create({
    data: {
      title: 'Migrated draft only',
      cover: draftOnlyFile.id,
      coverCredit: draftCredit.documentId,
    },
  });
  // the database as it was before the migration: no file credits filled, the migration not run
  expect(await fileCreditId(app, sharedFile.id)).toBeNull();
  await app.strapi.store(STORE).delete({ key: DONE_KEY });

  const migrated = await restart();
  expect(await fileCreditId(migrated, sharedFile.id)).toBe(publishedCredit.id);
  expect(await fileCreditId(migrated, creditedFile.id)).toBe(fileOwnCredit.id);
  expect(await fileCreditId(migrated, draftOnlyFile.id)).toBe(draftCredit.id);
  const res = await migrated.http().get('/api/articles/by-slug/migrated-published');
  expect(res.body.data.effectiveCoverCredit).toMatchObject({
    documentId: publishedCredit.documentId,
  });

  // an editor removes a file's credit: the next start does not put it back
  await migrated.strapi.db
    .query('plugin::upload.file')
    .update({ where: { id: draftOnlyFile.id }, data: { imageCredit: null } });
  const again = await restart();
  expect(await fileCreditId(again, draftOnlyFile.id)).toBeNull();
  expect(await fileCreditId(again, sharedFile.id)).toBe(publishedCredit.id);
});
